package dev.tessera.bench.workloads;

import dev.tessera.bench.workloads.HardwareTimes.Target;
import dev.tessera.bench.workloads.SimProbe.Measure;
import dev.tessera.bench.workloads.SimProbe.Workload;
import dev.tessera.examples.Example;
import dev.tessera.examples.ExampleCase;
import dev.tessera.examples.Examples;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.profiling.TraceStats;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-case table of {@code docs/workloads.md}: every case of the workload examples (every
 * variant of paged attention), timing-only on sim with the shipped presets, serial and parallel on
 * a2a3 and a5, with overhead and utilisation from the statistics of the parallel runs and the
 * hardware figure where the reference publishes one.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp tessera-bench/target/tessera-jmh.jar
 * dev.tessera.bench.workloads.WorkloadTables [EXAMPLE...]} (about three minutes for all three on 2 CPUs,
 * as measured for docs/workloads.md).
 */
public final class WorkloadTables {
    private WorkloadTables() {}

    public static void main(String[] args) {
        List<String> names =
                args.length > 0 ? List.of(args) : List.of("paged-attention", "bgemm", "alternating-matmul-add");
        for (String name : names) table(Examples.byName(name).orElseThrow());
    }

    static void table(Example e) {
        System.out.printf(Locale.ROOT, "%n#### %s%n%n", e.name());
        System.out.println("| case | tasks | a2a3 serial (µs) | a2a3 parallel (µs) | a5 serial (µs) | a5 parallel (µs) "
                + "| overhead AIC / AIV, a2a3 parallel | utilisation AIC / AIV, a2a3 parallel | a2a3 hardware (µs) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Workload w : workloads(e)) {
            Measure a2s = SimProbe.run(w, Topology.a2a3(), CostModel.a2a3(), DispatchPolicy.SERIAL, false);
            Measure a2p = SimProbe.run(w, Topology.a2a3(), CostModel.a2a3(), DispatchPolicy.PARALLEL, true);
            Measure a5s = SimProbe.run(w, Topology.a5(), CostModel.a5(), DispatchPolicy.SERIAL, false);
            Measure a5p = SimProbe.run(w, Topology.a5(), CostModel.a5(), DispatchPolicy.PARALLEL, false);
            TraceStats st = a2p.stats();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f %% / %.1f %% | %.1f %% / %.1f %% | %s |%n",
                    label(w),
                    a2p.tasks(),
                    us(a2s),
                    us(a2p),
                    us(a5s),
                    us(a5p),
                    st.aic().overheadPct(),
                    st.aiv().overheadPct(),
                    st.aic().utilisationPct(),
                    st.aiv().utilisationPct(),
                    hardware(w));
        }
    }

    private static List<Workload> workloads(Example e) {
        List<Workload> out = new ArrayList<>();
        boolean variants = e.options().stream().anyMatch(o -> o.name().equals("variant"));
        for (ExampleCase c : e.cases()) {
            if (!variants) {
                out.add(Workload.of(e.name(), c.name()));
                continue;
            }
            for (String v : e.options().stream()
                    .filter(o -> o.name().equals("variant"))
                    .findFirst()
                    .orElseThrow()
                    .choices()) {
                out.add(Workload.of(e.name(), c.name(), "variant", v));
            }
        }
        return out;
    }

    private static String label(Workload w) {
        return w.caseName()
                + (w.options().isEmpty()
                        ? ""
                        : " " + String.join(" ", w.options().values()));
    }

    private static String hardware(Workload w) {
        for (Target t : HardwareTimes.A2A3) {
            if (t.workload().equals(w)) return String.format(Locale.ROOT, "%.1f–%.1f", t.loUs(), t.hiUs());
        }
        return "";
    }

    private static double us(Measure m) {
        return m.makespanNs() / 1e3;
    }
}
