package dev.tessera.topology;

/** A core's position inside its cluster, which is also the task's kernel slot it runs. */
public enum Lane {
    AIC(CoreType.AIC, 0),
    AIV0(CoreType.AIV, 0),
    AIV1(CoreType.AIV, 1);

    private final CoreType type;
    private final int subBlockId;

    Lane(CoreType type, int subBlockId) {
        this.type = type;
        this.subBlockId = subBlockId;
    }

    public CoreType type() {
        return type;
    }

    /** 0 for AIC and AIV0, 1 for AIV1: what an AIV kernel sees as its sub-block id. */
    public int subBlockId() {
        return subBlockId;
    }

    public int bit() {
        return 1 << ordinal();
    }

    private static final Lane[] VALUES = values();

    public static Lane of(int ordinal) {
        return VALUES[ordinal];
    }
}
