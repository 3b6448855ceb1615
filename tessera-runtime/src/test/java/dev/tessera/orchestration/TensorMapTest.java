package dev.tessera.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.DType;
import dev.tessera.api.Tensor;
import dev.tessera.core.TaskRing;
import dev.tessera.core.TaskSlot;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TensorMap on its own (spec §3.4): buffer keys, COVERED retirement, stale entries, cleanup. */
class TensorMapTest {
    private static final int WINDOW = 256;

    private Arena arena;
    private TaskRing[] rings;

    @BeforeEach
    void setUp() {
        arena = Arena.ofShared();
        rings = new TaskRing[4];
        for (int r = 0; r < rings.length; r++) rings[r] = new TaskRing(r, WINDOW, 1024, arena);
    }

    @AfterEach
    void tearDown() {
        arena.close();
    }

    private TaskSlot task(int ring) {
        return rings[ring].allocateSlot(0);
    }

    private static List<TaskSlot> producers(TaskSlot t) {
        List<TaskSlot> out = new ArrayList<>();
        for (int i = 0; i < t.producerCount; i++) out.add(t.producers[i]);
        return out;
    }

    /** Completes and releases {@code t} (its own and its scope's reference), so the watermark can pass it. */
    private void retire(TaskSlot t) {
        t.markCompleted();
        assertFalse(t.release(), "the scope still holds it");
        assertTrue(t.release(), "the last holder let go: consumed");
        rings[t.ring].advance();
    }

    @Test
    void viewsOfDifferentBuffersAreNeverCompared() {
        // 100 entries in a map of 64 buckets: some buffers necessarily share a bucket
        TensorMap map = new TensorMap(rings, 100, WINDOW);
        List<Tensor> buffers = new ArrayList<>();
        List<TaskSlot> writers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Tensor t = Tensor.allocate(arena, DType.FP32, 4, 4);
            TaskSlot w = task(0);
            map.insert(t, w);
            buffers.add(t);
            writers.add(w);
        }
        assertEquals(100, map.live());
        for (int i = 0; i < 100; i++) {
            TaskSlot reader = task(1);
            int found = map.lookup(buffers.get(i).view(new long[] {2, 2}, new long[] {1, 1}), false, reader);
            assertEquals(1, found, "buffer " + i);
            assertEquals(
                    List.of(writers.get(i)),
                    producers(reader),
                    "reader of buffer " + i + " found another buffer's writer");
        }
    }

    @Test
    void inoutCoveringRetiresTheOlderEntryButInputDoesNot() {
        TensorMap map = new TensorMap(rings, 16, WINDOW);
        Tensor m = Tensor.allocate(arena, DType.FP32, 8, 8);
        TaskSlot small = task(0);
        map.insert(m.view(new long[] {2, 2}, new long[] {1, 1}), small);
        TaskSlot reader = task(0);
        map.lookup(m, false, reader);
        assertEquals(List.of(small), producers(reader));
        assertEquals(1, map.live(), "an INPUT never removes entries");

        TaskSlot partial = task(0);
        map.lookup(m.view(new long[] {2, 2}, new long[] {2, 2}), true, partial);
        assertEquals(List.of(small), producers(partial));
        assertEquals(1, map.live(), "a partial (OTHER) INOUT does not remove the entry");
        map.insert(m.view(new long[] {2, 2}, new long[] {2, 2}), partial);

        TaskSlot cover = task(0);
        map.lookup(m.view(new long[] {4, 4}, new long[] {0, 0}), true, cover);
        assertEquals(java.util.Set.of(small, partial), java.util.Set.copyOf(producers(cover)));
        assertEquals(0, map.live(), "the covering INOUT retired both entries");
        map.insert(m.view(new long[] {4, 4}, new long[] {0, 0}), cover);

        TaskSlot later = task(0);
        map.lookup(m.view(new long[] {1, 1}, new long[] {1, 1}), false, later);
        assertEquals(List.of(cover), producers(later), "later readers see only the newest writer");
    }

    @Test
    void outputExistingStyleInsertsAccumulateUntilCovered() {
        TensorMap map = new TensorMap(rings, 16, WINDOW);
        Tensor v = Tensor.allocate(arena, DType.INT32, 16);
        TaskSlot a = task(0);
        TaskSlot b = task(0);
        map.insert(v.slice(0, 0, 8), a);
        map.insert(v.slice(0, 0, 8), b); // a second writer of the same region, with no lookup in between
        TaskSlot reader = task(0);
        map.lookup(v.slice(0, 4, 5), false, reader);
        assertEquals(List.of(b, a), producers(reader), "both writers are found, newest first");
        TaskSlot other = task(0);
        map.lookup(v.slice(0, 8, 16), false, other);
        assertEquals(List.of(), producers(other));
    }

    @Test
    void retiredProducersAreSkippedAndFreedBySync() {
        TensorMap map = new TensorMap(rings, 16, WINDOW);
        Tensor v = Tensor.allocate(arena, DType.FP32, 32);
        TaskSlot w0 = task(2);
        TaskSlot w1 = task(2);
        map.insert(v.slice(0, 0, 16), w0);
        map.insert(v.slice(0, 16, 32), w1);
        assertEquals(2, map.live());
        retire(w0);
        assertEquals(1, rings[2].lastTaskAlive());
        TaskSlot reader = task(2);
        map.lookup(v, false, reader);
        assertEquals(List.of(w1), producers(reader), "an entry whose producer retired is skipped");

        TensorMap map2 = new TensorMap(rings, 16, WINDOW);
        TaskSlot x = task(3);
        map2.insert(v, x);
        TaskSlot y = task(3);
        map2.insert(v.slice(0, 0, 4), y);
        assertEquals(2, map2.live());
        map2.sync(3);
        assertEquals(2, map2.live(), "nothing retired yet");
        retire(x);
        map2.sync(3);
        assertEquals(1, map2.live(), "sync frees the entries of retired tasks");
        List<TaskSlot> writers = new ArrayList<>();
        map2.writersOf(v, writers);
        assertEquals(List.of(y), writers);
        assertEquals(1, map2.live(), "writersOf does not change the map");
        retire(y);
        map2.syncAll();
        assertEquals(0, map2.live());
        assertEquals(16, map2.free());
    }

    @Test
    void entriesOfAReusedSlotDoNotStandForTheNewTask() {
        TaskRing small = new TaskRing(0, 4, 1024, arena);
        TaskRing[] rs = {small, rings[1], rings[2], rings[3]};
        TensorMap map = new TensorMap(rs, 16, 4);
        Tensor v = Tensor.allocate(arena, DType.FP32, 8);
        TaskSlot old = small.allocateSlot(0);
        map.insert(v, old);
        long oldId = old.taskId();
        old.markCompleted();
        old.release();
        old.release();
        small.advance();
        // three more tasks wrap the 4-slot ring onto the old task's slot
        TaskSlot reused = null;
        for (int i = 0; i < 4; i++) {
            TaskSlot t = small.allocateSlot(0);
            if (t == old) reused = t;
            t.markCompleted();
            t.release();
            t.release();
            small.advance();
        }
        assertSame(old, reused, "the slot object was reused");
        assertTrue(reused.taskId() != oldId);
        assertNull(small.liveSlot(oldId & 0xFFFFFFFFL));
        TaskSlot reader = rings[1].allocateSlot(0);
        assertEquals(0, map.lookup(v, false, reader), "the stale entry must not name the slot's new task");
        assertEquals(List.of(), producers(reader));
    }
}
