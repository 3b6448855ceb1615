package dev.tessera.api;

/** How a task uses a tensor argument; decides which dependencies the runtime infers (spec §2.3). */
public enum ArgTag {
    /** Read: waits for the tensor's creator and for earlier overlapping writers. */
    INPUT,
    /** Read and written: waits like INPUT, then becomes the newest writer of its region. */
    INOUT,
    /** A new buffer allocated by the runtime; later readers find it through its creator. */
    OUTPUT,
    /** Write-only into an existing buffer: waits for its creator only, then becomes the newest writer. */
    OUTPUT_EXISTING,
    /** Passed through untracked: waits for its creator only. */
    NO_DEP,
    /**
     * Added into (split-K): the task adds its share into the region with atomic adds
     * ({@code Tensor.atomicAddFloat}). It waits for the region's creator and for the last writer
     * that was not itself accumulating (the seed that zeroes or initialises the region), but not for
     * the other accumulators: tasks accumulating into one region since its last plain write run in
     * any order among themselves, and every later reader or INOUT writer of the region waits for all
     * of them. Like every write, it does not wait for earlier pure readers.
     */
    ACCUMULATE
}
