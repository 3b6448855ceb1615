package dev.tessera.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.core.TaskShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** #855's rules, pass by pass, against recorded passes and hand-set peer hints. */
class MixPriorityOrderTest {
    /** Records the passes; reports ready work of the shapes in {@code waiting}. */
    private static final class Recorder implements DispatchOrder.Passes {
        final List<String> passes = new ArrayList<>();
        final Set<Integer> waiting;

        Recorder(Set<Integer> waiting) {
            this.waiting = waiting;
        }

        @Override
        public boolean pass(int shape, boolean pendingPass) {
            passes.add(name(shape) + (pendingPass ? "-pending" : "-idle"));
            return false;
        }

        @Override
        public boolean hasReady(int shape) {
            return waiting.contains(shape);
        }

        static String name(int shape) {
            return switch (shape) {
                case TaskShape.MIX -> "MIX";
                case TaskShape.AIC -> "AIC";
                default -> "AIV";
            };
        }
    }

    /** A tracker of scheduler {@code s} of a 2 x 2 machine with every core idle or every core busy. */
    private static PeerIdleHints hints(boolean peerIdle) {
        PeerIdleHints h = new PeerIdleHints(2);
        CoreTracker peer = new CoreTracker(dev.tessera.topology.Topology.custom(2, 2), 1);
        if (!peerIdle) java.util.Arrays.fill(peer.idle, false);
        h.publish(1, peer);
        return h;
    }

    @Test
    void withNothingWaitingAndNoIdlePeerItIsThePlainOrder() {
        Recorder r = new Recorder(Set.of());
        new MixPriorityOrder(0, hints(false)).run(r);
        assertEquals(
                List.of("MIX-idle", "AIC-idle", "AIV-idle", "MIX-pending", "AIC-pending", "AIV-pending"), r.passes);
        Recorder plain = new Recorder(Set.of());
        new PlainOrder(1).run(plain);
        assertEquals(
                List.of("MIX-idle", "MIX-pending", "AIV-idle", "AIV-pending", "AIC-idle", "AIC-pending"),
                plain.passes,
                "odd schedulers take AIV first");
    }

    @Test
    void waitingMixWorkStopsAicAndAivForThisPass() {
        Recorder r = new Recorder(Set.of(TaskShape.MIX));
        new MixPriorityOrder(0, hints(false)).run(r);
        assertEquals(List.of("MIX-idle", "MIX-pending"), r.passes);
    }

    @Test
    void pendingSlotsAreLeftEmptyWhileAPeerHasAnIdleCoreOfThatShape() {
        Recorder r = new Recorder(Set.of());
        new MixPriorityOrder(0, hints(true)).run(r);
        assertEquals(List.of("MIX-idle", "AIC-idle", "AIV-idle"), r.passes);
        Recorder m = new Recorder(Set.of(TaskShape.MIX));
        new MixPriorityOrder(0, hints(true)).run(m);
        assertEquals(List.of("MIX-idle"), m.passes, "a peer's idle cluster takes the MIX work, not our pending slots");
    }

    @Test
    void aSchedulerIgnoresItsOwnIdleCoresInTheHint() {
        PeerIdleHints h = new PeerIdleHints(2);
        h.publish(0, new CoreTracker(dev.tessera.topology.Topology.custom(2, 2), 0));
        Recorder r = new Recorder(Set.of());
        new MixPriorityOrder(0, h).run(r);
        assertEquals(6, r.passes.size(), r.passes.toString());
    }
}
