package dev.tessera.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExamplesRegistryTest {
    static List<String> exampleNames() {
        return Examples.names();
    }

    @Test
    void holdsTheVectorExampleTheWholeSpmdSuiteTheQkDemoAndTheWorkloads() {
        assertEquals(
                List.of(
                        "vector",
                        "spmd-basic",
                        "spmd-multiblock-aiv",
                        "spmd-multiblock-mix",
                        "spmd-batch-dispatch-oob",
                        "spmd-sync-start",
                        "spmd-sync-start-aiv",
                        "spmd-sync-start-edge",
                        "spmd-sync-start-stress",
                        "spmd-starvation",
                        "spmd-mixed-independent",
                        "spmd-wide",
                        "spmd-sync-start-load",
                        "qk-demo",
                        "paged-attention",
                        "bgemm",
                        "alternating-matmul-add"),
                Examples.names());
    }

    @Test
    void namesAreCommandLineFriendlyAndDescribed() {
        for (Example e : Examples.all()) {
            assertTrue(e.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), e.name());
            assertFalse(e.description().isBlank(), e.name());
            assertFalse(e.description().contains("\n"), "one line: " + e.name());
        }
        assertEquals(Examples.all().size(), new HashSet<>(Examples.names()).size());
    }

    @Test
    void everyCaseResolvesAndEveryDefaultIsValid() {
        for (Example e : Examples.all()) {
            Options defaults = Options.defaults(e);
            assertEquals(e.options().size(), defaults.values().size(), e.name());
            for (ExampleCase c : e.cases()) {
                Options o = Options.resolve(e, c.name(), java.util.Map.of());
                assertEquals(c.name(), o.caseName());
                c.values()
                        .forEach((k, v) -> assertEquals(
                                e.options().stream()
                                        .filter(x -> x.name().equals(k))
                                        .findFirst()
                                        .orElseThrow()
                                        .normalise(v),
                                o.get(k),
                                e.name() + " " + c.name() + " " + k));
            }
        }
    }

    @Test
    void looksUpByNameIgnoringCase() {
        for (Example e : Examples.all()) assertSame(e, Examples.byName(e.name()).orElseThrow());
        assertSame(
                Examples.byName("vector").orElseThrow(),
                Examples.byName(" Vector ").orElseThrow());
        assertTrue(Examples.byName("no-such-example").isEmpty());
    }
}
