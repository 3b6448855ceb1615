package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Ring heaps: zeroed, aligned, usable from any thread, freed with their arena, and paid for only where touched. */
class HeapMemoryTest {
    private static final long MIB = 1L << 20;

    @Test
    void theTestJvmAllowsNativeAccessSoHeapsAreMappedLazily() {
        assertTrue(HeapMemory.lazy(), "surefire passes --enable-native-access=ALL-UNNAMED on Linux");
    }

    @Test
    void aHeapIsZeroedAlignedWritableFromAnotherThreadAndGoneWithItsArena() throws InterruptedException {
        Arena arena = Arena.ofShared();
        MemorySegment heap = HeapMemory.allocate(arena, 8 * MIB + 4096);
        assertEquals(8 * MIB + 4096, heap.byteSize());
        assertEquals(0, heap.address() % 64);
        for (long at = 0; at < heap.byteSize(); at += 4096) assertEquals(0L, heap.get(ValueLayout.JAVA_LONG, at));
        Thread writer = Thread.ofPlatform().start(() -> heap.set(ValueLayout.JAVA_LONG, heap.byteSize() - 8, 42L));
        writer.join();
        assertEquals(42L, heap.get(ValueLayout.JAVA_LONG, heap.byteSize() - 8));
        arena.close();
        assertThrows(IllegalStateException.class, () -> heap.get(ValueLayout.JAVA_LONG, 0));
    }

    @Test
    void untouchedPagesOfAHeapCostNoMemory() throws IOException {
        try (Arena arena = Arena.ofShared()) {
            long before = residentBytes();
            MemorySegment heap = HeapMemory.allocate(arena, 512 * MIB);
            heap.set(ValueLayout.JAVA_LONG, 0, 1L); // one page used
            long grew = residentBytes() - before;
            // Allocated and zeroed, the 512 MiB would all be resident.
            assertTrue(
                    grew < 64 * MIB,
                    "resident memory grew by " + grew / MIB + " MiB for a 512 MiB heap with one page used");
        }
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
