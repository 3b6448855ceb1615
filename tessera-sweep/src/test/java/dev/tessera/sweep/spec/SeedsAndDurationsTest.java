package dev.tessera.sweep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedsAndDurationsTest {
    private static final Where W = Where.flag("--x");

    @Test
    void seedLists() {
        assertEquals(List.of(1L, 2L, 3L), Seeds.parse("1..3", W));
        assertEquals(List.of(7L), Seeds.parse("7", W));
        assertEquals(List.of(1L, 2L, 20L, -1L), Seeds.parse("1..2, 20,-1", W));
        assertEquals(List.of(4L, 5L), Seeds.parse("4..5,5", W), "a seed named twice runs once");
        assertThrows(SweepFileException.class, () -> Seeds.parse("1..", W));
        assertThrows(SweepFileException.class, () -> Seeds.parse("0..2000000", W));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90", W));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms", W));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m", W));
        assertEquals(Duration.ofHours(2), Durations.parse(" 2H ", W));
        assertThrows(SweepFileException.class, () -> Durations.parse("0s", W));
        assertThrows(SweepFileException.class, () -> Durations.parse("-3", W));
        assertEquals("4.2s", Durations.format(Duration.ofMillis(4200)));
        assertEquals("2m 05s", Durations.format(Duration.ofSeconds(125)));
        assertEquals("1h 01m", Durations.format(Duration.ofSeconds(3700)));
    }
}
