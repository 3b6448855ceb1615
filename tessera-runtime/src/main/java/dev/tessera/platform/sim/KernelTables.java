package dev.tessera.platform.sim;

import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel durations the {@code a2a3} and {@code a5} presets ship: {@link WorkRule}s for the
 * tile kernels of the workload examples (paged attention, bgemm, alternating matmul-add, Qwen3 decode), keyed by
 * kernel name. Other kernels take {@code kernel.default}; a new workload adds its kernels' names
 * to the lists below (or installs its own rules with {@link CostModel#withKernelDurations}).
 *
 * <p>Every rule has the form {@code fixed + perMac·macs + perOp·vectorOps + perByte·bytes}, with the
 * work counted by the kernel from its tile shapes ({@code api.TileKernel}). All kernels of a machine
 * share the coefficients: cube kernels pay {@code perMac} (bf16 or fp32 inputs), vector kernels
 * {@code perOp}, and every kernel pays {@code fixed} and {@code perByte} for what it moves to and from
 * global memory. {@code fixed}, {@code perMac} and {@code perOp} are estimates from the chips'
 * public figures; {@code perByte} is the one fitted number per machine, fitted on one workload case
 * against the reference's hardware time and judged on every other case: {@code docs/workloads.md}
 * has the fit, the predictions and their errors, and {@code WorkloadCalibration} (tessera-bench)
 * repeats it.
 *
 * @param fixedNs      per block: kernel launch, first load latency, pipeline drain
 * @param nsPerMacBf16 cube, bf16 inputs (fp32 accumulation)
 * @param nsPerMacFp32 cube, fp32 inputs
 * @param nsPerOp      vector unit, per element operation
 * @param nsPerByte    per byte moved between global memory and the core (fitted)
 */
public record KernelTables(double fixedNs, double nsPerMacBf16, double nsPerMacFp32, double nsPerOp, double nsPerByte) {
    /** Cube kernels with bf16 inputs (paged attention, Qwen3). */
    private static final String[] CUBE_BF16 = {
        "pa_qk",
        "pa_pv",
        "pa_qk_group",
        "pa_pv_group",
        "qwen3_q_proj",
        "qwen3_k_proj",
        "qwen3_v_proj",
        "qwen3_out_proj",
        "qwen3_gate_proj",
        "qwen3_up_proj",
        "qwen3_down_proj",
        "qwen3_attention"
    };
    /** Cube kernels with fp32 inputs (bgemm, alternating). */
    private static final String[] CUBE_FP32 = {"bgemm_gemm", "alt_matmul"};
    /** Vector kernels. */
    private static final String[] VECTOR = {
        "pa_softmax",
        "pa_softmax_group",
        "pa_update",
        "bgemm_add",
        "alt_add",
        "qwen3_attention_vec",
        "qwen3_pa_tiling",
        "qwen3_copy_hidden",
        "qwen3_copy_out",
        "qwen3_rms_recip",
        "qwen3_x_gamma",
        "qwen3_dcr_xgamma",
        "qwen3_residual_rms_cast",
        "qwen3_post_rms_reduce",
        "qwen3_silu",
        "qwen3_attn_out_seed",
        "qwen3_q_seed",
        "qwen3_kv_seed",
        "qwen3_mlp_out_seed"
    };

    /**
     * a2a3 (Ascend 910B class). Estimates: {@code fixed} 1 µs; the cube does 16×16×16 bf16 MACs per
     * cycle at 1.8 GHz (0.000136 ns/MAC) and fp32 at a quarter of that; the vector unit 128 fp32
     * lanes at 1.8 GHz (0.0043 ns/op). {@code perByte}: fitted on paged_attention_unroll Case1.
     */
    public static final KernelTables A2A3 = new KernelTables(1_000, 0.000136, 0.000543, 0.0043, 0.0158);

    /**
     * a5 (Ascend 950 class): no per-kernel or per-operation figures are published, so the
     * estimates are a2a3's; {@code perByte} is fitted on a5's own benchmark_bgemm Case0 time and so
     * absorbs whatever else makes a5 runs slower than a2a3 ones (docs/workloads.md).
     */
    public static final KernelTables A5 = new KernelTables(1_000, 0.000136, 0.000543, 0.0043, 0.1229);

    /** The rules, by kernel name. */
    public Map<String, KernelDuration> rules() {
        Map<String, KernelDuration> m = new TreeMap<>();
        for (String k : CUBE_BF16) m.put(k, new WorkRule(fixedNs, nsPerMacBf16, 0, nsPerByte));
        for (String k : CUBE_FP32) m.put(k, new WorkRule(fixedNs, nsPerMacFp32, 0, nsPerByte));
        for (String k : VECTOR) m.put(k, new WorkRule(fixedNs, 0, nsPerOp, nsPerByte));
        return m;
    }

    /** These coefficients with another per-byte cost (what the calibration varies). */
    public KernelTables withPerByte(double ns) {
        return new KernelTables(fixedNs, nsPerMacBf16, nsPerMacFp32, nsPerOp, ns);
    }
}
