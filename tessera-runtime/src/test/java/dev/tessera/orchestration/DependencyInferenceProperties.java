package dev.tessera.orchestration;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tessera.api.ArgTag;
import dev.tessera.api.DType;
import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;
import dev.tessera.api.OutputSpec;
import dev.tessera.api.Runtime;
import dev.tessera.api.Submitted;
import dev.tessera.api.TaskSpec;
import dev.tessera.api.Tensor;
import dev.tessera.topology.Topology;
import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Dependency inference against a brute-force model (spec §3.3, §3.4, §9.3).
 *
 * <p>A random program of tasks (INPUT / INOUT / OUTPUT_EXISTING / NO_DEP arguments over random
 * 2-D views — boxes, row- and column-step slices, transposes, flat 1-D ranges — of two external
 * buffers and of runtime outputs created by earlier tasks, plus OUTPUT create-infos) runs inside
 * the run's outer scope, so no task retires while the program is submitted. The inferred
 * producers come from the {@code SubmitObserver}. The model works on individual elements.
 *
 * <p><b>Required</b> (task T must depend on P, possibly through other tasks):
 * <ul>
 *   <li>P created (OUTPUT) a tensor that T uses with any tag but OUTPUT (creator retention);</li>
 *   <li>T reads an element (INPUT / INOUT, not manualDep) that P wrote with a tracked write
 *       (INOUT / OUTPUT_EXISTING, not manualDep);</li>
 *   <li>T looks up a view of a buffer with a newer version than a view P published there
 *       (the version rule), whatever the elements.</li>
 * </ul>
 * Deliberately <b>not</b> required, as in the reference: write-after-write through OUTPUT_EXISTING
 * (no lookup), write-after-read (readers are never recorded), anything involving a manualDep view,
 * and writes of the creator itself (found through the owner, not the map). Older writers hidden by
 * a COVERED INOUT are reached through the newer writer, which the transitive check accepts.
 *
 * <p><b>Allowed</b> (every inferred edge T → P needs one of these):
 * <ul>
 *   <li>P created a tensor T uses (not as OUTPUT);</li>
 *   <li>T looks up (INPUT / INOUT, not manualDep) a view V of a buffer P wrote with a tracked view
 *       W, and either V and W share an element, or V is a newer version than W (the version rule),
 *       or the two views do not lie on one row-major stride grid ({@link OverlapTest#sameGrid})
 *       and their byte spans intersect (the conservative OTHER case). On a common grid the
 *       per-dimension test is exact, so an edge there without a shared element is a bug.</li>
 * </ul>
 *
 * <p>Each program runs on 2 clusters with one scheduler or 4 clusters with two.
 *
 * <p>The kernels really read and write: every task stamps the elements it writes with its number
 * and records the stamps it read. Each read must be explainable by the inferred edges: it saw a
 * write that does not come after it and that no write ordered between the two overwrote.
 */
class DependencyInferenceProperties {
    static final int ROWS = 6;
    static final int COLS = 8;
    static final int OUT_ROWS = 4;
    static final int OUT_COLS = 6;
    static final int EXTERNALS = 2;

    // ---- the generated program -------------------------------------------------------------------

    /** Raw generated numbers for one argument; interpreted against the program built so far. */
    record ArgGen(ArgTag tag, int target, int geom, int a, int b, int c, int d, boolean newer, boolean manual) {}

    record TaskGen(List<ArgGen> args) {}

    @Provide
    Arbitrary<List<TaskGen>> programs() {
        Arbitrary<ArgTag> tags = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.just(ArgTag.INPUT)),
                net.jqwik.api.Tuple.of(25, Arbitraries.just(ArgTag.INOUT)),
                net.jqwik.api.Tuple.of(15, Arbitraries.just(ArgTag.OUTPUT_EXISTING)),
                net.jqwik.api.Tuple.of(8, Arbitraries.just(ArgTag.NO_DEP)),
                net.jqwik.api.Tuple.of(17, Arbitraries.just(ArgTag.OUTPUT)));
        Arbitrary<Integer> geoms = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(50, 0),
                net.jqwik.api.Tuple.of(12, 1),
                net.jqwik.api.Tuple.of(12, 2),
                net.jqwik.api.Tuple.of(12, 3),
                net.jqwik.api.Tuple.of(14, 4));
        Arbitrary<Integer> n = Arbitraries.integers().between(0, 63);
        Arbitrary<Boolean> rare = Arbitraries.integers().between(0, 19).map(i -> i == 0);
        Arbitrary<int[]> abcd = Combinators.combine(n, n, n, n).as((a, b, c, d) -> new int[] {a, b, c, d});
        Arbitrary<ArgGen> arg = Combinators.combine(tags, n, geoms, abcd, rare, rare)
                .as((tag, target, geom, x, newer, manual) ->
                        new ArgGen(tag, target, geom, x[0], x[1], x[2], x[3], newer, manual));
        Arbitrary<TaskGen> task = arg.list().ofMinSize(1).ofMaxSize(3).map(TaskGen::new);
        return task.list().ofMinSize(2).ofMaxSize(30);
    }

    // ---- the interpreted program -------------------------------------------------------------------

    /** One tensor argument as submitted: tag, the view (null for OUTPUT), and which buffer it touches. */
    record Arg(ArgTag tag, Tensor view, int buffer, int creator) {
        boolean tracked() {
            return view == null || !view.manualDep();
        }

        boolean looksUp() {
            return (tag == ArgTag.INPUT || tag == ArgTag.INOUT) && tracked();
        }

        boolean publishes() {
            return (tag == ArgTag.INOUT || tag == ArgTag.OUTPUT_EXISTING) && tracked();
        }

        boolean reads() {
            return tag == ArgTag.INPUT || tag == ArgTag.INOUT;
        }

        boolean writes() {
            return tag == ArgTag.INOUT || tag == ArgTag.OUTPUT_EXISTING || tag == ArgTag.OUTPUT;
        }
    }

    static final class Program {
        final List<List<Arg>> tasks = new ArrayList<>();
        /** For each runtime output (buffer EXTERNALS + k): the task that created it and its tensor. */
        final List<Integer> outputCreators = new ArrayList<>();

        final List<Tensor> outputTensors = new ArrayList<>();
        final List<Tensor> externals = new ArrayList<>();

        Tensor base(int buffer) {
            return buffer < EXTERNALS ? externals.get(buffer) : outputTensors.get(buffer - EXTERNALS);
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            for (int t = 0; t < tasks.size(); t++) {
                sb.append("\n  T").append(t).append(':');
                for (Arg a : tasks.get(t)) {
                    sb.append(' ').append(a.tag());
                    if (a.view() != null) sb.append(" b").append(a.buffer()).append(a.view());
                    else sb.append(" -> b").append(a.buffer());
                    sb.append(';');
                }
            }
            return sb.toString();
        }
    }

    /** Turns generated numbers into a view of {@code base} ({@code r x c}). */
    static Tensor view(Tensor base, ArgGen g) {
        long r = base.shape(0);
        long c = base.shape(1);
        Tensor v = switch (g.geom()) {
            case 1 -> { // every other row, a column band
                long r0 = g.a() % r;
                Tensor s = base.slice(0, r0, r, 2);
                long c0 = g.b() % c;
                yield s.slice(1, c0, c0 + 1 + g.c() % (c - c0));
            }
            case 2 -> { // every other column (last stride 2), a row band
                long c0 = g.a() % c;
                Tensor s = base.slice(1, c0, c, 2);
                long r0 = g.b() % r;
                yield s.slice(0, r0, r0 + 1 + g.c() % (r - r0));
            }
            case 3 -> { // a transposed box
                long r0 = g.a() % r;
                long c0 = g.b() % c;
                yield base.view(new long[] {1 + g.c() % (r - r0), 1 + g.d() % (c - c0)}, new long[] {r0, c0})
                        .transpose(0, 1);
            }
            case 4 -> { // a flat 1-D range
                long n = r * c;
                long s = (g.a() * 7L + g.b()) % n;
                yield base.reshape(n).slice(0, s, s + 1 + (g.c() * 5L + g.d()) % (n - s));
            }
            default -> { // a box
                long r0 = g.a() % r;
                long c0 = g.b() % c;
                yield base.view(new long[] {1 + g.c() % (r - r0), 1 + g.d() % (c - c0)}, new long[] {r0, c0});
            }
        };
        if (g.newer()) v = v.withVersion(1);
        if (g.manual()) v = v.withManualDep(true);
        return v;
    }

    // ---- the property ---------------------------------------------------------------------------------

    @Property(tries = 1000, edgeCases = EdgeCasesMode.FIRST, afterFailure = AfterFailureMode.RANDOM_SEED)
    void inferredEdgesMatchTheElementModel(@ForAll("programs") List<TaskGen> gen, @ForAll boolean twoSchedulers) {
        Topology topology = twoSchedulers ? Topology.custom(4, 2) : Topology.custom(2, 1);
        try (Arena arena = Arena.ofShared()) {
            // a lost dispatch or a wrong edge could hang the run: fail instead, with the program
            int[] stats = assertTimeoutPreemptively(
                    Duration.ofSeconds(60), () -> check(gen, arena, topology), () -> "run did not finish: " + gen);
            Statistics.label("tasks").collect(stats[0] < 8 ? "<8" : stats[0] < 16 ? "8..15" : "16+");
            Statistics.label("required edges").collect(stats[1] == 0 ? "0" : stats[1] < 10 ? "1..9" : "10+");
            Statistics.label("conservative edges").collect(stats[2] > 0);
        }
    }

    /** Runs the program and checks it; returns {tasks, required edges, conservative edges}. */
    private int[] check(List<TaskGen> gen, Arena arena, Topology topology) {
        Program p = new Program();
        for (int i = 0; i < EXTERNALS; i++) p.externals.add(Tensor.allocate(arena, DType.FP32, ROWS, COLS));
        int n = gen.size();
        long[] ids = new long[n];
        int[][][] seen = new int[n][][];
        Map<Long, long[]> inferred = new ConcurrentHashMap<>();
        try (Runtime rt = Runtime.builder()
                .topology(topology)
                .taskWindow(64)
                .heapBytes(256 << 10)
                .submitObserver((id, name, producers) -> inferred.put(id, producers.clone()))
                .build()) {
            rt.run(orch -> {
                for (int t = 0; t < n; t++) {
                    List<Arg> args = new ArrayList<>();
                    int outputsBefore = p.outputTensors.size();
                    int newOutputs = 0;
                    for (ArgGen g : gen.get(t).args()) {
                        if (g.tag() == ArgTag.OUTPUT) {
                            args.add(new Arg(ArgTag.OUTPUT, null, EXTERNALS + outputsBefore + newOutputs++, t));
                            continue;
                        }
                        int buffer = outputsBefore > 0 && (g.target() & 1) == 1
                                ? EXTERNALS + (g.target() >> 1) % outputsBefore
                                : g.target() % EXTERNALS;
                        int creator = buffer < EXTERNALS ? -1 : p.outputCreators.get(buffer - EXTERNALS);
                        args.add(new Arg(g.tag(), view(p.base(buffer), g), buffer, creator));
                    }
                    ArgTag[] tags = new ArgTag[args.size()];
                    for (int j = 0; j < tags.length; j++) tags[j] = args.get(j).tag();
                    TaskSpec spec = TaskSpec.aiv(stampKernel(t, tags, seen)).named("T" + t);
                    for (Arg a : args) {
                        switch (a.tag()) {
                            case OUTPUT -> spec.output(OutputSpec.of(DType.FP32, OUT_ROWS, OUT_COLS));
                            case INPUT -> spec.input(a.view());
                            case INOUT -> spec.inout(a.view());
                            case OUTPUT_EXISTING -> spec.output(a.view());
                            case NO_DEP -> spec.noDep(a.view());
                            // AccumulateTest covers accumulation; this model of the overlap rules has none
                            case ACCUMULATE -> throw new IllegalStateException("the generator makes no ACCUMULATE");
                        }
                    }
                    p.tasks.add(args);
                    Submitted s = orch.submit(spec);
                    ids[t] = s.taskId();
                    for (int k = 0; k < s.outputCount(); k++) {
                        p.outputCreators.add(t);
                        p.outputTensors.add(s.output(k));
                    }
                }
            });
        }
        // ---- edges -----------------------------------------------------------------------------
        Map<Long, Integer> index = new HashMap<>();
        for (int t = 0; t < n; t++) index.put(ids[t], t);
        List<List<Integer>> direct = new ArrayList<>();
        BitSet[] reach = new BitSet[n];
        for (int t = 0; t < n; t++) {
            long[] prods = inferred.get(ids[t]);
            if (prods == null) throw new AssertionError("no observer call for T" + t + p.describe());
            List<Integer> ps = new ArrayList<>();
            reach[t] = new BitSet();
            for (long id : prods) {
                Integer q = index.get(id);
                if (q == null || q >= t)
                    throw new AssertionError("T" + t + " depends on unknown or later task " + id + p.describe());
                ps.add(q);
                reach[t].set(q);
                reach[t].or(reach[q]);
            }
            direct.add(ps);
        }
        int required = 0;
        int conservative = 0;
        for (int t = 0; t < n; t++) {
            for (int q : requiredProducers(p, t)) {
                required++;
                if (!reach[t].get(q)) {
                    throw new AssertionError("missing dependency: T" + t + " must wait for T" + q + " (inferred "
                            + direct.get(t) + ")" + p.describe());
                }
            }
            for (int q : direct.get(t)) {
                String why = justification(p, t, q);
                if (why == null) throw new AssertionError("spurious dependency T" + t + " -> T" + q + p.describe());
                if (why.equals("conservative")) conservative++;
            }
        }
        // ---- data ------------------------------------------------------------------------------
        checkReads(p, seen, reach);
        checkFinalState(p, reach);
        return new int[] {n, required, conservative};
    }

    /**
     * Reads every INPUT/INOUT element (recording the stamps it saw), then writes {@code t + 1} into
     * every element of its INOUT / OUTPUT_EXISTING / OUTPUT tensors. NO_DEP tensors are untouched.
     */
    private static Kernel stampKernel(int t, ArgTag[] tags, int[][][] seen) {
        return Kernel.of("T" + t, (KernelContext ctx) -> {
            int[][] mine = new int[tags.length][];
            for (int j = 0; j < tags.length; j++) {
                if (tags[j] != ArgTag.INPUT && tags[j] != ArgTag.INOUT) continue;
                Tensor v = ctx.tensor(j);
                int[] r = new int[(int) v.numel()];
                for (int k = 0; k < r.length; k++) r[k] = (int) v.getRaw(v.linearOffset(k));
                mine[j] = r;
            }
            for (int j = 0; j < tags.length; j++) {
                if (tags[j] == ArgTag.INPUT || tags[j] == ArgTag.NO_DEP) continue;
                Tensor v = ctx.tensor(j);
                for (long k = 0; k < v.numel(); k++) v.setRaw(v.linearOffset(k), t + 1);
            }
            seen[t] = mine;
        });
    }

    // ---- the model ------------------------------------------------------------------------------------

    /** Elements (buffer << 32 | element offset) a view touches. */
    static long[] elements(int buffer, Tensor v) {
        long[] out = new long[(int) v.numel()];
        for (int k = 0; k < out.length; k++) out[k] = ((long) buffer << 32) | v.linearOffset(k);
        return out;
    }

    static long[] elementsOf(Program p, Arg a) {
        Tensor v = a.view() != null ? a.view() : p.base(a.buffer());
        return elements(a.buffer(), v);
    }

    private static java.util.Set<Integer> requiredProducers(Program p, int t) {
        java.util.Set<Integer> req = new java.util.TreeSet<>();
        for (Arg a : p.tasks.get(t)) {
            if (a.tag() != ArgTag.OUTPUT && a.creator() >= 0) req.add(a.creator());
            if (!a.looksUp()) continue;
            java.util.Set<Long> reads = new java.util.HashSet<>();
            for (long e : elementsOf(p, a)) reads.add(e);
            for (int w = 0; w < t; w++) {
                for (Arg b : p.tasks.get(w)) {
                    if (!b.publishes() || b.buffer() != a.buffer()) continue;
                    if (a.view().version() > b.view().version()) {
                        req.add(w); // the version rule: a newer reader waits for every older writer
                        break;
                    }
                    for (long e : elementsOf(p, b)) {
                        if (reads.contains(e)) {
                            req.add(w);
                            break;
                        }
                    }
                }
            }
        }
        return req;
    }

    /** Why T may depend on Q: "creator", "conflict", "version", "conservative", or null. */
    private static String justification(Program p, int t, int q) {
        String best = null;
        for (Arg a : p.tasks.get(t)) {
            if (a.tag() != ArgTag.OUTPUT && a.creator() == q) return "creator";
            if (!a.looksUp()) continue;
            for (Arg b : p.tasks.get(q)) {
                if (!b.publishes() || b.buffer() != a.buffer()) continue;
                if (shareElement(p, a, b)) return "conflict";
                if (a.view().version() > b.view().version()) {
                    best = "version";
                    continue;
                }
                Tensor va = a.view().withVersion(0);
                Tensor vb = b.view().withVersion(0);
                if (!OverlapTest.sameGrid(va, vb) && spansIntersect(va, vb) && best == null) best = "conservative";
            }
        }
        return best;
    }

    private static boolean shareElement(Program p, Arg a, Arg b) {
        java.util.Set<Long> s = new java.util.HashSet<>();
        for (long e : elementsOf(p, a)) s.add(e);
        for (long e : elementsOf(p, b)) if (s.contains(e)) return true;
        return false;
    }

    private static boolean spansIntersect(Tensor a, Tensor b) {
        long a0 = a.startOffset() * a.dtype().bytes();
        long a1 = (a.startOffset() + a.extent()) * a.dtype().bytes();
        long b0 = b.startOffset() * b.dtype().bytes();
        long b1 = (b.startOffset() + b.extent()) * b.dtype().bytes();
        return a0 < b1 && b0 < a1;
    }

    /** Tasks that write element e (any writing tag, tracked or not, including creators). */
    private static List<Integer> writersOf(Program p, long e) {
        List<Integer> out = new ArrayList<>();
        for (int w = 0; w < p.tasks.size(); w++) {
            for (Arg b : p.tasks.get(w)) {
                if (!b.writes()) continue;
                boolean hit = false;
                for (long x : elementsOf(p, b)) if (x == e) hit = true;
                if (hit) {
                    out.add(w);
                    break;
                }
            }
        }
        return out;
    }

    private static void checkReads(Program p, int[][][] seen, BitSet[] reach) {
        for (int t = 0; t < p.tasks.size(); t++) {
            if (seen[t] == null) throw new AssertionError("T" + t + " never ran" + p.describe());
            List<Arg> args = p.tasks.get(t);
            for (int j = 0; j < args.size(); j++) {
                Arg a = args.get(j);
                int[] r = seen[t][j];
                if (!a.reads()) continue;
                long[] es = elementsOf(p, a);
                for (int k = 0; k < es.length; k++) {
                    String why = explain(p, reach, t, es[k], r[k]);
                    if (why != null)
                        throw new AssertionError("T" + t + " read element " + fmt(es[k]) + ": " + why + p.describe());
                }
            }
        }
    }

    /** Null when reading stamp {@code s} at element e in task t is consistent with the inferred order. */
    private static String explain(Program p, BitSet[] reach, int t, long e, int s) {
        List<Integer> ws = writersOf(p, e);
        if (s == 0) {
            for (int w : ws)
                if (reach[t].get(w)) return "saw the initial value although T" + w + " wrote it before (ordered)";
            return null;
        }
        int src = s - 1;
        if (!ws.contains(src)) return "saw stamp " + s + " of a task that never writes it";
        if (src == t) return "saw its own write";
        if (reach[src].get(t)) return "saw T" + src + "'s write, which is ordered after it";
        for (int w : ws) {
            if (w != src && reach[t].get(w) && reach[w].get(src)) {
                return "saw T" + src + "'s write although T" + w + " overwrote it before (ordered)";
            }
        }
        return null;
    }

    private static void checkFinalState(Program p, BitSet[] reach) {
        for (int b = 0; b < EXTERNALS; b++) {
            Tensor ext = p.externals.get(b);
            for (long off = 0; off < ext.numel(); off++) {
                long e = ((long) b << 32) | off;
                int s = (int) ext.getRaw(off);
                List<Integer> ws = writersOf(p, e);
                if (s == 0) {
                    if (!ws.isEmpty())
                        throw new AssertionError(
                                "element " + fmt(e) + " was never written, writers " + ws + p.describe());
                    continue;
                }
                int src = s - 1;
                if (!ws.contains(src))
                    throw new AssertionError(
                            "element " + fmt(e) + " holds stamp of T" + src + ", not a writer" + p.describe());
                for (int w : ws) {
                    if (w != src && reach[w].get(src)) {
                        throw new AssertionError("element " + fmt(e) + " holds T" + src + "'s write, but T" + w
                                + " wrote it later (ordered)" + p.describe());
                    }
                }
            }
        }
    }

    private static String fmt(long e) {
        return "b" + (e >>> 32) + "[" + (e & 0xFFFFFFFFL) + "]";
    }
}
