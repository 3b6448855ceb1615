/**
 * The tile-kernel library: the arithmetic inside the examples' kernels, on plain float arrays, written
 * for speed. {@link dev.tessera.examples.tile.TileIo} moves tiles between tensors and arrays,
 * {@link dev.tessera.examples.tile.Matmul} multiplies (bf16 or fp32 inputs widened to float, float
 * accumulation), {@link dev.tessera.examples.tile.RowSoftmax} does masked row softmax with the
 * online max/sum merge, {@link dev.tessera.examples.tile.Elementwise} the rest.
 *
 * <p>Kernels are the examples' business ({@code attention}, {@code gemm}, {@code qk}); this package
 * knows nothing about tasks or scopes, so other workloads (Qwen3 decode) reuse it as it is.
 */
package dev.tessera.examples.tile;
