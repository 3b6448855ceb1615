package dev.tessera.sweep.point;

import java.util.Map;
import java.util.TreeMap;

/** Points for tests, built without a sweep file. */
public final class Points {
    private Points() {}

    public static Point sim(int index, String example, String policy, long seed) {
        return new Point(
                index,
                example,
                new TreeMap<>(),
                policy,
                new TreeMap<>(),
                "a2a3",
                "sim",
                "reserve",
                seed,
                "preset",
                new TreeMap<>(),
                true,
                600_000);
    }

    public static Point withOptions(Point p, Map<String, String> options) {
        return new Point(
                p.index(),
                p.example(),
                new TreeMap<>(options),
                p.policy(),
                p.dispatchOptions(),
                p.topology(),
                p.platform(),
                p.syncStart(),
                p.seed(),
                p.costs(),
                p.costOverrides(),
                p.compute(),
                p.timeoutMs());
    }

    public static Point with(Point p, Map<String, String> costs, boolean compute, long timeoutMs) {
        return new Point(
                p.index(),
                p.example(),
                p.options(),
                p.policy(),
                p.dispatchOptions(),
                p.topology(),
                p.platform(),
                p.syncStart(),
                p.seed(),
                costs.isEmpty() ? "preset" : "custom",
                new TreeMap<>(costs),
                compute,
                timeoutMs);
    }
}
