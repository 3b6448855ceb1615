package dev.tessera.examples.spmd;

import java.util.ArrayList;
import java.util.List;

/**
 * The task list of one SPMD example and the layout of its output tensor. Tasks get consecutive
 * cache-line areas in submit order, as in every reference test.
 *
 * <p>A <em>chained</em> plan passes the whole tensor as INOUT to every task, as the reference does:
 * the TensorMap then orders each task after the previous one, so one task is in flight at a time
 * and the concurrency is among the blocks of that task. An <em>independent</em> plan passes each
 * task only the view of its own lines, so tasks do not depend on each other and several run at once.
 */
public record SpmdPlan(List<SpmdTask> tasks, boolean independent) {
    public SpmdPlan {
        tasks = List.copyOf(tasks);
    }

    /** Cache lines of the output tensor. */
    public long totalLines() {
        long n = 0;
        for (SpmdTask t : tasks) n = Math.max(n, t.baseCl() + t.lines());
        return n;
    }

    /** Floats of the output tensor. */
    public long totalFloats() {
        return totalLines() * SpmdKernels.CACHE_LINE;
    }

    /** Sum of every task's blocks. */
    public long totalBlocks() {
        long n = 0;
        for (SpmdTask t : tasks) n += t.blockNum();
        return n;
    }

    /** The expected output: zero except for what each task's blocks write. */
    public float[] golden() {
        float[] g = new float[Math.toIntExact(totalFloats())];
        for (SpmdTask t : tasks) {
            for (int b = 0; b < t.blockNum(); b++) {
                t.kind().expect(g, t.baseCl() + (long) b * t.kind().linesPerBlock(), b, t.blockNum());
            }
        }
        return g;
    }

    /** Block counts in submit order, for tests and descriptions. */
    public int[] blockNums() {
        return tasks.stream().mapToInt(SpmdTask::blockNum).toArray();
    }

    public static Builder chainedTasks() {
        return new Builder(false);
    }

    public static Builder independentTasks() {
        return new Builder(true);
    }

    /** Appends tasks with consecutive cache-line areas. */
    public static final class Builder {
        private final boolean independent;
        private final List<SpmdTask> tasks = new ArrayList<>();
        private long nextLine;

        private Builder(boolean independent) {
            this.independent = independent;
        }

        public Builder normal(SpmdKind kind, int blockNum) {
            return add(kind, blockNum, false);
        }

        public Builder sync(SpmdKind kind, int blockNum) {
            return add(kind, blockNum, true);
        }

        public Builder add(SpmdKind kind, int blockNum, boolean syncStart) {
            SpmdTask t = new SpmdTask(kind, blockNum, nextLine, syncStart);
            tasks.add(t);
            nextLine += t.lines();
            return this;
        }

        public SpmdPlan build() {
            return new SpmdPlan(tasks, independent);
        }
    }
}
