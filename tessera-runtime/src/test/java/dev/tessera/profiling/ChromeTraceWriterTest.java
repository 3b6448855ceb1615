package dev.tessera.profiling;

import static dev.tessera.profiling.JsonTree.list;
import static dev.tessera.profiling.JsonTree.num;
import static dev.tessera.profiling.JsonTree.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChromeTraceWriterTest {

    private static String write(Trace trace) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTraceWriter.write(trace, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<Map<String, Object>> events(String json) {
        return list(obj(JsonTree.parse(json)).get("traceEvents")).stream()
                .map(JsonTree::obj)
                .toList();
    }

    private static List<Map<String, Object>> select(List<Map<String, Object>> events, String ph, String cat) {
        return events.stream()
                .filter(e -> ph.equals(e.get("ph")) && (cat == null || cat.equals(e.get("cat"))))
                .toList();
    }

    private static long ns(Object micros) {
        return ((BigDecimal) micros).movePointRight(3).longValueExact();
    }

    @Test
    void oneCompleteEventPerSubtaskOnItsCoreAndOnePerDispatchOnItsScheduler() throws Exception {
        Trace trace = TraceStatsTest.smallMixedTrace();
        List<Map<String, Object>> events = events(write(trace));
        List<Map<String, Object>> runs = select(events, "X", "subtask");
        assertEquals(5, runs.size());
        for (Map<String, Object> e : runs) {
            Map<String, Object> args = obj(e.get("args"));
            int core = (int) num(args.get("coreId"));
            assertEquals(core, num(e.get("tid")));
            assertEquals(ChromeTraceWriter.pidOf(trace.topology(), core), num(e.get("pid")));
            assertEquals(num(args.get("startNs")), ns(e.get("ts")));
            assertEquals(num(args.get("endNs")) - num(args.get("startNs")), ns(e.get("dur")));
        }
        List<Map<String, Object>> dispatches = select(events, "X", "dispatch");
        assertEquals(5, dispatches.size());
        for (Map<String, Object> e : dispatches) {
            assertEquals((long) ChromeTraceWriter.PID_SCHEDULERS, num(e.get("pid")));
            assertEquals(num(obj(e.get("args")).get("dispatchNs")), ns(e.get("ts")));
        }
    }

    @Test
    void everyDispatchHasAFlowArrowToItsStart() throws Exception {
        Trace trace = SampleTraces.parallel();
        List<Map<String, Object>> events = events(write(trace));
        List<Map<String, Object>> starts = select(events, "s", "flow"), ends = select(events, "f", "flow");
        assertEquals(24, starts.size());
        assertEquals(24, ends.size());
        Map<Long, Map<String, Object>> endById = new HashMap<>();
        for (Map<String, Object> e : ends) endById.put(num(e.get("id")), e);
        Set<Long> ids = new HashSet<>();
        for (Map<String, Object> s : starts) {
            long id = num(s.get("id"));
            assertTrue(ids.add(id), "flow ids are unique");
            Map<String, Object> f = endById.get(id);
            assertEquals((long) ChromeTraceWriter.PID_SCHEDULERS, num(s.get("pid")));
            assertEquals(ChromeTraceWriter.PID_AIV, num(f.get("pid")));
            assertEquals(SampleTraces.PICKUP, ns(f.get("ts")) - ns(s.get("ts")), "arrow runs dispatch -> start");
            assertEquals("e", f.get("bp"));
        }
    }

    @Test
    void timestampsAreMicrosecondsWithThreeDecimals() throws Exception {
        String json = write(TraceStatsTest.smallMixedTrace());
        assertTrue(json.contains("\"ts\":0.012"), "start 12 ns -> 0.012 us");
        assertTrue(json.contains("\"dur\":0.038"), "run 38 ns -> 0.038 us");
    }

    @Test
    void tracksAreNamedAndGroupedByCoreType() throws Exception {
        Trace trace = SampleTraces.parallel();
        List<Map<String, Object>> meta = select(events(write(trace)), "M", null);
        Map<Long, String> processes = new HashMap<>();
        int coreThreads = 0, schedulerThreads = 0;
        for (Map<String, Object> m : meta) {
            Object name = obj(m.get("args")).get("name");
            if ("process_name".equals(m.get("name"))) processes.put(num(m.get("pid")), (String) name);
            if ("thread_name".equals(m.get("name"))) {
                if (num(m.get("pid")) == ChromeTraceWriter.PID_SCHEDULERS) schedulerThreads++;
                else coreThreads++;
            }
        }
        assertEquals(Map.of(1L, "AIC cores", 2L, "AIV cores", 3L, "schedulers"), processes);
        assertEquals(72, coreThreads);
        assertEquals(3, schedulerThreads);
        Map<String, Object> other = obj(obj(JsonTree.parse(write(trace))).get("otherData"));
        assertEquals("PARALLEL", other.get("policy"));
        assertEquals(57_000L, num(other.get("makespanNs")));
    }
}
