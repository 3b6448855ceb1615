package dev.tessera.api;

/**
 * SPMD launch parameters: {@code blockNum} blocks of the task, and whether they must all start
 * together on idle cores ({@code syncStart}, meaningful only when {@code blockNum > 1}).
 */
public record LaunchSpec(int blockNum, boolean syncStart) {
    public static final LaunchSpec SINGLE = new LaunchSpec(1, false);
    /**
     * The widest task: the reference keeps {@code block_num} and the subtask count in int16 fields,
     * and every count derived from it here ({@code blockNum × slots}) must stay far inside an int.
     */
    public static final int MAX_BLOCK_NUM = 32_767;

    public static LaunchSpec blocks(int blockNum) {
        return new LaunchSpec(blockNum, false);
    }

    public static LaunchSpec syncStart(int blockNum) {
        return new LaunchSpec(blockNum, true);
    }
}
