package dev.tessera.orchestration;

import dev.tessera.api.ArgTag;
import dev.tessera.api.LaunchSpec;
import dev.tessera.api.TaskIds;
import dev.tessera.api.TaskSpec;
import dev.tessera.core.TaskRing;
import dev.tessera.errors.InvalidArgumentsException;
import dev.tessera.errors.SyncStartInvalidException;
import dev.tessera.topology.Lane;
import dev.tessera.topology.Topology;

/**
 * Everything that can be wrong with a submit by itself, checked before anything is allocated, so
 * that an invalid submit throws ({@code INVALID_ARGS}, or {@code REQUIRE_SYNC_START_INVALID} for a
 * cohort that can never launch) and leaves the runtime exactly as it was.
 */
final class SubmitValidation {
    private final Topology topology;
    private final TaskRing[] rings;

    SubmitValidation(Topology topology, TaskRing[] rings) {
        this.topology = topology;
        this.rings = rings;
    }

    void validate(TaskSpec spec, long ordinal) {
        if (spec.buildError() != null) throw invalid(ordinal, spec, spec.buildError());
        if (!spec.hasKernel() && !spec.isDummy())
            throw invalid(
                    ordinal, spec, "has no kernel: give at least one of AIC, AIV0, AIV1 (or use TaskSpec.dummy())");
        if (spec.isDummy() && spec.hasLaunch()) {
            throw invalid(
                    ordinal, spec, "is a dummy task, which runs on no core: blocks, syncStart and launch do not apply");
        }
        int blockNum = spec.launchSpec().blockNum();
        if (blockNum < 1 || blockNum > LaunchSpec.MAX_BLOCK_NUM) {
            throw invalid(
                    ordinal,
                    spec,
                    "blockNum must be 1.." + LaunchSpec.MAX_BLOCK_NUM + " (the reference's int16 limit), got "
                            + blockNum);
        }
        if (spec.launchSpec().syncStart() && blockNum > 1) {
            boolean aivOnly = spec.kernel(Lane.AIC) == null
                    && (spec.kernel(Lane.AIV0) == null) != (spec.kernel(Lane.AIV1) == null);
            int limit = aivOnly ? topology.aivCores() : topology.clusters();
            if (blockNum > limit) {
                throw new SyncStartInvalidException(
                        "submit #" + ordinal + " '" + spec.displayName() + "': syncStart blockNum " + blockNum
                                + " exceeds the " + limit + (aivOnly ? " AIV cores" : " clusters") + " of "
                                + topology.name() + ": its blocks can never start together");
            }
        }
        for (long dep : spec.dependencies()) {
            int r = TaskIds.ring(dep);
            if (dep < 0 || r >= rings.length || TaskIds.local(dep) >= rings[r].allocated()) {
                throw invalid(ordinal, spec, "explicit dependency " + TaskIds.format(dep) + " names no submitted task");
            }
        }
        for (int i = 0; i < spec.tensorCount(); i++) {
            TaskSpec.TensorArg a = spec.tensorArg(i);
            if (a.tag() != ArgTag.OUTPUT && a.tensor() == null)
                throw invalid(ordinal, spec, "tensor argument " + i + " (" + a.tag() + ") is null");
        }
    }

    /** The spec's display name is built here, on the error path only. */
    static InvalidArgumentsException invalid(long ordinal, TaskSpec spec, String what) {
        return invalid(ordinal, spec.displayName(), what);
    }

    static InvalidArgumentsException invalid(long ordinal, String name, String what) {
        return new InvalidArgumentsException("submit #" + ordinal + " '" + name + "' " + what);
    }
}
