package dev.tessera.profiling;

import dev.tessera.topology.CoreType;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * The lanes of a swimlane picture, top to bottom: the schedulers (dispatch happens first, so the
 * arrows run downwards), then every AIC core, then every AIV core. A core type no subtask of the
 * run used (the AIV cores of a cube-only demo) gets no lanes, so the picture shows the work.
 */
final class LaneLayout {
    record Lane(String label, String group) {}

    private final int schedulers;
    private final List<Lane> lanes = new ArrayList<>();
    private final int[] coreLanes;

    LaneLayout(Trace trace) {
        Topology topo = trace.topology();
        this.schedulers = trace.schedulerCount();
        for (int s = 0; s < schedulers; s++) lanes.add(new Lane("sched " + s, "schedulers"));
        boolean[] typeUsed = new boolean[CoreType.values().length];
        for (Trace.Subtask s : trace.subtasks()) typeUsed[topo.typeOf(s.core()).ordinal()] = true;
        boolean any = trace.subtasks().isEmpty();
        coreLanes = new int[topo.cores()];
        for (int core = 0; core < topo.cores(); core++) {
            if (any || typeUsed[topo.typeOf(core).ordinal()]) {
                coreLanes[core] = lanes.size() - schedulers;
                lanes.add(new Lane(topo.coreLabel(core), topo.typeOf(core).name()));
            } else {
                coreLanes[core] = -1;
            }
        }
    }

    List<Lane> lanes() {
        return lanes;
    }

    int size() {
        return lanes.size();
    }

    int schedulerLane(int scheduler) {
        return scheduler;
    }

    /** The lane of {@code core}; every core that ran a subtask has one. */
    int coreLane(int core) {
        return schedulers + coreLanes[core];
    }

    /** Whether {@code lane} is the first of its group, where pictures draw a separator. */
    boolean startsGroup(int lane) {
        return lane == 0 || !lanes.get(lane).group().equals(lanes.get(lane - 1).group());
    }
}
