package dev.tessera.api;

/**
 * SPMD launch parameters: {@code blockNum} blocks of the task, and whether they must all start
 * together on idle cores ({@code syncStart}, meaningful only when {@code blockNum > 1}).
 */
public record LaunchSpec(int blockNum, boolean syncStart) {
    public static final LaunchSpec SINGLE = new LaunchSpec(1, false);

    public static LaunchSpec blocks(int blockNum) {
        return new LaunchSpec(blockNum, false);
    }

    public static LaunchSpec syncStart(int blockNum) {
        return new LaunchSpec(blockNum, true);
    }
}
