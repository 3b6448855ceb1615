package dev.tessera.sweep.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DistributionTest {
    @Test
    void quantilesInterpolateBetweenRanks() {
        Distribution d = Distribution.of(11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertEquals(6, d.median());
        assertEquals(2, d.p10(), 1e-12);
        assertEquals(10, d.p90(), 1e-12);
        assertEquals(1, d.quantile(0));
        assertEquals(11, d.quantile(1));
        Distribution two = Distribution.of(10, 20);
        assertEquals(15, two.median());
        assertEquals(11, two.p10(), 1e-12);
        assertEquals(7, Distribution.of(7).p90());
        assertThrows(IllegalArgumentException.class, Distribution::of);
    }

    @Test
    void niceAxisSteps() {
        assertEquals(0.5, BoxPlots.niceStep(0.31), 1e-12);
        assertEquals(2, BoxPlots.niceStep(1.2), 1e-12);
        assertEquals(10, BoxPlots.niceStep(10), 1e-12);
        assertEquals(50_000, BoxPlots.niceStep(23_000), 1e-9);
    }
}
