package dev.tessera.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.errors.ErrorCode;
import dev.tessera.errors.InvalidArgumentsException;
import dev.tessera.errors.TesseraException;
import dev.tessera.profiling.ChromeTraceWriter;
import dev.tessera.profiling.Trace;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The runtime features the Qwen3 decode layer needs (issue 15): 32 tensor arguments, split-K
 * accumulation ({@link ArgTag#ACCUMULATE} with {@link Tensor#atomicAddFloat}) and the carried
 * early-resolve hint.
 */
class AccumulateTest {
    private static final Topology TOPO = Topology.custom(4, 1);
    private static final Kernel NOTHING = Kernel.of("nothing", ctx -> {});
    private static final int ADDERS = 12;

    @Test
    void aTaskTakesUpToThirtyTwoTensors() {
        try (Arena arena = Arena.ofShared();
                Runtime rt = Runtime.builder().topology(TOPO).sim().build()) {
            Tensor[] ts = new Tensor[33];
            for (int i = 0; i < ts.length; i++) ts[i] = Tensor.allocate(arena, DType.FP32, 1);
            int[] seen = new int[1];
            Kernel count = Kernel.of("count", ctx -> seen[0] = ctx.tensorCount());
            TesseraException[] refused = new TesseraException[1];
            rt.run(orch -> {
                orch.submit(TaskSpec.aiv(count).input(Arrays.copyOf(ts, 32)).named("thirty-two"));
                try {
                    orch.submit(TaskSpec.aiv(NOTHING).input(ts).named("thirty-three"));
                } catch (TesseraException e) {
                    refused[0] = e;
                }
            });
            assertEquals(32, seen[0]);
            InvalidArgumentsException e = assertInstanceOf(InvalidArgumentsException.class, refused[0]);
            assertEquals(ErrorCode.INVALID_ARGS, e.code());
            assertTrue(
                    e.getMessage().contains("'thirty-three'") && e.getMessage().contains("limit of 32 tensors"),
                    e.getMessage());
        }
    }

    /** seed (zeroes acc) → ADDERS accumulators → reader; records who waits for whom. */
    private record Graph(long seed, List<Long> adders, long reader) {}

    private static Graph accumulate(Runtime rt, Tensor acc, Tensor out, float[] shares) {
        List<Long> adders = new ArrayList<>();
        long[] ids = new long[2];
        Kernel zero = Kernel.of("seed", ctx -> ctx.tensor(0).fill(0));
        Kernel read =
                Kernel.of("read", ctx -> ctx.tensor(1).setFloat(0, ctx.tensor(0).getFloat(0)));
        rt.run(orch -> {
            ids[0] = orch.submit(TaskSpec.aiv(zero).output(acc)).taskId();
            for (float share : shares) {
                Kernel add = Kernel.of("add", ctx -> ctx.tensor(0).atomicAddFloat(0, share));
                adders.add(orch.submit(TaskSpec.aic(add).accumulate(acc)).taskId());
            }
            ids[1] = orch.submit(TaskSpec.aiv(read).input(acc).output(out)).taskId();
        });
        return new Graph(ids[0], adders, ids[1]);
    }

    private static float[] shares() {
        // magnitudes far apart, so a different order of the adds gives a different float sum
        float[] s = new float[ADDERS];
        for (int i = 0; i < ADDERS; i++) s[i] = (i % 3 == 0 ? 1e7f : 0.3f) * (i % 2 == 0 ? 1 : -1) + i * 0.01f;
        return s;
    }

    @Test
    void accumulatorsWaitForTheSeedNotForEachOtherAndReadersWaitForAll() {
        Map<Long, long[]> producers = new LinkedHashMap<>();
        try (Arena arena = Arena.ofShared();
                Runtime rt = Runtime.builder()
                        .topology(TOPO)
                        .sim()
                        .submitObserver((id, name, p) -> producers.put(id, p.clone()))
                        .build()) {
            Tensor acc = Tensor.allocate(arena, DType.FP32, 1);
            Tensor out = Tensor.allocate(arena, DType.FP32, 1);
            Graph g = accumulate(rt, acc, out, shares());
            for (long adder : g.adders()) {
                assertArrayEquals(
                        new long[] {g.seed()},
                        producers.get(adder),
                        "accumulator " + adder + " waits for the seed only");
            }
            Set<Long> readerWaits = new TreeSet<>();
            for (long p : producers.get(g.reader())) readerWaits.add(p);
            Set<Long> expected = new TreeSet<>(g.adders());
            expected.add(g.seed());
            assertEquals(expected, readerWaits, "the reader waits for every accumulator and the seed");
        }
    }

    @Test
    void theSumIsRightOnBothPlatformsAndRepeatsBitForBitOnSimWithTheSameSeed() {
        float[] shares = shares();
        double exact = 0;
        for (float s : shares) exact += s;
        int[] bits = new int[2];
        for (int run = 0; run < 3; run++) {
            Runtime.Builder b = Runtime.builder().topology(TOPO);
            if (run < 2) b.sim().seed(11);
            else b.threaded();
            try (Arena arena = Arena.ofShared();
                    Runtime rt = b.build()) {
                Tensor acc = Tensor.allocate(arena, DType.FP32, 1);
                Tensor out = Tensor.allocate(arena, DType.FP32, 1);
                acc.setFloat(0, 12345f); // the seed task must zero it first
                accumulate(rt, acc, out, shares);
                float got = out.getFloat(0);
                assertEquals(exact, got, 2.0, "run " + run);
                if (run < 2) bits[run] = Float.floatToRawIntBits(got);
            }
        }
        assertEquals(bits[0], bits[1], "same seed, same sum on sim");
    }

    @Test
    void concurrentAtomicAddsLoseNothing() throws InterruptedException {
        try (Arena arena = Arena.ofShared()) {
            Tensor t = Tensor.allocate(arena, DType.FP32, 2);
            Thread[] threads = new Thread[4];
            for (int i = 0; i < threads.length; i++) {
                threads[i] = new Thread(() -> {
                    for (int k = 0; k < 20_000; k++) t.atomicAddFloat(1, 1f);
                });
                threads[i].start();
            }
            for (Thread th : threads) th.join();
            assertEquals(80_000f, t.getFloat(1)); // integers below 2^24 add exactly in float
            assertEquals(0f, t.getFloat(0));
        }
    }

    @Test
    void theEarlyResolveHintIsCarriedIntoTheTraceAndItsJson() throws java.io.IOException {
        try (Runtime rt = Runtime.builder().topology(TOPO).sim().trace(true).build()) {
            RunResult r = rt.run(orch -> {
                orch.submit(TaskSpec.aic(NOTHING).blocks(2).earlyResolve().named("hinted"));
                orch.submit(TaskSpec.aic(NOTHING).named("plain"));
            });
            Trace trace = r.trace();
            for (Trace.Task t : trace.tasks()) assertEquals(t.name().equals("hinted"), t.earlyResolve(), t.name());
            var bytes = new java.io.ByteArrayOutputStream();
            ChromeTraceWriter.write(trace, bytes);
            String json = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(json.contains("\"earlyResolve\":true"), "the hinted task's slices say so");
            assertEquals(
                    4,
                    json.split("\"earlyResolve\":true", -1).length - 1,
                    "two blocks, each with a subtask slice and a dispatch slice");
        }
        assertFalse(TaskSpec.aic(NOTHING).allowsEarlyResolve());
    }
}
