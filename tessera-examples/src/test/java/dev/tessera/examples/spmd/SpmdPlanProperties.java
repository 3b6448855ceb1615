package dev.tessera.examples.spmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.topology.Topology;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every suite example plans a valid task list on any topology. */
class SpmdPlanProperties {
    @Property(tries = 200)
    void plansFitAnyTopology(
            @ForAll @IntRange(min = 1, max = 96) int clusters,
            @ForAll @IntRange(min = 1, max = 8) int schedulersWanted) {
        Topology t = Topology.custom(clusters, Math.min(clusters, schedulersWanted));
        for (SpmdExample e : SpmdSuite.all()) {
            SpmdPlan plan = e.plan(t);
            assertTrue(!plan.tasks().isEmpty(), e.name());
            long nextLine = 0;
            for (SpmdTask task : plan.tasks()) {
                assertTrue(task.blockNum() >= 1, e.name() + " " + task);
                if (task.syncStart()) {
                    int limit = task.kind().placedOnClusters() ? t.clusters() : t.aivCores();
                    assertTrue(task.blockNum() <= limit, e.name() + " on " + t + ": " + task + " exceeds " + limit);
                }
                // Areas are consecutive and disjoint, in submit order.
                assertEquals(nextLine, task.baseCl(), e.name() + " " + task);
                nextLine += task.lines();
            }
            assertEquals(nextLine, plan.totalLines());
            assertEquals(plan.totalFloats(), plan.golden().length);
        }
    }
}
