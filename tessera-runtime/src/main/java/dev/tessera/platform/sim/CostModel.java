package dev.tessera.platform.sim;

import dev.tessera.platform.Cost;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.topology.Topology;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every operation costs in simulated nanoseconds: the scheduler and orchestrator operations of
 * {@link Cost}, the core's pickup and register-visibility latencies, kernel durations, the idle
 * back-off of a polling actor, the device counter's tick and the jitter amplitude.
 *
 * <p>Immutable. Start from {@link #a2a3()} or {@link #a5()} (values and their sources are in
 * {@code docs/sim-cost-model.md}), then override keys one at a time, from a map, or from a file
 * ({@link #load(Path)}). Keys:
 * <ul>
 *   <li>{@code cost.<op>} for every {@link Cost} constant, lower case ({@code cost.register_write});</li>
 *   <li>{@code core.pickup}, {@code core.switch}, {@code core.ack_visibility}, {@code core.fin_visibility},
 *       {@code core.doorbell};</li>
 *   <li>{@code kernel.default} and {@code kernel.name.<kernel name>}: one number, a comma list
 *       indexed by block index (cycled), or a {@link WorkRule} such as
 *       {@code 600 + 0.0005*macs + 0.02*bytes} for kernels that report their work; any function via
 *       {@link #withKernelDuration}. The presets ship work rules for the examples' tile kernels
 *       ({@link KernelTables});</li>
 *   <li>{@code idle.base}, {@code idle.cap}: the back-off of {@code Actor.idle(round)} doubles from
 *       base to cap;</li>
 *   <li>{@code counter.tick}: the device counter's resolution; {@code now()} and recorded times are
 *       multiples of it;</li>
 *   <li>{@code jitter.percent}: ± amplitude of seeded jitter when the platform enables it.</li>
 * </ul>
 */
public final class CostModel {
    public static final String KERNEL_DEFAULT = "kernel.default";
    public static final String KERNEL_PREFIX = "kernel.name.";
    public static final String CORE_PICKUP = "core.pickup";
    public static final String CORE_SWITCH = "core.switch";
    public static final String CORE_ACK_VISIBILITY = "core.ack_visibility";
    public static final String CORE_FIN_VISIBILITY = "core.fin_visibility";
    public static final String CORE_DOORBELL = "core.doorbell";
    public static final String IDLE_BASE = "idle.base";
    public static final String IDLE_CAP = "idle.cap";
    public static final String COUNTER_TICK = "counter.tick";
    public static final String JITTER_PERCENT = "jitter.percent";

    /**
     * The largest value of any cost or kernel duration: 10^12 ns, 1000 simulated seconds, a hundred
     * times the default simulated-time limit. Simulated clocks add costs up; bounding every term
     * (and the time limit, {@link SimPlatform#MAX_TIME_LIMIT_NS}) keeps every sum far from
     * overflowing a {@code long}, where a wrapped clock would silently shorten the run.
     */
    public static final long MAX_NS = 1_000_000_000_000L;

    private static final Cost[] OPS = Cost.values();
    /** Keys with one number each (everything except kernel durations). */
    private static final Set<String> NUMERIC_KEYS;

    static {
        Set<String> keys = new TreeSet<>();
        for (Cost op : OPS) keys.add(key(op));
        keys.addAll(Set.of(
                CORE_PICKUP,
                CORE_SWITCH,
                CORE_ACK_VISIBILITY,
                CORE_FIN_VISIBILITY,
                CORE_DOORBELL,
                IDLE_BASE,
                IDLE_CAP,
                COUNTER_TICK,
                JITTER_PERCENT));
        NUMERIC_KEYS = Collections.unmodifiableSet(keys);
    }

    private final String name;
    private final TreeMap<String, Long> values;
    private final KernelDuration defaultKernel;
    private final TreeMap<String, KernelDuration> kernels;

    // Copies of the values in fields and an array: these are read on every charge and post.
    private final long[] opNs;
    private final long pickupNs;
    private final long switchNs;
    private final long ackVisibilityNs;
    private final long finVisibilityNs;
    private final long doorbellNs;
    private final long idleBaseNs;
    private final long idleCapNs;
    private final long tickNs;
    private final int jitterPercent;

    @SuppressWarnings("NonApiType") // sorted maps on purpose: a model prints and iterates in key order
    private CostModel(
            String name,
            TreeMap<String, Long> values,
            KernelDuration defaultKernel,
            TreeMap<String, KernelDuration> kernels) {
        this.name = name;
        this.values = values;
        this.defaultKernel = Objects.requireNonNull(defaultKernel, KERNEL_DEFAULT);
        this.kernels = kernels;
        for (String k : NUMERIC_KEYS) {
            Long v = values.get(k);
            if (v == null) throw new IllegalArgumentException("cost model '" + name + "' has no value for " + k);
            if (v < 0) throw new IllegalArgumentException(k + " cannot be negative, got " + v);
            if (v > MAX_NS) throw tooLarge(k, v);
        }
        opNs = new long[OPS.length];
        for (Cost op : OPS) opNs[op.ordinal()] = values.get(key(op));
        pickupNs = values.get(CORE_PICKUP);
        switchNs = values.get(CORE_SWITCH);
        ackVisibilityNs = values.get(CORE_ACK_VISIBILITY);
        finVisibilityNs = values.get(CORE_FIN_VISIBILITY);
        doorbellNs = values.get(CORE_DOORBELL);
        idleBaseNs = values.get(IDLE_BASE);
        idleCapNs = values.get(IDLE_CAP);
        tickNs = values.get(COUNTER_TICK);
        long jitter = values.get(JITTER_PERCENT);
        // A zero back-off would let an idle actor spin forever at one instant, holding the baton.
        if (idleBaseNs < 1) throw new IllegalArgumentException(IDLE_BASE + " must be at least 1 ns, got " + idleBaseNs);
        if (idleCapNs < idleBaseNs) {
            throw new IllegalArgumentException(
                    IDLE_CAP + " (" + idleCapNs + ") must be at least " + IDLE_BASE + " (" + idleBaseNs + ")");
        }
        if (tickNs < 1) throw new IllegalArgumentException(COUNTER_TICK + " must be at least 1 ns, got " + tickNs);
        if (jitter > 100) throw new IllegalArgumentException(JITTER_PERCENT + " must be 0..100, got " + jitter);
        jitterPercent = (int) jitter;
    }

    /** The config key of one operation, e.g. {@code cost.register_write}. */
    public static String key(Cost op) {
        return "cost." + op.name().toLowerCase(Locale.ROOT);
    }

    /** Every key that takes one number; kernel keys ({@value #KERNEL_DEFAULT}, {@value #KERNEL_PREFIX}*) come on top. */
    public static Set<String> numericKeys() {
        return NUMERIC_KEYS;
    }

    /** Preset names accepted by {@link #preset(String)} and a cost-model file's {@code preset} key. */
    public static final String A2A3 = "a2a3",
            A5 = "a5",
            A2A3_FIT_818 = "a2a3-fit818",
            IDEAL_DISPATCH = "ideal-dispatch";

    /**
     * Ascend 910B-class (a2a3), built from the reference's per-operation figures (workloads.md
     * §B.4): every dispatch mechanism pays for the barriers, stores, payloads and polls it performs,
     * so burst publish, early dispatch and the sync-start drain cost what they cost on silicon, and
     * issue #818's 14.5 µs staircase comes out of the parts. Every value and its source:
     * docs/sim-cost-model.md.
     */
    public static CostModel a2a3() {
        TreeMap<String, Long> v = new TreeMap<>(CostPresets.a2a3());
        return new CostModel(A2A3, v, KernelDuration.fixed(10_000), new TreeMap<>(KernelTables.A2A3.rules()));
    }

    /**
     * The a2a3 model before issue 16: two constants ({@code payload_build + register_write = 680
     * ns}) fitted to issue #818's serial staircase, no core switch time. It has no separate barrier
     * (0) and charges a bare or burst store like a fenced write (280), so the mechanisms after #827
     * gain nothing from batching in it. Kept to reproduce the figures measured with it.
     */
    public static CostModel a2a3Fit818() {
        TreeMap<String, Long> v = new TreeMap<>(CostPresets.a2a3Fit818());
        return new CostModel(A2A3_FIT_818, v, KernelDuration.fixed(10_000), new TreeMap<>(KernelTables.A2A3.rules()));
    }

    /**
     * Ascend 950-class (a5): 1 GHz counter. No per-operation figures are published for a5, so the
     * operation costs are a2a3's (see docs/sim-cost-model.md).
     */
    public static CostModel a5() {
        CostModel base = a2a3();
        TreeMap<String, Long> v = new TreeMap<>(base.values);
        v.put(COUNTER_TICK, 1L);
        return new CostModel(A5, v, base.defaultKernel, new TreeMap<>(KernelTables.A5.rules()));
    }

    /** The preset for {@code topology}'s device: a5 for every a5 topology, a2a3 otherwise. */
    public static CostModel presetFor(Topology topology) {
        return "a5".equals(topology.device()) ? a5() : a2a3();
    }

    /**
     * {@code a2a3}, {@code a5}, {@code a2a3-fit818} (the model before issue 16) or
     * {@code ideal-dispatch} (a2a3 with every dispatch cost at zero, {@link #withIdealDispatch}).
     */
    public static CostModel preset(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case A2A3 -> a2a3();
            case A5 -> a5();
            case A2A3_FIT_818 -> a2a3Fit818();
            case IDEAL_DISPATCH -> a2a3().withIdealDispatch();
            default ->
                throw new IllegalArgumentException("unknown cost model preset '" + name + "': use " + A2A3 + ", " + A5
                        + ", " + A2A3_FIT_818 + " or " + IDEAL_DISPATCH);
        };
    }

    /**
     * Reads a {@code .properties} or {@code .json} file of key/value pairs (JSON: one flat object;
     * kernel tables may be arrays). An optional {@code preset} key picks the base ({@code a2a3} if
     * absent); every other key overrides that base. Unknown keys and bad values are errors that name
     * the file and the key.
     */
    public static CostModel load(Path file) throws IOException {
        return CostModelFiles.load(file);
    }

    /** This model with {@code key} set to {@code ns} (a kernel key sets a fixed duration). */
    public CostModel withOverride(String key, long ns) {
        return withOverrides(Map.of(key, Long.toString(ns)));
    }

    /** This model with {@code key} set from text: a number, or for kernel keys a comma list. */
    public CostModel withOverride(String key, String value) {
        return withOverrides(Map.of(key, value));
    }

    /**
     * This model with all of {@code overrides} applied together, so related keys (such as
     * {@code idle.base} and {@code idle.cap}) are checked against each other only at the end.
     */
    public CostModel withOverrides(Map<String, String> overrides) {
        TreeMap<String, Long> v = new TreeMap<>(values);
        TreeMap<String, KernelDuration> k = new TreeMap<>(kernels);
        KernelDuration def = defaultKernel;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey().trim();
            String text = e.getValue();
            if (key.equals(KERNEL_DEFAULT)) {
                def = CostValues.duration(key, text);
            } else if (key.startsWith(KERNEL_PREFIX)) {
                String kernel = key.substring(KERNEL_PREFIX.length());
                if (kernel.isEmpty())
                    throw new IllegalArgumentException(
                            "key '" + key + "' names no kernel: use " + KERNEL_PREFIX + "<kernel name>");
                k.put(kernel, CostValues.duration(key, text));
            } else if (NUMERIC_KEYS.contains(key)) {
                v.put(key, CostValues.number(key, text));
            } else {
                throw new IllegalArgumentException(
                        "unknown cost model key '" + key + "'; known keys: " + String.join(", ", NUMERIC_KEYS) + ", "
                                + KERNEL_DEFAULT + ", " + KERNEL_PREFIX + "<kernel name>");
            }
        }
        return new CostModel(overriddenName(), v, def, k);
    }

    /** Kernel {@code kernelName} (as returned by {@code Kernel.name()}) takes what {@code duration} says. */
    public CostModel withKernelDuration(String kernelName, KernelDuration duration) {
        Objects.requireNonNull(kernelName, "kernelName");
        Objects.requireNonNull(duration, "duration");
        TreeMap<String, KernelDuration> k = new TreeMap<>(kernels);
        k.put(kernelName, duration);
        return new CostModel(overriddenName(), values, defaultKernel, k);
    }

    /** Every kernel named in {@code rules} takes its rule (see {@link KernelTables#rules()}). */
    public CostModel withKernelDurations(Map<String, ? extends KernelDuration> rules) {
        TreeMap<String, KernelDuration> k = new TreeMap<>(kernels);
        rules.forEach(
                (name, d) -> k.put(Objects.requireNonNull(name, "kernel name"), Objects.requireNonNull(d, "duration")));
        return new CostModel(overriddenName(), values, defaultKernel, k);
    }

    /** Kernels without their own rule take what {@code duration} says. */
    public CostModel withDefaultKernelDuration(KernelDuration duration) {
        return new CostModel(overriddenName(), values, Objects.requireNonNull(duration, "duration"), kernels);
    }

    /**
     * This model with every cost a dispatch policy pays at zero ({@link IdealDispatch}): a run
     * under it bounds what any cheaper dispatch of the same decisions can gain.
     */
    public CostModel withIdealDispatch() {
        return IdealDispatch.of(this);
    }

    /** The same model under another name (a file's model is named after its preset and the file). */
    CostModel named(String newName) {
        return new CostModel(newName, values, defaultKernel, kernels);
    }

    private String overriddenName() {
        return name.endsWith("*") ? name : name + "*";
    }

    static IllegalArgumentException tooLarge(String key, Object value) {
        return new IllegalArgumentException(key + " must be at most " + MAX_NS
                + " ns (1000 s; larger costs could overflow" + " simulated time), got " + value);
    }

    public String name() {
        return name;
    }

    public long cost(Cost op) {
        return opNs[op.ordinal()];
    }

    /** One numeric key's value; see {@link #numericKeys()}. */
    public long get(String key) {
        Long v = values.get(key);
        if (v == null) throw new IllegalArgumentException("not a numeric cost model key: '" + key + "'");
        return v;
    }

    /** From a post at time T, an idle core starts the kernel at T + pickup. */
    public long pickupNs() {
        return pickupNs;
    }

    /**
     * From the end of one kernel until the same core can start the next: writing back its record
     * and setting up the next task. A pending dispatch starts this long after the running one ends.
     */
    public long switchNs() {
        return switchNs;
    }

    /** From a doorbell's write until the gated core, its payload already latched, starts the kernel (#1079). */
    public long doorbellNs() {
        return doorbellNs;
    }

    /** From the core writing ACK until a scheduler's status read can see it. */
    public long ackVisibilityNs() {
        return ackVisibilityNs;
    }

    /** From the kernel returning (FIN written) until a scheduler's status read can see it. */
    public long finVisibilityNs() {
        return finVisibilityNs;
    }

    public long idleBaseNs() {
        return idleBaseNs;
    }

    public long idleCapNs() {
        return idleCapNs;
    }

    /** Back-off of the {@code round}-th consecutive idle iteration: base, 2·base, 4·base … up to cap. */
    public long idleBackoffNs(int round) {
        int shift = Math.max(0, round - 1);
        if (shift >= 62 || idleBaseNs > (idleCapNs >> shift)) return idleCapNs;
        return idleBaseNs << shift;
    }

    public long tickNs() {
        return tickNs;
    }

    public int jitterPercent() {
        return jitterPercent;
    }

    /** Simulated duration of the dispatch in {@code payload}. */
    public long kernelNanos(DispatchPayload payload) {
        KernelDuration rule = defaultKernel;
        if (!kernels.isEmpty() && payload.kernel != null) {
            KernelDuration named = kernels.get(payload.kernel.name());
            if (named != null) rule = named;
        }
        long ns = rule.nanos(payload.kernel, payload);
        if (ns < 0 || ns > MAX_NS) {
            String k = payload.kernel == null ? "<no kernel>" : payload.kernel.name();
            throw new IllegalStateException("kernel duration rule for " + k + " returned " + ns + " ns for block "
                    + payload.blockIdx + "; a duration must be 0.." + MAX_NS + " ns");
        }
        return ns;
    }

    /** Every setting as text, sorted by key: kernel functions show as their {@code toString()}. */
    public SortedMap<String, String> settings() {
        TreeMap<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, Long.toString(v)));
        out.put(KERNEL_DEFAULT, defaultKernel.toString());
        kernels.forEach((k, d) -> out.put(KERNEL_PREFIX + k, d.toString()));
        return Collections.unmodifiableSortedMap(out);
    }

    @Override
    public String toString() {
        Map<String, String> s = new LinkedHashMap<>(settings());
        return "CostModel[" + name + " " + s + "]";
    }
}
