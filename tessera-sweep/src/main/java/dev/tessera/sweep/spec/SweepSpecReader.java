package dev.tessera.sweep.spec;

import static dev.tessera.sweep.spec.Values.bool;
import static dev.tessera.sweep.spec.Values.each;
import static dev.tessera.sweep.spec.Values.product;
import static dev.tessera.sweep.spec.Values.scalarText;
import static dev.tessera.sweep.spec.Values.string;

import dev.tessera.examples.Examples;
import dev.tessera.examples.run.SyncStartNames;
import dev.tessera.platform.sim.CostModel;
import dev.tessera.scheduler.DispatchPolicy;
import dev.tessera.sweep.point.Column;
import dev.tessera.sweep.point.DispatchOptions;
import dev.tessera.sweep.point.Figures;
import dev.tessera.sweep.point.PlatformSpec;
import dev.tessera.sweep.point.Point;
import dev.tessera.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a sweep from a file and/or flags and checks every value against what Tessera knows
 * (examples and their options, policies, topologies, sync-start modes, cost keys) before anything
 * runs. A problem is a {@link SweepFileException} naming the file, line and key. A flag replaces
 * the file's value of the same key.
 */
public final class SweepSpecReader {
    /** The keys of a sweep file, in the order docs/sweeps.md explains them. */
    public static final List<String> KEYS = List.of(
            "name",
            "description",
            "examples",
            "policies",
            "dispatchOptions",
            "topologies",
            "syncStart",
            "seeds",
            "costs",
            "platforms",
            "compute",
            "timeout",
            "baseline",
            "figures");

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    static final List<String> DEFAULT_FIGURES =
            List.of("makespanNs", "overheadPct_aic", "overheadPct_aiv", "startSpreadNs_max");

    private final String source;
    private final String defaultName;
    private String name;
    private List<SweepSpec.ExampleEntry> examples;
    private List<String> policies = List.of("parallel");
    private List<SortedMap<String, String>> dispatchOptions = List.of(new TreeMap<>());
    private List<String> topologies = List.of("a2a3");
    private List<String> syncStarts = List.of("reserve");
    private List<Long> seeds = List.of(0L);
    private List<SweepSpec.CostVariant> costs = List.of(new SweepSpec.CostVariant("preset", new TreeMap<>()));
    private List<String> platforms = List.of("sim");
    private Where platformsWhere = Where.flag("platforms");
    private boolean compute = true;
    private Duration timeout = DEFAULT_TIMEOUT;
    private String baseline;
    private Where baselineWhere;
    private List<String> figures = DEFAULT_FIGURES;
    private Where figuresWhere = Where.flag("figures");

    private SweepSpecReader(String source, String defaultName) {
        this.source = source;
        this.defaultName = defaultName;
    }

    /** A sweep with every default and no examples yet: flags fill it. */
    public static SweepSpecReader empty() {
        return new SweepSpecReader("command line", "sweep");
    }

    /** Reads {@code file} (JSON, or YAML for .yaml/.yml). */
    public static SweepSpecReader read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SweepFileException(file.toString(), 0, null, "no such file");
        } catch (IOException e) {
            throw new SweepFileException(file.toString(), 0, null, "cannot be read: " + e);
        }
        return read(file.toString(), text);
    }

    /** Reads {@code text}, reported as {@code source} in errors. */
    public static SweepSpecReader read(String source, String text) {
        String base = Path.of(source).getFileName().toString();
        int dot = base.lastIndexOf('.');
        SweepSpecReader r = new SweepSpecReader(source, dot > 0 ? base.substring(0, dot) : base);
        Node root = NodeReader.read(source, text);
        if (!(root instanceof Node.Obj obj)) {
            throw new SweepFileException(
                    source, root.line(), null, "a sweep file is an object of keys, got " + root.kind());
        }
        for (Node.Entry e : obj.entries().values()) {
            r.set(e.key(), e.value(), new Where(source, e.keyLine(), e.key()));
        }
        return r;
    }

    /** Sets one key (from the file, or from a flag with {@link Where#flag}); checks its value. */
    public SweepSpecReader set(String key, Node value, Where where) {
        switch (key) {
            case "name" -> name = string(value, where);
            case "description" -> string(value, where);
            case "examples" -> examples = ExampleEntries.read(value, where);
            case "policies" -> policies = policies(value, where);
            case "dispatchOptions" -> dispatchOptions = dispatchOptions(value, where);
            case "topologies" -> topologies = topologies(value, where);
            case "syncStart" ->
                syncStarts = each(value, where, (s, w) -> SyncStartNames.nameOf(SyncStartNames.parse(s)));
            case "seeds" -> seeds = seeds(value, where);
            case "costs" -> costs = costs(value, where);
            case "platforms" -> {
                platforms = each(value, where, (s, w) -> PlatformSpec.canonical(s));
                platformsWhere = where;
            }
            case "compute" -> compute = bool(value, where);
            case "timeout" -> timeout = timeout(value, where);
            case "baseline" -> {
                baseline = string(value, where);
                baselineWhere = where;
            }
            case "figures" -> {
                figures = each(value, where, (s, w) -> s);
                figuresWhere = where;
            }
            default ->
                throw where.fail("unknown key" + suggestion(key) + "; a sweep file has " + String.join(", ", KEYS));
        }
        return this;
    }

    /** The checked sweep, with defaults for every key not given; checks the keys against each other. */
    public SweepSpec build() {
        if (examples == null) {
            throw new SweepFileException(
                    source,
                    0,
                    "examples",
                    "no examples: name at least one (" + String.join(", ", Examples.names()) + ")");
        }
        if (platforms.stream().anyMatch(p -> !p.equals("sim"))
                && (!compute || costs.stream().anyMatch(c -> !c.overrides().isEmpty()))) {
            throw platformsWhere.fail(
                    "threaded points run real kernels on real threads: costs and compute=false apply to sim only");
        }
        Set<String> labels = new LinkedHashSet<>();
        for (String p : policies)
            for (SortedMap<String, String> d : dispatchOptions) labels.add(Point.policyLabel(p, Point.format(d)));
        String base = baseline != null
                ? baseline
                : labels.contains("parallel") ? "parallel" : labels.iterator().next();
        if (!labels.contains(base)) {
            throw baselineWhere.fail(
                    "baseline '" + base + "' is not among the sweep's policies: " + String.join(", ", labels));
        }
        for (String f : figures) {
            boolean known = f.equals("wallMs")
                    || Figures.column(f).map(c -> c.type().numeric()).orElse(false);
            if (!known) {
                throw figuresWhere.fail("'" + f + "' is not a numeric figure: use wallMs or one of "
                        + String.join(
                                ", ",
                                Figures.COLUMNS.stream()
                                        .filter(c -> c.type().numeric())
                                        .map(Column::name)
                                        .toList()));
            }
        }
        return new SweepSpec(
                name != null ? name : defaultName,
                examples,
                policies,
                dispatchOptions,
                topologies,
                syncStarts,
                seeds,
                costs,
                platforms,
                compute,
                timeout,
                base,
                figures);
    }

    // ---------------------------------------------------------------- axes

    private List<String> policies(Node value, Where where) {
        return each(value, where, (s, w) -> {
            DispatchPolicy.parse(s);
            return s.trim().toLowerCase(Locale.ROOT);
        });
    }

    private List<SortedMap<String, String>> dispatchOptions(Node value, Where where) {
        if (!(value instanceof Node.Obj o))
            throw where.fail("expected an object of mechanism: on/off (or a list of both), got " + value.kind());
        Map<String, List<String>> axes = new TreeMap<>();
        for (Node.Entry e : o.entries().values()) {
            Where w = where.child(e.key(), e.keyLine());
            axes.put(e.key(), each(e.value(), w, (s, iw) -> {
                String v = s.equals("true") ? "on" : s.equals("false") ? "off" : s;
                DispatchOptions.check(e.key(), v);
                return v;
            }));
        }
        return product(axes);
    }

    private List<String> topologies(Node value, Where where) {
        return each(value, where, (s, w) -> {
            Topology t;
            try {
                t = Topology.parse(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid topology '" + s + "': use a2a3, a5, a5:S or CxS");
            }
            if (s.trim().equalsIgnoreCase("host")) {
                throw new IllegalArgumentException(
                        "host is sized to the machine that runs each point, so results would "
                                + "depend on the executor: use CxS (this machine is " + t.clusters() + "x"
                                + t.schedulers() + ")");
            }
            return s.trim().toLowerCase(Locale.ROOT);
        });
    }

    private List<Long> seeds(Node value, Where where) {
        Set<Long> out = new LinkedHashSet<>();
        List<Node> items = value instanceof Node.Arr a ? a.items() : List.of(value);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Where w = value instanceof Node.Arr ? where.item(i, item.line()) : where;
            if (item instanceof Node.Scalar s && s.value() instanceof Long n) {
                out.add(n);
            } else if (item instanceof Node.Scalar s && s.value() instanceof String text) {
                Seeds.parse(text, w, out);
            } else {
                throw w.fail("expected a seed (7), a range (\"1..50\") or a list of those, got " + item.kind());
            }
        }
        if (out.isEmpty()) throw where.fail("no seeds");
        return new ArrayList<>(out);
    }

    private List<SweepSpec.CostVariant> costs(Node value, Where where) {
        if (!(value instanceof Node.Obj o) || o.entries().isEmpty()) {
            throw where.fail("expected an object of named variants, e.g. {\"preset\": {}, \"slow-matmul\": "
                    + "{\"kernel.name.qk_matmul\": 40000}}, got "
                    + (value instanceof Node.Obj ? "an empty object" : value.kind()));
        }
        List<SweepSpec.CostVariant> out = new ArrayList<>();
        for (Node.Entry variant : o.entries().values()) {
            Where vw = where.child(variant.key(), variant.keyLine());
            if (!(variant.value() instanceof Node.Obj overrides)) {
                throw vw.fail("a cost variant is an object of KEY: nanoseconds ({} for the preset), got "
                        + variant.value().kind());
            }
            SortedMap<String, String> map = new TreeMap<>();
            for (Node.Entry e : overrides.entries().values()) {
                Where ew = vw.child(e.key(), e.keyLine());
                String v = scalarText(e.value(), ew);
                try {
                    CostModel.a2a3().withOverrides(Map.of(e.key(), v));
                } catch (IllegalArgumentException ex) {
                    throw ew.fail(ex.getMessage());
                }
                map.put(e.key(), v);
            }
            out.add(new SweepSpec.CostVariant(variant.key(), map));
        }
        return out;
    }

    private static Duration timeout(Node value, Where where) {
        return Durations.parse(scalarText(value, where), where);
    }

    private static String suggestion(String key) {
        for (String k : KEYS) {
            if (k.equalsIgnoreCase(key) || distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT)) <= 2) {
                return " (did you mean '" + k + "'?)";
            }
        }
        return "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(
                        Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
