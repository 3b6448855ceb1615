package dev.tessera.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoliciesTest {
    @Test
    void serialAndParallelDifferOnlyInTheClaimAndHeadHasEveryReferenceMechanism() {
        assertEquals(Set.of(), Policies.parse("serial").mechanisms());
        assertEquals(
                Set.of(Mechanism.PARALLEL_CLAIM), Policies.parse("PARALLEL").mechanisms());
        EnumSet<Mechanism> reference = EnumSet.allOf(Mechanism.class);
        reference.removeIf(m -> m.reference().equals("Tessera"));
        assertEquals(reference, Policies.parse(" head ").mechanisms(), "head: every mechanism of the reference");
        EnumSet<Mechanism> handoff = EnumSet.copyOf(reference);
        handoff.add(Mechanism.PEER_HANDOFF);
        assertEquals(handoff, Policies.parse("handoff").mechanisms());
        EnumSet<Mechanism> split = EnumSet.copyOf(reference);
        split.add(Mechanism.SPLIT_LAUNCH);
        assertEquals(split, Policies.parse("split").mechanisms());
        assertEquals("head", Policies.parse("head").name());
    }

    @Test
    void togglesSwitchOneMechanismAndShowInTheName() {
        DispatchOptions o = Policies.parse("head", List.of("mix-priority=off", "BURST_PUBLISH = no"));
        assertFalse(o.has(Mechanism.MIX_PRIORITY));
        assertFalse(o.has(Mechanism.BURST_PUBLISH));
        assertTrue(o.has(Mechanism.SYNC_LANES));
        assertEquals("head[mix-priority=off,burst-publish=off]", o.name());
        assertEquals("head", o.policy());
        DispatchOptions p = Policies.parse("parallel").withToggle("burst-publish=on");
        assertTrue(p.has(Mechanism.BURST_PUBLISH) && p.has(Mechanism.PARALLEL_CLAIM));
        assertFalse(Policies.parse("parallel").has(Mechanism.BURST_PUBLISH), "options are immutable");
    }

    @Test
    void badNamesAndValuesAreErrorsThatListWhatIsValid() {
        String e = assertThrows(IllegalArgumentException.class, () -> Policies.parse("fastest"))
                .getMessage();
        assertTrue(e.contains("'fastest'") && e.contains("serial, parallel, head, handoff"), e);
        e = assertThrows(
                        IllegalArgumentException.class,
                        () -> Policies.parse("head").withToggle("burst=on"))
                .getMessage();
        assertTrue(e.contains("'burst'") && e.contains("burst-publish"), e);
        e = assertThrows(
                        IllegalArgumentException.class,
                        () -> Policies.parse("head").withToggle("burst-publish"))
                .getMessage();
        assertTrue(e.contains("NAME=on"), e);
        e = assertThrows(
                        IllegalArgumentException.class,
                        () -> Policies.parse("head").withToggle("burst-publish=maybe"))
                .getMessage();
        assertTrue(e.contains("on or off") && e.contains("'maybe'"), e);
    }

    @Test
    void theListingHasOneLinePerPolicyNameFirstAndOnePerMechanism() {
        List<String> lines = Policies.listing();
        for (int i = 0; i < Policies.all().size(); i++) {
            NamedPolicy p = Policies.all().get(i);
            assertTrue(lines.get(i).startsWith(p.name() + " "), lines.get(i));
            assertTrue(lines.get(i).contains(p.description()), lines.get(i));
        }
        for (Mechanism m : Mechanism.values()) {
            assertTrue(
                    lines.stream().anyMatch(l -> l.trim().startsWith(m.key() + " ") && l.contains(m.reference())),
                    m.key());
        }
    }
}
