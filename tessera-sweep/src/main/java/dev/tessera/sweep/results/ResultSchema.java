package dev.tessera.sweep.results;

import dev.tessera.sweep.point.Column;
import dev.tessera.sweep.point.Figures;
import dev.tessera.sweep.point.Point;
import dev.tessera.sweep.point.PointResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a sweep's results, the same in Parquet and CSV: the point's parameters, how it
 * ended, its figures ({@link Figures}), and how long it took where.
 */
public final class ResultSchema {
    public static final List<Column> PARAMETERS = List.of(
            Column.int64("index", "position of the point in the sweep"),
            Column.string(
                    "point",
                    "the point's identity: example|options|policy|dispatchOptions|topology|platform|syncStart|seed|costs|compute "
                            + "(costs with overrides: name(k=v;k=v))"),
            Column.string("example", "example name"),
            Column.string("options", "the example's options, k=v;k=v (empty: none)"),
            Column.string("policy", "dispatch policy"),
            Column.string("dispatchOptions", "dispatch mechanisms switched on/off, k=v;k=v (empty: none)"),
            Column.string("topology", "topology"),
            Column.string(
                    "platform",
                    "sim, or threaded with its cores: threaded (auto), threaded:pooled, threaded:pooled:N, threaded:dedicated"),
            Column.string("syncStart", "reserve or freeze"),
            Column.int64("seed", "seed"),
            Column.string("costs", "cost variant name (preset: no overrides)"),
            Column.bool("compute", "whether kernels ran (false: pure timing, goldens fail)"));

    public static final List<Column> OUTCOME = List.of(
            Column.string("status", "PASS, FAIL (output differs from the golden), ERROR (the run threw) or TIMEOUT"),
            Column.string("error", "for ERROR and TIMEOUT: what happened"),
            Column.bool("noisy", "true for threaded points: wall-clock figures that vary from run to run"),
            Column.int64("checked", "output elements compared with the golden"),
            Column.int64("mismatches", "output elements that differed"));

    public static final List<Column> TIMING = List.of(
            Column.float64("wallMs", "wall-clock time of the run itself, ms"),
            Column.string("executor", "Spark executor that ran the point (driver: local mode)"));

    public static final List<Column> COLUMNS = concat(PARAMETERS, OUTCOME, Figures.COLUMNS, TIMING);

    /** Columns that say how a point ran rather than what it computed: they differ between runs of one point. */
    public static final Set<String> RUN_DEPENDENT = Set.of("wallMs", "executor");

    private ResultSchema() {}

    @SafeVarargs
    private static List<Column> concat(List<Column>... parts) {
        List<Column> all = new ArrayList<>();
        for (List<Column> p : parts) all.addAll(p);
        return List.copyOf(all);
    }

    public static Row row(PointResult r) {
        Point p = r.point();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("index", (long) p.index());
        v.put("point", p.key());
        v.put("example", p.example());
        v.put("options", Point.format(p.options()));
        v.put("policy", p.policy());
        v.put("dispatchOptions", Point.format(p.dispatchOptions()));
        v.put("topology", p.topology());
        v.put("platform", p.platform());
        v.put("syncStart", p.syncStart());
        v.put("seed", p.seed());
        v.put("costs", p.costs());
        v.put("compute", p.compute());
        v.put("status", r.status().name());
        v.put("error", r.error());
        v.put("noisy", p.noisy());
        v.put("checked", r.checked());
        v.put("mismatches", r.mismatches());
        for (Column c : Figures.COLUMNS) v.put(c.name(), r.figures().get(c.name()));
        v.put("wallMs", r.wallMs());
        v.put("executor", r.executor());
        return new Row(v);
    }
}
