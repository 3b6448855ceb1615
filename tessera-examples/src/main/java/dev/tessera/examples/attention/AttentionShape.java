package dev.tessera.examples.attention;

import dev.tessera.examples.Options;

/**
 * The sizes of one paged-attention instance, from its options, with the reference's derived
 * quantities (workloads.md A.1): {@code q_tile = min(heads, 128)}, {@code q_loop = heads / q_tile},
 * a block table {@code max_model_len / block_size} wide, and a K/V pool of
 * {@code batch · ceil(max(context) / block_size)} blocks.
 *
 * @param contexts context length of every batch (the option's list, repeated to {@code batch})
 * @param group    KV blocks per group of the unrolled variants (1 for the others)
 */
public record AttentionShape(
        Variant variant,
        int batch,
        int heads,
        int headDim,
        int blockSize,
        int[] contexts,
        int maxModelLen,
        int group,
        float scale) {
    /** The reference's largest q-tile. */
    public static final int MAX_Q_TILE = 128;

    public static AttentionShape of(Options o) {
        int batch = o.integer("batch");
        int[] listed = o.integers("context");
        int[] contexts = new int[batch];
        for (int b = 0; b < batch; b++) contexts[b] = listed[b % listed.length];
        Variant v = Variant.of(o.get("variant"));
        return new AttentionShape(
                v,
                batch,
                o.integer("heads"),
                o.integer("head-dim"),
                o.integer("block-size"),
                contexts,
                o.integer("max-model-len"),
                v.unrolled() ? o.integer("group-blocks") : 1,
                (float) o.number("scale"));
    }

    public int qTile() {
        return Math.min(heads, MAX_Q_TILE);
    }

    public int qLoop() {
        return heads / qTile();
    }

    /** Blocks of batch {@code b}'s sequence. */
    public int blocks(int b) {
        return ceilDiv(contexts[b], blockSize);
    }

    public int maxContext() {
        int m = 0;
        for (int c : contexts) m = Math.max(m, c);
        return m;
    }

    /** Width of the block table: {@code max_model_len / block_size}. */
    public int tableWidth() {
        return maxModelLen / blockSize;
    }

    /** Blocks in the K/V pool: {@code batch · ceil(max context / block_size)}. */
    public long poolBlocks() {
        return (long) batch * ceilDiv(maxContext(), blockSize);
    }

    /** Tasks the orchestration submits, the hidden alloc tasks included. */
    public long tasks() {
        long t = 0;
        for (int b = 0; b < batch; b++) t += qLoop() * (1 + 4L * ceilDiv(blocks(b), group));
        return t;
    }

    /** Bytes of every runtime-allocated output of the run together (accumulators and per-group buffers). */
    public long outputBytes() {
        long m = qTile();
        long perBlock = m * blockSize * (4 + 2); // scores fp32, probabilities bf16
        long perGroup = 2 * m * 4 + m * headDim * 4; // mij, lij, oi_new
        long total = 0;
        for (int b = 0; b < batch; b++) {
            long groups = ceilDiv(blocks(b), group);
            total += qLoop() * ((m * headDim + 2 * m) * 4 + blocks(b) * perBlock + groups * perGroup);
        }
        return total;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
