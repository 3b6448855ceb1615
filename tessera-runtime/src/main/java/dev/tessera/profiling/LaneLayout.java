package dev.tessera.profiling;

import dev.tessera.topology.Topology;

import java.util.ArrayList;
import java.util.List;

/**
 * The lanes of a swimlane picture, top to bottom: the schedulers (dispatch happens first, so the
 * arrows run downwards), then every AIC core, then every AIV core. Core ids already number AIC
 * cores before AIV cores, so a core's lane is simply its id after the scheduler lanes.
 */
final class LaneLayout {
    record Lane(String label, String group) {
    }

    private final int schedulers;
    private final List<Lane> lanes = new ArrayList<>();

    LaneLayout(Trace trace) {
        Topology topo = trace.topology();
        this.schedulers = trace.schedulerCount();
        for (int s = 0; s < schedulers; s++) lanes.add(new Lane("sched " + s, "schedulers"));
        for (int core = 0; core < topo.cores(); core++) {
            lanes.add(new Lane(topo.coreLabel(core), topo.typeOf(core).name()));
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

    int coreLane(int core) {
        return schedulers + core;
    }

    /** Whether {@code lane} is the first of its group, where pictures draw a separator. */
    boolean startsGroup(int lane) {
        return lane == 0 || !lanes.get(lane).group().equals(lanes.get(lane - 1).group());
    }
}
