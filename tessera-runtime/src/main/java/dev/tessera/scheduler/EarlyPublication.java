package dev.tessera.scheduler;

import dev.tessera.core.TaskSlot;
import dev.tessera.platform.Actor;
import dev.tessera.platform.CorePort;
import java.util.Arrays;

/**
 * One placer's side of early dispatch ({@link EarlyDispatch}): what happens after its register
 * writes go out. Blocks of flagged producers placed since the last publish are counted as
 * published only then (#1326 counts after the burst), which may make consumers candidates; and the
 * gated subtasks it staged are marked posted, each rung at once if its task became ready before the
 * post (the releaser leaves those to their stager). Owned by the placer's scheduler thread.
 */
final class EarlyPublication {
    private final EarlyDispatch early;
    /** Per local core, a port whose {@code post} is the core's {@code postGated}. */
    private final CorePort[] gatedPorts;

    private final CorePort[] ports;
    private final TaskSlot[][] scratch = {new TaskSlot[16]};

    /** Flagged tasks with one block placed since the last publish, once per block. */
    private TaskSlot[] placed = new TaskSlot[16];

    private int placedCount;

    /** Gated subtasks staged since the last publish: task, entry in its {@code EarlyState}, local core, token. */
    private TaskSlot[] stagedTask = new TaskSlot[16];

    private int[] stagedEntry = new int[16];
    private int[] stagedCore = new int[16];
    private int[] stagedToken = new int[16];
    private int[] stagedDevice = new int[16];
    private int stagedCount;

    EarlyPublication(EarlyDispatch early, CorePort[] ports) {
        this.early = early;
        this.ports = ports;
        this.gatedPorts = new CorePort[ports.length];
        for (int c = 0; c < ports.length; c++) gatedPorts[c] = new Gated(ports[c]);
    }

    CorePort gatedPort(int c) {
        return gatedPorts[c];
    }

    /** A block of flagged {@code task} was placed; it counts as published after the next write-out. */
    void notePublished(TaskSlot task) {
        if (placedCount == placed.length) placed = Arrays.copyOf(placed, 2 * placedCount);
        placed[placedCount++] = task;
    }

    /**
     * Registers subtask {@code token} of {@code task}, about to be posted gated on local core {@code c}
     * (device core {@code core}); false if the task is already ready, and it is posted normally.
     */
    boolean stage(TaskSlot task, int c, int core, int token) {
        int entry = task.early.stage(ports[c], core, token);
        if (entry < 0) return false;
        if (stagedCount == stagedTask.length) {
            int n = 2 * stagedCount;
            stagedTask = Arrays.copyOf(stagedTask, n);
            stagedEntry = Arrays.copyOf(stagedEntry, n);
            stagedCore = Arrays.copyOf(stagedCore, n);
            stagedToken = Arrays.copyOf(stagedToken, n);
            stagedDevice = Arrays.copyOf(stagedDevice, n);
        }
        stagedDevice[stagedCount] = core;
        stagedTask[stagedCount] = task;
        stagedEntry[stagedCount] = entry;
        stagedCore[stagedCount] = c;
        stagedToken[stagedCount++] = token;
        return true;
    }

    /** The placer's writes are out: settle the staged subtasks, then count the published blocks. */
    void afterPublish(Actor actor) {
        for (int i = 0; i < stagedCount; i++) {
            TaskSlot t = stagedTask[i];
            stagedTask[i] = null;
            if (t.early.posted(stagedEntry[i])) {
                // it became ready between staging and the write: the releaser left it to us
                early.ring(actor, ports[stagedCore[i]], stagedDevice[i], stagedToken[i]);
            }
        }
        stagedCount = 0;
        for (int i = 0; i < placedCount; i++) {
            TaskSlot t = placed[i];
            placed[i] = null;
            early.blockPublished(t, actor, scratch);
        }
        placedCount = 0;
    }

    /** A core's port seen through early dispatch: a post is a gated post. */
    private static final class Gated implements CorePort {
        private final CorePort core;

        Gated(CorePort core) {
            this.core = core;
        }

        @Override
        public void post(int token) {
            core.postGated(token);
        }

        @Override
        public int status() {
            return core.status();
        }
    }
}
