package dev.tessera.sweep;

import dev.tessera.sweep.engine.Engine;
import dev.tessera.sweep.engine.EngineException;
import dev.tessera.sweep.engine.SparkEngine;
import dev.tessera.sweep.results.OutputException;
import dev.tessera.sweep.results.ResultStore;
import dev.tessera.sweep.spec.Node;
import dev.tessera.sweep.spec.SweepFileException;
import dev.tessera.sweep.spec.SweepSpec;
import dev.tessera.sweep.spec.SweepSpecReader;
import dev.tessera.sweep.spec.Where;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "tessera sweep",
        mixinStandardHelpOptions = true,
        version = "tessera sweep 0.1.0-SNAPSHOT",
        sortOptions = false,
        description = {
            "Run many simulated runs - every combination of examples (with their options), policies, topologies, "
                    + "sync-start modes, cost variants and seeds - on Apache Spark: embedded local[*] by default, "
                    + "or any cluster with --master.",
            "The axes come from a sweep file (JSON or YAML, see docs/sweeps.md) and/or the flags below; a flag "
                    + "replaces the file's value. Writes results.parquet/ and results.csv (one row per point), "
                    + "summary.txt, summary.html and boxplots/*.png into --out, and prints the summary."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every point passed or was unchecked (--no-compute), or --dry-run",
            "1:some point failed, errored or timed out (all recorded)",
            "2:bad command line or sweep file (nothing ran)",
            "3:the engine failed (finished rows are kept)",
            "4:the output folder cannot be written"
        })
public final class SweepCommand implements Callable<Integer> {
    /** Starts an engine for a sweep. */
    public interface EngineFactory {
        Engine start(String master, String appName, Map<String, String> sparkConf);
    }

    public static final EngineFactory SPARK = SparkEngine::new;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Sweep file (.json, .yaml or .yml).")
    Path file;

    @Option(names = "--examples", paramLabel = "LIST", description = "Examples, comma-separated.")
    String examples;

    @Option(
            names = "--cases",
            paramLabel = "LIST",
            description = "Cases of the --examples (tessera run --case), comma-separated: each example runs each case.")
    String cases;

    @Option(
            names = "--option",
            paramLabel = "NAME=LIST",
            description =
                    "An option of the --examples (tessera run --NAME VALUE) and its values, comma-separated, e.g. "
                            + "variant=manual,unroll (repeatable; each example runs every combination).")
    Map<String, String> exampleOptions = new LinkedHashMap<>();

    @Option(
            names = "--policies",
            paramLabel = "LIST",
            description = "Dispatch policies, comma-separated (default: parallel).")
    String policies;

    @Option(
            names = "--topologies",
            paramLabel = "LIST",
            description = "Topologies: a2a3, a5, a5:S, CxS (default: a2a3).")
    String topologies;

    @Option(
            names = "--sync-start",
            paramLabel = "LIST",
            description = "Sync-start modes: reserve, freeze (default: reserve).")
    String syncStart;

    @Option(
            names = "--seeds",
            paramLabel = "SPEC",
            description = "Seeds: N, A..B, or a comma list of those, e.g. 1..50 (default: 0).")
    String seeds;

    @Option(
            names = "--cost",
            paramLabel = "KEY=NS",
            description = "A cost override; all of them form one cost variant named cli (repeatable).")
    Map<String, String> costs = new LinkedHashMap<>();

    @Option(
            names = "--platforms",
            paramLabel = "LIST",
            description = "sim (default) and/or threaded, threaded:pooled, threaded:pooled:N, threaded:dedicated "
                    + "(tessera run --cores; noisy: real threads, wall-clock).")
    String platforms;

    @Option(
            names = "--no-compute",
            description = "Skip the kernels: pure timing (the points are UNCHECKED, not compared with their goldens).")
    boolean noCompute;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Abandon a point after this long, e.g. 90s, 5m (default: 10m).")
    String timeout;

    @Option(
            names = "--baseline",
            paramLabel = "POLICY",
            description = "Policy the summary divides by (default: parallel when swept, else the first).")
    String baseline;

    @Option(
            names = "--figures",
            paramLabel = "LIST",
            description =
                    "Figures the summary and box plots show (default: makespanNs, overheadPct_aic, overheadPct_aiv, startSpreadNs_max).")
    String figures;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output folder (default: tessera-out/sweeps/NAME, NAME from the file or 'sweep').")
    Path out;

    @Option(names = "--resume", description = "Continue the sweep in --out: skip every point that already has a row.")
    boolean resume;

    @Option(
            names = "--dry-run",
            description =
                    "Print the points and an estimate of the time (from one probe run per workload), run nothing.")
    boolean dryRun;

    @Option(
            names = "--master",
            paramLabel = "URL",
            defaultValue = "local[*]",
            description =
                    "Spark master: local[*] (default), local[N], spark://HOST:PORT, yarn, k8s://... (see docs/sweeps.md).")
    String master;

    @Option(
            names = "--spark-conf",
            paramLabel = "KEY=VALUE",
            description = "A Spark setting, e.g. spark.executor.memory=2g (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    private final PrintWriter stdout;
    private final PrintWriter stderr;
    private final boolean terminal;
    private final EngineFactory engines;

    SweepCommand(PrintWriter stdout, PrintWriter stderr, boolean terminal, EngineFactory engines) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.terminal = terminal;
        this.engines = engines;
    }

    /** Parses and runs a command line; returns the exit code. */
    public static int execute(
            PrintWriter out, PrintWriter err, boolean terminal, EngineFactory engines, String... args) {
        CommandLine cli = new CommandLine(new SweepCommand(out, err, terminal, engines))
                .setOut(out)
                .setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("tessera sweep: " + e.getMessage());
            err.println("Try 'tessera sweep --help' for usage.");
            err.flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            err.println("tessera sweep: " + e.getMessage());
            if (!(e instanceof EngineException)) e.printStackTrace(err);
            err.flush();
            return ExitCodes.ENGINE_ERROR;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        SweepSpec sweep;
        try {
            sweep = spec();
        } catch (SweepFileException e) {
            return fail(ExitCodes.USAGE, e.getMessage());
        }
        Path dir = out != null ? out : Path.of("tessera-out", "sweeps", sweep.name());
        try {
            Sweep run = new Sweep(sweep, dir, stdout, stderr, terminal);
            if (dryRun) return run.dryRun(resume, master);
            return run.run(resume, () -> engines.start(master, "tessera sweep " + sweep.name(), sparkConf));
        } catch (ResultStore.ExistingResultsException e) {
            return fail(ExitCodes.USAGE, e.getMessage());
        } catch (OutputException e) {
            return fail(ExitCodes.OUTPUT_ERROR, e.getMessage());
        } catch (EngineException e) {
            return fail(ExitCodes.ENGINE_ERROR, e.getMessage());
        }
    }

    private int fail(int code, String message) {
        stderr.println("tessera sweep: " + message);
        stderr.flush();
        return code;
    }

    /** The file's sweep with the flags on top, checked. */
    SweepSpec spec() {
        SweepSpecReader r = file != null ? SweepSpecReader.read(file) : SweepSpecReader.empty();
        examples(r);
        list(r, "policies", "--policies", policies);
        list(r, "topologies", "--topologies", topologies);
        list(r, "syncStart", "--sync-start", syncStart);
        list(r, "platforms", "--platforms", platforms);
        list(r, "figures", "--figures", figures);
        if (seeds != null) r.set("seeds", new Node.Scalar(0, seeds), Where.flag("--seeds"));
        if (timeout != null) r.set("timeout", new Node.Scalar(0, timeout), Where.flag("--timeout"));
        if (baseline != null) r.set("baseline", new Node.Scalar(0, baseline), Where.flag("--baseline"));
        if (noCompute) r.set("compute", new Node.Scalar(0, false), Where.flag("--no-compute"));
        if (!costs.isEmpty()) {
            Map<String, Node.Entry> overrides = new LinkedHashMap<>();
            costs.forEach((k, v) -> overrides.put(k, new Node.Entry(k, 0, new Node.Scalar(0, v))));
            r.set(
                    "costs",
                    new Node.Obj(0, Map.of("cli", new Node.Entry("cli", 0, new Node.Obj(0, overrides)))),
                    Where.flag("--cost"));
        }
        return r.build();
    }

    /**
     * {@code --examples}, with {@code --cases} and {@code --option} as each example's {@code cases} and
     * {@code options} (the file's form): so the flags are checked, and their errors named, the same way.
     */
    private void examples(SweepSpecReader r) {
        if (examples == null) {
            if (cases != null || !exampleOptions.isEmpty()) {
                throw new SweepFileException(
                        "command line",
                        0,
                        cases != null ? "--cases" : "--option",
                        "applies to the examples of --examples: name them there");
            }
            return;
        }
        if (cases == null && exampleOptions.isEmpty()) {
            list(r, "examples", "--examples", examples);
            return;
        }
        List<Node> items = new ArrayList<>();
        for (Node name : items(examples)) {
            Map<String, Node.Entry> entry = new LinkedHashMap<>();
            entry.put("name", new Node.Entry("name", 0, name));
            if (cases != null) entry.put("cases", new Node.Entry("cases", 0, new Node.Arr(0, items(cases))));
            if (!exampleOptions.isEmpty()) {
                Map<String, Node.Entry> options = new LinkedHashMap<>();
                exampleOptions.forEach((k, v) -> options.put(k, new Node.Entry(k, 0, new Node.Arr(0, items(v)))));
                entry.put("options", new Node.Entry("options", 0, new Node.Obj(0, options)));
            }
            items.add(new Node.Obj(0, entry));
        }
        r.set("examples", new Node.Arr(0, items), Where.flag("--examples"));
    }

    private static void list(SweepSpecReader r, String key, String flag, String value) {
        if (value == null) return;
        r.set(key, new Node.Arr(0, items(value)), Where.flag(flag));
    }

    private static List<Node> items(String commaList) {
        List<Node> items = new ArrayList<>();
        for (String s : commaList.split(",")) items.add(new Node.Scalar(0, s.trim()));
        return items;
    }
}
