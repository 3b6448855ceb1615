package dev.tessera.profiling.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code run} prints and writes to {@code dispatch.json} for the trace of {@link DispatchTimingsTest}. */
class DispatchTimingsOutputTest {
    private static final DispatchTimings D = DispatchTimings.of(
            DispatchTimingsTest.oneCohortThenAConsumer(), List.of(Edge.parse("a->b"), Edge.parse("a->c")));

    @Test
    void oneConsoleLinePerFigureAndNoneForAnEdgeTheRunLacks() {
        assertEquals(
                String.join(
                        System.lineSeparator(),
                        "first-wave start span    mean 0.20 µs, max 0.20 µs (1)",
                        "first-pass start span    mean 0.03 µs, max 0.03 µs (1)",
                        "first-dispatch stagger   0.04 µs",
                        "task dispatch stagger    mean 0.04 µs, max 0.04 µs (1)",
                        "sync-start drain         mean 0.05 µs, max 0.05 µs (1)",
                        "sync-start wait          mean 0.05 µs, max 0.05 µs (1)",
                        "sync-start burst         mean 0.16 µs, max 0.16 µs (1)",
                        "gap a → b                mean 0.05 µs, max 0.05 µs (1)",
                        ""),
                DispatchTimingsText.lines(D));
    }

    @Test
    void dispatchJsonHoldsEveryFigure() {
        assertEquals(
                "{\"firstWaveStartSpan\":{\"count\":1,\"meanNs\":200.0,\"medianNs\":200,\"minNs\":200,\"maxNs\":200},"
                        + "\"firstWaveStartSpansNs\":[200,-1],"
                        + "\"firstPassStartSpan\":{\"count\":1,\"meanNs\":30.0,\"medianNs\":30,\"minNs\":30,\"maxNs\":30},"
                        + "\"firstDispatchStaggerNs\":40,"
                        + "\"taskDispatchStagger\":{\"count\":1,\"meanNs\":40.0,\"medianNs\":40,\"minNs\":40,\"maxNs\":40},"
                        + "\"syncStartDrain\":{\"count\":1,\"meanNs\":45.0,\"medianNs\":45,\"minNs\":45,\"maxNs\":45},"
                        + "\"syncStartWait\":{\"count\":1,\"meanNs\":50.0,\"medianNs\":50,\"minNs\":50,\"maxNs\":50},"
                        + "\"syncStartBurst\":{\"count\":1,\"meanNs\":160.0,\"medianNs\":160,\"minNs\":160,\"maxNs\":160},"
                        + "\"gaps\":{\"a->b\":{\"count\":1,\"meanNs\":50.0,\"medianNs\":50,\"minNs\":50,\"maxNs\":50},"
                        + "\"a->c\":{\"count\":0,\"meanNs\":0.0,\"medianNs\":0,\"minNs\":0,\"maxNs\":0}}}",
                DispatchTimingsJson.of(D));
    }
}
