package dev.tessera.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tessera.scheduler.DispatchPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harnesses do what the figures claim they do (never how fast: benchmarks measure, tests don't). */
class HarnessTest {
    @Test
    void schedulerHarnessDispatchesEveryBlockOfEveryBatch() {
        for (DispatchPolicy policy : new DispatchPolicy[] {DispatchPolicy.PARALLEL, DispatchPolicy.SERIAL}) {
            try (SchedulerWorkload w = new SchedulerWorkload(8, 24, policy, 960)) {
                assertEquals(960, w.blocksPerBatch());
                for (int batch = 1; batch <= 3; batch++) {
                    w.submitBatch();
                    assertEquals(960, w.schedule());
                    assertEquals(960L * batch, w.runtime().posts(), "one core dispatch per AIV block");
                    assertEquals(
                            w.runtime().state().submitted.get(),
                            w.runtime().state().completed.get());
                }
                assertEquals(0, w.runtime().state().rings[1].alive(), "every task of the batches retired");
            }
        }
    }

    @Test
    void submitHarnessFindsProducersAndRetiresEachBatch() {
        try (SubmitWorkload w = new SubmitWorkload(3, 8)) {
            long background = w.runtime().state().submitted.get();
            assertEquals(7, background, "writers - 1 background tasks");
            for (int batch = 0; batch < 3; batch++) {
                w.beginBatch();
                for (int i = 0; i < SubmitWorkload.BATCH; i++) w.submitPrebuilt(i);
                assertEquals(SubmitWorkload.BATCH, w.runtime().state().rings[1].alive());
                w.endBatch();
                assertEquals(0, w.runtime().state().rings[1].alive(), "the batch retired");
            }
            for (int i = 0; i < 10; i++) w.buildAndSubmit(i);
        }
    }

    @Test
    void submitHarnessTasksReallyHaveProducers() {
        List<Integer> producerCounts = new ArrayList<>();
        try (SubmitWorkload w = new SubmitWorkload(3, 1)) {
            w.beginBatch();
            for (int i = 0; i < 10; i++) {
                long id = w.submitPrebuilt(i);
                producerCounts.add(
                        w.runtime().state().rings[1].liveSlot(dev.tessera.api.TaskIds.local(id)).producerCount);
            }
            w.endBatch();
        }
        // task 0 finds nobody; from task 3 on, the last writers of all three buffers
        assertEquals(0, producerCounts.get(0));
        assertEquals(3, producerCounts.get(9));
    }

    @Test
    void metgSearchBracketsTheCrossing() {
        // efficiency d / (d + 10): exactly 50% at 10 µs
        Metg.Result r = Metg.search(d -> d / (d + 10), 0.5, 8);
        assertTrue(r.metgUs() >= 10 && r.metgUs() <= 10 * 1.03, "metg " + r.metgUs());
        Metg.Result small = Metg.search(d -> d / (d + 0.2), 0.5, 8);
        assertTrue(small.metgUs() >= 0.2 && small.metgUs() <= 0.2 * 1.03, "metg " + small.metgUs());
        Metg.Result never = Metg.search(d -> 0.1, 0.5, 8);
        assertTrue(Double.isNaN(never.metgUs()));
    }

    @Test
    void spinIterationsScaleWithDuration() {
        assertTrue(Spin.iterations(10) > Spin.iterations(1));
        assertTrue(Spin.iterations(1) > 0);
    }

    @Test
    void resultsSerialiseAsNameUnitValue(@TempDir Path dir) throws IOException {
        BenchResults r = new BenchResults();
        r.add("submit_ns_per_task", "ns", 123.5, "what");
        r.add("metg50_us", "us", Double.NaN, "not measured");
        r.environment("cpus", "2");
        Path file = dir.resolve("out/bench.json");
        r.writeJson(file);
        List<String> names = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(Files.readString(file))) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            assertEquals("results", p.nextFieldName());
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String name = null;
                boolean value = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if (f.equals("name")) name = p.getText();
                    if (f.equals("value")) value = true;
                }
                assertTrue(value, "every result has a value (null when not measured)");
                names.add(name);
            }
        }
        assertEquals(List.of("submit_ns_per_task", "metg50_us"), names);
        assertTrue(r.toJson().contains("\"environment\""));
    }
}
