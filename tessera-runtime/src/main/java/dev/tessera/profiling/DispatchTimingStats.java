package dev.tessera.profiling;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The statistics the reference judged its post-#827 dispatch work by (workloads.md Part B), from a
 * {@link Trace}; docs/swimlanes.md defines each:
 * <ul>
 *   <li><b>first-wave start span</b>, per SPMD task and scheduler: the blocks that scheduler dispatched
 *       in its first pass over the task (its dispatches of the task before it dispatched anything
 *       else), last start − first start;</li>
 *   <li><b>first-dispatch stagger</b>, per SPMD task dispatched by more than one scheduler: each
 *       scheduler's first dispatch of the task, max − min;</li>
 *   <li><b>producer-end → consumer-start gap</b> for named edges {@code A→B}: for every task named B
 *       (or {@code B_…}), its first block start − the last block end of the latest task named A
 *       submitted before it;</li>
 *   <li><b>sync-start drain</b>, per sync-start task that needed a drain: the drain's start (the
 *       scheduler that popped it found too few idle targets and began setting targets aside, or froze
 *       the others; {@link Trace#drainStartNs}) → its launch (last dispatch);</li>
 *   <li><b>sync-start wait</b>, per sync-start task: its ready time → its launch, which adds the time
 *       it waited in the ready queue (and is all there is for a cohort launched at once).</li>
 * </ul>
 * Each is summarised per run as count, mean and max (min too for gaps, which can be negative only
 * on a broken trace). Kept apart from {@link TraceStats}, which describes the run as a whole.
 */
public final class DispatchTimingStats {
    /** Count, mean, min and max of a set of durations in nanoseconds; all 0 when empty. */
    public record Summary(int count, double meanNs, long minNs, long maxNs) {
        static Summary of(List<Long> xs) {
            if (xs.isEmpty()) return new Summary(0, 0, 0, 0);
            long sum = 0, min = Long.MAX_VALUE, max = Long.MIN_VALUE;
            for (long x : xs) {
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            return new Summary(xs.size(), (double) sum / xs.size(), min, max);
        }

        String text() {
            return count == 0
                    ? "none"
                    : String.format(Locale.ROOT, "mean %.2f µs, max %.2f µs (%d)", meanNs / 1e3, maxNs / 1e3, count);
        }
    }

    /** An edge between kernels, by task name: {@code producer → consumer}. */
    public record Edge(String producer, String consumer) {
        /** {@code "a->b"} or {@code "a→b"}. */
        public static Edge parse(String text) {
            String[] p = text.split("->|→");
            if (p.length != 2 || p[0].isBlank() || p[1].isBlank())
                throw new IllegalArgumentException("an edge is PRODUCER->CONSUMER, got '" + text + "'");
            return new Edge(p[0].trim(), p[1].trim());
        }

        @Override
        public String toString() {
            return producer + " → " + consumer;
        }
    }

    private final Summary firstWaveSpan;
    private final Summary firstDispatchStagger;
    private final Map<Edge, Summary> gaps;
    private final Summary syncStartWait;
    private final Summary drain;

    private DispatchTimingStats(Summary span, Summary stagger, Map<Edge, Summary> gaps, Summary wait, Summary drain) {
        this.drain = drain;
        this.firstWaveSpan = span;
        this.firstDispatchStagger = stagger;
        this.gaps = gaps;
        this.syncStartWait = wait;
    }

    /** Per-task timing facts gathered in one pass over the subtasks. */
    private static final class TaskTimes {
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        long ready = Long.MAX_VALUE;
        long lastDispatch = Long.MIN_VALUE;
        final Map<Integer, Long> firstDispatchBy = new HashMap<>();
    }

    public static DispatchTimingStats of(Trace trace, List<Edge> edges) {
        Map<Long, TaskTimes> times = new HashMap<>();
        Map<Integer, List<Trace.Subtask>> bySched = new HashMap<>();
        for (Trace.Subtask s : trace.subtasks()) {
            TaskTimes t = times.computeIfAbsent(s.taskId(), k -> new TaskTimes());
            if (s.startNs() != Trace.NONE) t.firstStart = Math.min(t.firstStart, s.startNs());
            if (s.endNs() != Trace.NONE) t.lastEnd = Math.max(t.lastEnd, s.endNs());
            if (s.readyNs() != Trace.NONE) t.ready = Math.min(t.ready, s.readyNs());
            if (s.dispatchNs() == Trace.NONE) continue;
            t.lastDispatch = Math.max(t.lastDispatch, s.dispatchNs());
            t.firstDispatchBy.merge(s.scheduler(), s.dispatchNs(), Math::min);
            bySched.computeIfAbsent(s.scheduler(), k -> new ArrayList<>()).add(s);
        }
        List<Long> spans = firstWaveSpans(trace, bySched);
        List<Long> staggers = new ArrayList<>();
        List<Long> waits = new ArrayList<>();
        List<Long> drains = new ArrayList<>();
        for (Trace.Task task : trace.tasks()) {
            TaskTimes t = times.get(task.id());
            if (t == null || task.blockNum() < 2) continue;
            if (t.firstDispatchBy.size() > 1) {
                long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
                for (long d : t.firstDispatchBy.values()) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
                staggers.add(max - min);
            }
            if (task.syncStart() && t.ready != Long.MAX_VALUE && t.lastDispatch != Long.MIN_VALUE)
                waits.add(t.lastDispatch - t.ready);
            long drainStart = trace.drainStartNs(task.id());
            if (task.syncStart() && drainStart != Trace.NONE && t.lastDispatch != Long.MIN_VALUE)
                drains.add(t.lastDispatch - drainStart);
        }
        Map<Edge, Summary> gaps = new LinkedHashMap<>();
        for (Edge e : edges) gaps.put(e, Summary.of(gaps(trace, times, e)));
        return new DispatchTimingStats(
                Summary.of(spans), Summary.of(staggers), gaps, Summary.of(waits), Summary.of(drains));
    }

    /** In each scheduler's dispatch order, the first unbroken run of an SPMD task's dispatches is its first wave. */
    private static List<Long> firstWaveSpans(Trace trace, Map<Integer, List<Trace.Subtask>> bySched) {
        List<Long> spans = new ArrayList<>();
        for (List<Trace.Subtask> subs : bySched.values()) {
            subs.sort((a, b) -> a.dispatchNs() != b.dispatchNs()
                    ? Long.compare(a.dispatchNs(), b.dispatchNs())
                    : a.core() != b.core()
                            ? Integer.compare(a.core(), b.core())
                            : Integer.compare(a.token(), b.token()));
            Map<Long, Boolean> waveDone = new HashMap<>();
            int i = 0;
            while (i < subs.size()) {
                long id = subs.get(i).taskId();
                int j = i;
                long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
                java.util.Set<Integer> blocks = new java.util.HashSet<>();
                while (j < subs.size() && subs.get(j).taskId() == id) {
                    Trace.Subtask s = subs.get(j);
                    blocks.add(s.blockIdx());
                    if (s.startNs() != Trace.NONE) {
                        min = Math.min(min, s.startNs());
                        max = Math.max(max, s.startNs());
                    }
                    j++;
                }
                if (waveDone.putIfAbsent(id, true) == null
                        && trace.task(id).blockNum() > 1
                        && blocks.size() > 1
                        && min <= max) {
                    spans.add(max - min);
                }
                i = j;
            }
        }
        return spans;
    }

    private static List<Long> gaps(Trace trace, Map<Long, TaskTimes> times, Edge e) {
        List<Long> out = new ArrayList<>();
        TaskTimes producer = null;
        for (Trace.Task task : trace.tasks()) {
            TaskTimes t = times.get(task.id());
            if (matches(task.name(), e.consumer()) && producer != null && t != null && t.firstStart != Long.MAX_VALUE) {
                out.add(t.firstStart - producer.lastEnd);
            }
            if (matches(task.name(), e.producer()) && t != null && t.lastEnd != Long.MIN_VALUE) producer = t;
        }
        return out;
    }

    private static boolean matches(String name, String kernel) {
        return name.equals(kernel) || name.startsWith(kernel + "_");
    }

    public Summary firstWaveSpan() {
        return firstWaveSpan;
    }

    public Summary firstDispatchStagger() {
        return firstDispatchStagger;
    }

    public Map<Edge, Summary> gaps() {
        return gaps;
    }

    public Summary syncStartWait() {
        return syncStartWait;
    }

    public Summary syncStartDrain() {
        return drain;
    }

    /** A few lines for the console. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        line(sb, "first-wave start span", firstWaveSpan);
        line(sb, "first-dispatch stagger", firstDispatchStagger);
        line(sb, "sync-start drain", drain);
        line(sb, "sync-start wait", syncStartWait);
        for (Map.Entry<Edge, Summary> g : gaps.entrySet()) {
            if (g.getValue().count() > 0) line(sb, "gap " + g.getKey(), g.getValue());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, Summary s) {
        sb.append(String.format(Locale.ROOT, "%-24s %s%n", label, s.text()));
    }

    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        summary(g, "firstWaveStartSpan", firstWaveSpan);
        summary(g, "firstDispatchStagger", firstDispatchStagger);
        summary(g, "syncStartDrain", drain);
        summary(g, "syncStartWait", syncStartWait);
        g.writeObjectFieldStart("gaps");
        for (Map.Entry<Edge, Summary> e : gaps.entrySet())
            summary(g, e.getKey().producer() + "->" + e.getKey().consumer(), e.getValue());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void summary(JsonGenerator g, String name, Summary s) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("count", s.count());
        g.writeNumberField("meanNs", s.meanNs());
        g.writeNumberField("minNs", s.minNs());
        g.writeNumberField("maxNs", s.maxNs());
        g.writeEndObject();
    }

    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            writeJson(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
