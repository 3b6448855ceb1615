package dev.tessera.examples.spmd;

/**
 * One planned submit: its kind, SPMD width, first cache line and whether its blocks must start
 * together.
 */
public record SpmdTask(SpmdKind kind, int blockNum, long baseCl, boolean syncStart) {
    public SpmdTask {
        if (blockNum < 1) throw new IllegalArgumentException("blockNum must be ≥ 1, got " + blockNum);
        if (baseCl < 0) throw new IllegalArgumentException("baseCl must be ≥ 0, got " + baseCl);
    }

    /** Cache lines this task writes: {@code blockNum × linesPerBlock}. */
    public long lines() {
        return (long) blockNum * kind.linesPerBlock();
    }

    @Override
    public String toString() {
        return kind + "(bn " + blockNum + ", cl " + baseCl + (syncStart ? ", sync" : "") + ")";
    }
}
