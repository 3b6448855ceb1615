package dev.tessera.bench.workloads;

import dev.tessera.bench.workloads.HardwareTimes.Target;
import dev.tessera.bench.workloads.SimProbe.Measure;
import dev.tessera.bench.workloads.SimProbe.Workload;
import dev.tessera.platform.Cost;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.platform.sim.KernelTables;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Fits the presets' kernel tables to the reference's hardware times and judges the fit, printing
 * the tables of {@code docs/workloads.md}:
 * <ol>
 *   <li>a2a3: the per-byte cost, the one fitted number of {@link KernelTables}, on
 *       paged_attention_unroll Case1 (the midpoint of its two published times), with the preset's
 *       operation costs as shipped; then every other a2a3 case is predicted with it;</li>
 *   <li>a5: the same on benchmark_bgemm Case0, predicting alternating_matmul_add Case1;</li>
 *   <li>a diagnosis: the sim's orchestration time against PR #694's, and the same fit with the
 *       orchestrator's costs scaled to each case's published orchestration time, which separates the
 *       kernel model's error from the orchestrator's.</li>
 * </ol>
 * Run: {@code java --add-modules jdk.incubator.vector -cp tessera-bench/target/tessera-jmh.jar
 * dev.tessera.bench.workloads.WorkloadCalibration} (about two minutes on 2 CPUs, as measured for
 * docs/workloads.md).
 */
public final class WorkloadCalibration {
    private static final PrintStream OUT = System.out;

    private WorkloadCalibration() {}

    public static void main(String[] args) {
        fitAndPredict("a2a3", Topology.a2a3(), CostModel.a2a3(), KernelTables.A2A3, HardwareTimes.A2A3);
        fitAndPredict("a5", Topology.a5(), CostModel.a5(), KernelTables.A5, HardwareTimes.A5);
        orchestratorDiagnosis();
    }

    /** Fits the per-byte cost on the first target, predicts the others, and compares with what the preset ships. */
    @SuppressWarnings("ReferenceEquality") // marks the one target the fit used, by identity
    static void fitAndPredict(
            String machine, Topology topology, CostModel preset, KernelTables shipped, List<Target> targets) {
        Target fitCase = targets.getFirst();
        double beta = fit(
                perByte -> makespanUs(fitCase.workload(), topology, preset, shipped.withPerByte(perByte)),
                fitCase.midUs(),
                0,
                0.5);
        OUT.printf(
                Locale.ROOT,
                "%n### %s: per-byte cost fitted on %s: %.4f ns/B (%.1f GB/s per core); shipped %.4f%n%n",
                machine,
                fitCase.workload().label(),
                beta,
                1 / beta,
                shipped.nsPerByte());
        OUT.println(
                "| case | hardware (µs) | sim, fitted (µs) | error vs midpoint | in range | sim, shipped preset (µs) |");
        OUT.println("|---|---:|---:|---:|:---:|---:|");
        for (Target t : targets) {
            double fitted = makespanUs(t.workload(), topology, preset, shipped.withPerByte(beta));
            double asShipped = makespanUs(t.workload(), topology, preset, shipped);
            OUT.printf(
                    Locale.ROOT,
                    "| %s%s | %.1f–%.1f | %.1f | %+.1f %% | %s | %.1f |%n",
                    t.workload().label(),
                    t == fitCase ? " (fit)" : "",
                    t.loUs(),
                    t.hiUs(),
                    fitted,
                    100 * (fitted / t.midUs() - 1),
                    t.contains(fitted) ? "yes" : "no",
                    asShipped);
        }
    }

    /**
     * The orchestrator's share: the sim's last submit against PR #694's orchestration time, and the
     * kernel fit redone with the orchestrator's costs scaled, per case, to that time.
     */
    @SuppressWarnings("ReferenceEquality") // marks the one target the fit used, by identity
    static void orchestratorDiagnosis() {
        Topology topology = Topology.a2a3();
        CostModel preset = CostModel.a2a3();
        OUT.printf(Locale.ROOT, "%n### a2a3 orchestration: sim (shipped costs) against PR #694%n%n");
        OUT.println(
                "| case | #694 orchestration (µs) | sim last submit (µs) | ratio | orchestrator scale that matches |");
        OUT.println("|---|---:|---:|---:|---:|");
        Target fitCase = HardwareTimes.A2A3.getFirst();
        java.util.Map<Target, Double> scales = new java.util.LinkedHashMap<>();
        for (Target t : HardwareTimes.A2A3) {
            if (t.orchUs() <= 0) continue;
            CostModel shipped = preset.withKernelDurations(KernelTables.A2A3.rules());
            double sim = SimProbe.run(t.workload(), topology, shipped, DispatchPolicy.PARALLEL, true)
                            .lastSubmitNs()
                    / 1e3;
            double f = fit(
                    s -> SimProbe.run(
                                            t.workload(),
                                            topology,
                                            scaledOrchestrator(shipped, s),
                                            DispatchPolicy.PARALLEL,
                                            true)
                                    .lastSubmitNs()
                            / 1e3,
                    t.orchUs(),
                    0.05,
                    2);
            scales.put(t, f);
            OUT.printf(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.2f | %.2f |%n",
                    t.workload().label(),
                    t.orchUs(),
                    sim,
                    sim / t.orchUs(),
                    f);
        }
        double fFit = scales.get(fitCase);
        double beta = fit(
                perByte -> makespanUs(
                        fitCase.workload(),
                        topology,
                        scaledOrchestrator(preset, fFit),
                        KernelTables.A2A3.withPerByte(perByte)),
                fitCase.midUs(),
                0,
                0.5);
        OUT.printf(
                Locale.ROOT,
                "%n### a2a3 with the orchestrator matched to #694: per-byte cost fitted on %s: %.4f ns/B (%.1f GB/s per core)%n%n",
                fitCase.workload().label(),
                beta,
                1 / beta);
        OUT.println("| case | hardware (µs) | orchestrator scale | sim (µs) | error vs midpoint |");
        OUT.println("|---|---:|---:|---:|---:|");
        for (Map.Entry<Target, Double> e : scales.entrySet()) {
            Target t = e.getKey();
            double sim = makespanUs(
                    t.workload(),
                    topology,
                    scaledOrchestrator(preset, e.getValue()),
                    KernelTables.A2A3.withPerByte(beta));
            OUT.printf(
                    Locale.ROOT,
                    "| %s%s | %.1f–%.1f | %.2f | %.1f | %+.1f %% |%n",
                    t.workload().label(),
                    t == fitCase ? " (fit)" : "",
                    t.loUs(),
                    t.hiUs(),
                    e.getValue(),
                    sim,
                    100 * (sim / t.midUs() - 1));
        }
    }

    /** The submit path's costs (base, TensorMap lookup and insert) multiplied by {@code factor}. */
    static CostModel scaledOrchestrator(CostModel m, double factor) {
        return m.withOverrides(Map.of(
                CostModel.key(Cost.SUBMIT), Long.toString(Math.round(m.cost(Cost.SUBMIT) * factor)),
                CostModel.key(Cost.TENSORMAP_LOOKUP), Long.toString(Math.round(m.cost(Cost.TENSORMAP_LOOKUP) * factor)),
                CostModel.key(Cost.TENSORMAP_INSERT),
                        Long.toString(Math.round(m.cost(Cost.TENSORMAP_INSERT) * factor))));
    }

    static double makespanUs(Workload w, Topology topology, CostModel base, KernelTables tables) {
        Measure m = SimProbe.run(w, topology, base.withKernelDurations(tables.rules()), DispatchPolicy.PARALLEL, false);
        return m.makespanNs() / 1e3;
    }

    /**
     * The {@code x} in {@code [lo, hi]} where the non-decreasing {@code f} reaches {@code target}, by
     * bisection to 0.1 % of the interval; an end of the interval when {@code f} stays on one side.
     */
    static double fit(DoubleUnaryOperator f, double target, double lo, double hi) {
        if (f.applyAsDouble(lo) >= target) return lo;
        if (f.applyAsDouble(hi) <= target) return hi;
        while (hi - lo > 1e-3 * (hi + lo) / 2) {
            double mid = (lo + hi) / 2;
            if (f.applyAsDouble(mid) < target) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }
}
