package dev.tessera.core;

import dev.tessera.topology.Lane;

/** The dispatchable shape of a task, from its active kernel slots (spec §2.4). */
public final class TaskShape {
    /** Two or more slots: all blocks' kernels run on the cores of one cluster. */
    public static final int MIX = 0;

    public static final int AIC = 1;
    public static final int AIV = 2;
    /** No kernel: dependency-only, completed by scheduler 0 without touching a core. */
    public static final int DUMMY = 3;

    public static final int DISPATCHABLE = 3;

    private static final String[] NAMES = {"MIX", "AIC", "AIV", "DUMMY"};

    private TaskShape() {}

    public static int of(int activeMask) {
        int n = Integer.bitCount(activeMask);
        if (n == 0) return DUMMY;
        if (n >= 2) return MIX;
        return activeMask == Lane.AIC.bit() ? AIC : AIV;
    }

    public static String name(int shape) {
        return NAMES[shape];
    }
}
