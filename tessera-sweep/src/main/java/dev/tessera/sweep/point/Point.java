package dev.tessera.sweep.point;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One run of a sweep: everything that decides its result, as plain names and numbers so that it
 * travels to any executor and means the same there. On {@code sim} two equal points give equal
 * results wherever they run.
 *
 * @param index           position in the sweep (0-based), for ordering; not part of {@link #key()}
 * @param example         example name as {@code tessera list} prints it
 * @param options         the example's options (its case among them), validated against what it declares
 * @param policy          dispatch policy name
 * @param dispatchOptions dispatch mechanisms switched {@code on}/{@code off}
 * @param topology        topology spec ({@code a2a3}, {@code a5}, {@code CxS}, ...)
 * @param platform        {@code sim} or {@code threaded[:CORES]} ({@link PlatformSpec}; threaded points are noisy)
 * @param syncStart       {@code reserve} or {@code freeze}
 * @param costs           name of the cost variant ({@code preset} when none is overridden)
 * @param costOverrides   that variant's {@code --cost KEY=NS} overrides on the topology's preset
 * @param compute         false runs kernels as pure timing ({@code --no-compute}); goldens then fail
 * @param timeoutMs       a run still going after this long is abandoned and recorded as TIMEOUT
 */
public record Point(
        int index,
        String example,
        SortedMap<String, String> options,
        String policy,
        SortedMap<String, String> dispatchOptions,
        String topology,
        String platform,
        String syncStart,
        long seed,
        String costs,
        SortedMap<String, String> costOverrides,
        boolean compute,
        long timeoutMs)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public Point {
        options = frozen(options);
        dispatchOptions = frozen(dispatchOptions);
        costOverrides = frozen(costOverrides);
    }

    private static SortedMap<String, String> frozen(Map<String, String> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    /**
     * The point's identity in the results, stable across runs of the same or an edited sweep file:
     * {@code example|options|policy|dispatchOptions|topology|platform|syncStart|seed|costs|compute},
     * where a cost variant with overrides reads {@code name(k=v;k=v)}, so that editing a variant's
     * values makes new points. {@code --resume} skips a point whose key is already in the output.
     */
    public String key() {
        String cost = costOverrides.isEmpty() ? costs : costs + "(" + format(costOverrides) + ")";
        return String.join(
                "|",
                example,
                format(options),
                policy,
                format(dispatchOptions),
                topology,
                platform,
                syncStart,
                Long.toString(seed),
                cost,
                compute ? "compute" : "no-compute");
    }

    /** The policy with its dispatch options, as the summary's columns name it: {@code parallel}, {@code head[burst=off]}. */
    public String policyLabel() {
        return policyLabel(policy, format(dispatchOptions));
    }

    public static String policyLabel(String policy, String dispatchOptions) {
        return dispatchOptions.isEmpty() ? policy : policy + "[" + dispatchOptions + "]";
    }

    /** Threaded points measure this machine's threads, not the model: their times vary from run to run. */
    public boolean noisy() {
        return !platform.equals("sim");
    }

    /** {@code k=v;k2=v2} in key order; empty for no entries. */
    public static String format(Map<String, String> m) {
        StringJoiner j = new StringJoiner(";");
        new TreeMap<>(m).forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }
}
