package dev.tessera.api;

import dev.tessera.topology.Lane;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one submit asks for: up to three kernels (AIC, AIV0, AIV1) sharing one argument list, the
 * tagged tensor arguments (tensors first, then scalars), explicit dependencies and the launch spec.
 *
 * <p>Mistakes made while building (a null kernel or argument, too many arguments, a tensor after a
 * scalar) are remembered and reported by {@code submit} as {@code INVALID_ARGS}, whose message
 * names the task and the argument at fault; building never throws.
 *
 * <p>The task's shape follows the kernels given, as in the reference: {@link #aic} makes an AIC
 * task, {@link #aiv} an AIV task (it runs on either AIV lane of a cluster), and {@link #mix} a MIX
 * task when it gets two or three kernels. Given one kernel, {@code mix} makes the AIC or AIV task
 * that kernel alone would make (an AIV1-only kernel runs as AIV0, on either lane).
 *
 * <p>Launch: {@link #blocks}, {@link #syncStart} and {@link #launch} each set the whole launch
 * spec, so the last one called wins: {@code syncStart(8).blocks(4)} is a plain 4-block launch.
 */
public final class TaskSpec {
    public static final int MAX_TENSORS = 16;
    public static final int MAX_SCALARS = 32;

    /** One tensor argument: its tag and either an existing tensor or an output to allocate. */
    public record TensorArg(ArgTag tag, Tensor tensor, OutputSpec output) {}

    private final Kernel[] kernels = new Kernel[3];
    private final List<TensorArg> tensors = new ArrayList<>(4);
    private long[] scalars = new long[4];
    private int scalarCount;
    private long[] deps = new long[0];
    private LaunchSpec launch = LaunchSpec.SINGLE;
    private boolean launchSet;
    private String name;
    private String error;
    private boolean dependencyOnly;

    private TaskSpec() {}

    /** A task with a cube kernel only. */
    public static TaskSpec aic(Kernel k) {
        return new TaskSpec().kernel(Lane.AIC, k);
    }

    /** A task with one vector kernel; it runs on either AIV lane. */
    public static TaskSpec aiv(Kernel k) {
        return new TaskSpec().kernel(Lane.AIV0, k);
    }

    /**
     * A MIX task: the kernels of one block run on the cores of one cluster; null slots stay empty.
     * With a single kernel it is the AIC or AIV task that kernel makes (see the class comment).
     */
    public static TaskSpec mix(Kernel aic, Kernel aiv0, Kernel aiv1) {
        TaskSpec t = new TaskSpec();
        if (aic != null) t.kernel(Lane.AIC, aic);
        if (aiv0 != null) t.kernel(Lane.AIV0, aiv0);
        if (aiv1 != null) t.kernel(Lane.AIV1, aiv1);
        return t;
    }

    /** A dependency-only task: never runs on a core, but orders the tasks around it. */
    public static TaskSpec dummy() {
        TaskSpec t = new TaskSpec();
        t.dependencyOnly = true;
        return t;
    }

    private TaskSpec kernel(Lane lane, Kernel k) {
        if (k == null) latch("has a null " + lane + " kernel");
        kernels[lane.ordinal()] = k;
        return this;
    }

    // ---- arguments --------------------------------------------------------------------------------

    public TaskSpec input(Tensor... ts) {
        if (ts == null) return nullArray("input");
        for (Tensor t : ts) addTensor(ArgTag.INPUT, t, null);
        return this;
    }

    public TaskSpec inout(Tensor... ts) {
        if (ts == null) return nullArray("inout");
        for (Tensor t : ts) addTensor(ArgTag.INOUT, t, null);
        return this;
    }

    /** Write-only into an existing tensor. */
    public TaskSpec output(Tensor... ts) {
        if (ts == null) return nullArray("output");
        for (Tensor t : ts) addTensor(ArgTag.OUTPUT_EXISTING, t, null);
        return this;
    }

    /** A new tensor, allocated by the runtime from the task's heap ring. */
    public TaskSpec output(OutputSpec... outs) {
        if (outs == null) return nullArray("output");
        for (OutputSpec o : outs) addTensor(ArgTag.OUTPUT, null, o);
        return this;
    }

    /** A new tensor of {@code dtype} and {@code shape}; a bad shape or size is reported by {@code submit}. */
    public TaskSpec output(DType dtype, long... shape) {
        String problem = OutputSpec.problem(dtype, shape);
        if (problem != null) {
            latch("tensor argument " + tensors.size() + " (OUTPUT): " + problem);
            return this;
        }
        return output(OutputSpec.of(dtype, shape));
    }

    public TaskSpec noDep(Tensor... ts) {
        if (ts == null) return nullArray("noDep");
        for (Tensor t : ts) addTensor(ArgTag.NO_DEP, t, null);
        return this;
    }

    private void addTensor(ArgTag tag, Tensor t, OutputSpec o) {
        if (t == null && o == null) {
            latch("tensor argument " + tensors.size() + " is null");
            return;
        }
        if (scalarCount > 0) {
            latch("tensor argument " + tensors.size() + " (" + tag
                    + ") added after scalar arguments; tensors come first");
            return;
        }
        if (tensors.size() >= MAX_TENSORS) {
            latch("tensor argument " + tensors.size() + " exceeds the limit of " + MAX_TENSORS + " tensors per task");
            return;
        }
        tensors.add(new TensorArg(tag, t, o));
    }

    public TaskSpec scalar(long... vs) {
        if (vs == null) return nullArray("scalar");
        for (long v : vs) {
            if (scalarCount >= MAX_SCALARS) {
                latch("scalar argument " + scalarCount + " exceeds the limit of " + MAX_SCALARS + " scalars per task");
                return this;
            }
            if (scalarCount == scalars.length) scalars = Arrays.copyOf(scalars, scalars.length * 2);
            scalars[scalarCount++] = v;
        }
        return this;
    }

    /** A double scalar, bit-cast to 64 bits; kernels read it with {@code scalarAsDouble}. */
    public TaskSpec scalarDouble(double v) {
        return scalar(new long[] {Double.doubleToRawLongBits(v)});
    }

    /** A float scalar in the low 32 bits; kernels read it with {@code scalarAsFloat}. */
    public TaskSpec scalarFloat(float v) {
        return scalar(new long[] {Float.floatToRawIntBits(v) & 0xFFFFFFFFL});
    }

    /** Explicit dependencies on earlier tasks, in addition to the inferred ones. */
    public TaskSpec dependsOn(long... taskIds) {
        if (taskIds == null) return nullArray("dependsOn");
        long[] d = Arrays.copyOf(deps, deps.length + taskIds.length);
        System.arraycopy(taskIds, 0, d, deps.length, taskIds.length);
        deps = d;
        return this;
    }

    /** Sets the whole launch spec (replacing any earlier {@code blocks} or {@code syncStart}). */
    public TaskSpec launch(LaunchSpec spec) {
        if (spec == null) return nullArray("launch");
        this.launch = spec;
        launchSet = true;
        return this;
    }

    /** {@code blockNum} blocks, started as cores free up (replaces an earlier {@code syncStart}). */
    public TaskSpec blocks(int blockNum) {
        return launch(LaunchSpec.blocks(blockNum));
    }

    /** {@code blockNum} blocks that all start together on idle cores (replaces an earlier {@code blocks}). */
    public TaskSpec syncStart(int blockNum) {
        return launch(LaunchSpec.syncStart(blockNum));
    }

    /** Overrides the name shown in traces (default: the kernel names). */
    public TaskSpec named(String n) {
        this.name = n;
        return this;
    }

    private void latch(String msg) {
        if (error == null) error = msg;
    }

    private TaskSpec nullArray(String call) {
        latch("got null for " + call + "(...)");
        return this;
    }

    // ---- read side (the runtime) -----------------------------------------------------------------

    public Kernel kernel(Lane lane) {
        return kernels[lane.ordinal()];
    }

    public int tensorCount() {
        return tensors.size();
    }

    public TensorArg tensorArg(int i) {
        return tensors.get(i);
    }

    public int scalarCount() {
        return scalarCount;
    }

    public long scalarAt(int i) {
        return scalars[i];
    }

    public long[] dependencies() {
        return deps;
    }

    public LaunchSpec launchSpec() {
        return launch;
    }

    /** True once {@link #launch}, {@link #blocks} or {@link #syncStart} was called. */
    public boolean hasLaunch() {
        return launchSet;
    }

    /** The first error made while building, or null. */
    public String buildError() {
        return error;
    }

    /** True for specs made by {@link #dummy()}: no kernel is expected. */
    public boolean isDummy() {
        return dependencyOnly;
    }

    public boolean hasKernel() {
        return kernels[0] != null || kernels[1] != null || kernels[2] != null;
    }

    /** The name given with {@link #named}, or null. */
    public String name() {
        return name;
    }

    /** Name for traces: the explicit name, else the kernel names joined by '+'. */
    public String displayName() {
        if (name != null) return name;
        StringBuilder sb = new StringBuilder();
        for (Kernel k : kernels) {
            if (k == null) continue;
            if (sb.length() > 0) sb.append('+');
            sb.append(k.name());
        }
        return sb.length() == 0 ? "dummy" : sb.toString();
    }
}
