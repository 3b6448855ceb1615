package dev.tessera.profiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SegmentsTest {

    @Test
    void consecutiveIndexesFillEachSegmentInOrderThenMoveOn() {
        Segments s = new Segments(16);
        int seg = 0, off = -1;
        for (int i = 0; i < 100_000; i++) {
            int k = s.segment(i), o = s.offset(i, k);
            if (k == seg) {
                assertEquals(off + 1, o, "index " + i);
            } else {
                assertEquals(seg + 1, k, "index " + i);
                assertEquals(s.size(seg) - 1, off, "segment " + seg + " was full");
                assertEquals(0, o);
            }
            seg = k;
            off = o;
        }
    }

    @Test
    void capacityRoundsUpToAPowerOfTwo() {
        assertEquals(16, new Segments(1).base());
        assertEquals(1024, new Segments(1000).base());
        assertEquals(1024, new Segments(1024).base());
        assertEquals(2048, new Segments(1025).base());
    }

    @Property
    void everyIntIndexFitsInTheDirectory(
            @ForAll @IntRange(min = 0) int index, @ForAll @IntRange(min = 1, max = 1 << 20) int capacity) {
        Segments s = new Segments(capacity);
        int k = s.segment(index);
        assertTrue(k >= 0 && k < Segments.MAX, "segment " + k);
        int o = s.offset(index, k);
        assertTrue(o >= 0 && o < s.size(k), "offset " + o + " of " + s.size(k));
    }
}
