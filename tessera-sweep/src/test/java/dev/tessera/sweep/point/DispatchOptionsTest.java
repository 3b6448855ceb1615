package dev.tessera.sweep.point;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.dispatch.Mechanism;
import dev.tessera.scheduler.DispatchPolicy;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DispatchOptionsTest {
    @Test
    void aPointSwitchesTheRuntimesMechanismsByTheirCommandLineNames() {
        DispatchPolicy p = DispatchOptions.apply(
                DispatchPolicy.parse("head"), new TreeMap<>(Map.of("burst-publish", "off", "shared-ready", "on")));
        assertFalse(p.options().has(Mechanism.BURST_PUBLISH));
        assertTrue(p.options().has(Mechanism.SHARED_READY));
        assertEquals("head[burst-publish=off,shared-ready=on]", p.name());
        assertEquals(
                "parallel",
                DispatchOptions.apply(DispatchPolicy.PARALLEL, Map.of()).name());
        String e = assertThrows(
                        IllegalArgumentException.class,
                        () -> DispatchOptions.apply(DispatchPolicy.PARALLEL, Map.of("burst", "on")))
                .getMessage();
        assertTrue(e.contains("unknown dispatch option 'burst'") && e.contains("burst-publish"), e);
    }
}
