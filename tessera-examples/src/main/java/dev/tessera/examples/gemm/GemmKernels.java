package dev.tessera.examples.gemm;

import dev.tessera.api.DType;
import dev.tessera.api.KernelContext;
import dev.tessera.api.KernelWork;
import dev.tessera.api.Tensor;
import dev.tessera.api.TileKernel;
import dev.tessera.examples.tile.Elementwise;
import dev.tessera.examples.tile.Matmul;
import dev.tessera.examples.tile.TileIo;

/**
 * The kernels of {@code bgemm} and {@code alternating-matmul-add}: square fp32 tiles laid out one
 * after another in flat (1-D) views, multiplied on the cube or added on the vector unit. Each kernel
 * reports its work ({@link TileKernel}) so the sim can time it with one rule for every tile size.
 */
public final class GemmKernels {
    private GemmKernels() {}

    /**
     * {@code bgemm_gemm} (AIC, the reference's GEMM): tensors A, B (flat views of {@code loop} tiles),
     * T (output, same size) and the config (INT64 {@code [tile, grid_k, groups, loop]}); for every
     * tile {@code i}: {@code T_i = A_i·B_i}.
     */
    public static final TileKernel BGEMM_GEMM = TileKernel.of(
            "bgemm_gemm",
            ctx -> matmulTiles(ctx.tensor(0), ctx.tensor(1), ctx.tensor(2), configTile(ctx.tensor(3))),
            ctx -> matmulWork(ctx.tensor(0).numel(), configTile(ctx.tensor(3))));

    /** {@code bgemm_add} (AIV, the reference's ADD): tensors C (INOUT flat view), T, config; {@code C += T}. */
    public static final TileKernel BGEMM_ADD = TileKernel.of(
            "bgemm_add",
            ctx -> accumulate(ctx.tensor(0), ctx.tensor(1)),
            ctx -> addWork(ctx.tensor(0).numel()));

    /** {@code alt_matmul} (AIC): tensors A, B, C (flat views of 128×128 tiles); {@code C_i = A_i·B_i}. */
    public static final TileKernel ALT_MATMUL = TileKernel.of(
            "alt_matmul",
            ctx -> matmulTiles(ctx.tensor(0), ctx.tensor(1), ctx.tensor(2), AlternatingExample.TILE),
            ctx -> matmulWork(ctx.tensor(0).numel(), AlternatingExample.TILE));

    /** {@code alt_add} (AIV): tensors X, Y, Z (flat views); {@code Z = X + Y}. */
    public static final TileKernel ALT_ADD = TileKernel.of(
            "alt_add", GemmKernels::add, ctx -> addWork(ctx.tensor(0).numel()));

    /** The tile edge from the config tensor, as the reference's kernels read it. */
    static int configTile(Tensor config) {
        return (int) config.getRaw(config.linearOffset(0));
    }

    /** {@code c_i = a_i·b_i} for every {@code tile × tile} tile of the flat views. */
    static void matmulTiles(Tensor a, Tensor b, Tensor c, int tile) {
        int elems = tile * tile;
        int tiles = tiles(a, elems);
        float[] x = new float[elems];
        float[] y = new float[elems];
        float[] z = new float[elems];
        Tensor a2 = asRows(a, tile);
        Tensor b2 = asRows(b, tile);
        Tensor c2 = asRows(c, tile);
        for (int i = 0; i < tiles; i++) {
            TileIo.load(a2, i * tile, tile, x, 0);
            TileIo.load(b2, i * tile, tile, y, 0);
            Matmul.multiply(x, y, z, tile, tile, tile, false);
            TileIo.store(z, 0, c2, i * tile, tile);
        }
    }

    private static void accumulate(Tensor c, Tensor t) {
        int n = Math.toIntExact(c.numel());
        float[] acc = new float[n];
        float[] add = new float[n];
        TileIo.load(c, acc);
        TileIo.load(t, add);
        Elementwise.addInPlace(acc, add, n);
        TileIo.store(acc, c);
    }

    private static void add(KernelContext ctx) {
        int n = Math.toIntExact(ctx.tensor(0).numel());
        float[] x = new float[n];
        float[] y = new float[n];
        TileIo.load(ctx.tensor(0), x);
        TileIo.load(ctx.tensor(1), y);
        Elementwise.add(x, y, x, n);
        TileIo.store(x, ctx.tensor(2));
    }

    /** One matmul of {@code tile³} MACs per tile of {@code elements}; A and B loaded, the product stored, 4 bytes each. */
    static KernelWork matmulWork(long elements, int tile) {
        long tiles = elements / ((long) tile * tile);
        return new KernelWork(tiles * tile * tile * tile, 0, 3 * elements * 4);
    }

    /** One add per element; two operands loaded, the sum stored. */
    static KernelWork addWork(long elements) {
        return new KernelWork(0, elements, 3 * elements * 4);
    }

    private static int tiles(Tensor flat, int elems) {
        if (flat.dtype() != DType.FP32 || flat.numel() % elems != 0) {
            throw new IllegalArgumentException("expected FP32 tiles of " + elems + " elements, got " + flat);
        }
        return Math.toIntExact(flat.numel() / elems);
    }

    /** A flat contiguous view as rows of {@code tile} elements, so tiles load row by row in bulk. */
    private static Tensor asRows(Tensor flat, int tile) {
        return flat.reshape(flat.numel() / tile, tile);
    }
}
