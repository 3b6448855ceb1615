package dev.tessera.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.examples.attention.PagedAttentionExample;
import dev.tessera.examples.gemm.BgemmExample;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private final Example pa = new PagedAttentionExample();

    @Test
    void defaultsThenCaseThenGivenValues() {
        Options d = Options.defaults(pa);
        assertNull(d.caseName());
        assertEquals("baseline", d.get("variant"));
        assertEquals(16, d.integer("head-dim"));
        assertTrue(d.computes());

        Options c = Options.resolve(pa, "case1", Map.of());
        assertEquals("Case1", c.caseName(), "case names match ignoring case and come back as the example spells them");
        assertEquals(256, c.integer("batch"));
        assertEquals("baseline", c.get("variant"), "a case leaves the options it does not set at their defaults");

        Options given = Options.resolve(pa, "Case1", Map.of("variant", "UNROLL", "batch", "3", "context", "5, 7"));
        assertEquals("unroll", given.get("variant"), "choices are normalised to lower case");
        assertEquals(3, given.integer("batch"), "given values override the case");
        assertArrayEquals(new int[] {5, 7}, given.integers("context"));
        assertEquals(128, given.integer("head-dim"));
        assertTrue(given.describe().startsWith("case Case1, variant=unroll, batch=3"), given.describe());
    }

    @Test
    void timingOnlyKeepsTheValues() {
        Options o = Options.resolve(pa, "Medium", Map.of());
        Options t = o.timingOnly();
        assertFalse(t.computes());
        assertEquals(o.values(), t.values());
        assertFalse(o.equals(t));
    }

    @Test
    void unknownCasesOptionsAndValuesSayWhatIsValid() {
        Options.InvalidOptionException e =
                assertThrows(Options.InvalidOptionException.class, () -> Options.resolve(pa, "Case9", Map.of()));
        assertTrue(
                e.getMessage().contains("Case9")
                        && e.getMessage().contains("CaseSmall1")
                        && e.getMessage().contains("Medium"),
                e.getMessage());
        e = assertThrows(
                Options.InvalidOptionException.class, () -> Options.resolve(pa, null, Map.of("varient", "unroll")));
        assertTrue(e.getMessage().contains("varient") && e.getMessage().contains("variant"), e.getMessage());
        e = assertThrows(
                Options.InvalidOptionException.class, () -> Options.resolve(pa, null, Map.of("variant", "fast")));
        assertTrue(e.getMessage().contains("fast") && e.getMessage().contains("unroll-manual"), e.getMessage());
        e = assertThrows(Options.InvalidOptionException.class, () -> Options.resolve(pa, null, Map.of("batch", "0")));
        assertTrue(e.getMessage().contains("1..4096"), e.getMessage());
        e = assertThrows(
                Options.InvalidOptionException.class, () -> Options.resolve(pa, null, Map.of("context", "33,x")));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        e = assertThrows(Options.InvalidOptionException.class, () -> Options.resolve(pa, null, Map.of("scale", "-1")));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void valuesThatDoNotFitTogetherAreRefused() {
        Options.InvalidOptionException e = assertThrows(
                Options.InvalidOptionException.class,
                () -> Options.resolve(new BgemmExample(), "Case0", Map.of("grid-k", "3")));
        assertTrue(e.getMessage().contains("multiple of grid-k"), e.getMessage());
        e = assertThrows(
                Options.InvalidOptionException.class, () -> Options.resolve(pa, null, Map.of("context", "300")));
        assertTrue(e.getMessage().contains("block table"), e.getMessage());
        e = assertThrows(Options.InvalidOptionException.class, () -> Options.resolve(pa, null, Map.of("heads", "130")));
        assertTrue(e.getMessage().contains("multiple"), e.getMessage());
    }

    @Test
    void anExampleWithoutOptionsTakesNone() {
        Example vector = Examples.byName("vector").orElseThrow();
        assertTrue(Options.defaults(vector).values().isEmpty());
        Options.InvalidOptionException e = assertThrows(
                Options.InvalidOptionException.class, () -> Options.resolve(vector, null, Map.of("batch", "2")));
        assertTrue(e.getMessage().contains("takes no options"), e.getMessage());
        assertThrows(Options.InvalidOptionException.class, () -> Options.resolve(vector, "Case1", Map.of()));
    }
}
