package dev.tessera.api;

import dev.tessera.topology.Lane;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one submit asks for: up to three kernels (AIC, AIV0, AIV1) sharing one argument list, the
 * tagged tensor arguments (tensors first, then scalars), explicit dependencies and the launch spec.
 *
 * <p>Mistakes made while building (too many arguments, a tensor after a scalar) are remembered and
 * reported by {@code submit}, whose error names the task and the argument at fault.
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

    /** A MIX task: the kernels of one block run on the cores of one cluster; null slots stay empty. */
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
        kernels[lane.ordinal()] = Objects.requireNonNull(k, "kernel");
        return this;
    }

    // ---- arguments --------------------------------------------------------------------------------

    public TaskSpec input(Tensor... ts) {
        for (Tensor t : ts) addTensor(ArgTag.INPUT, t, null);
        return this;
    }

    public TaskSpec inout(Tensor... ts) {
        for (Tensor t : ts) addTensor(ArgTag.INOUT, t, null);
        return this;
    }

    /** Write-only into an existing tensor. */
    public TaskSpec output(Tensor... ts) {
        for (Tensor t : ts) addTensor(ArgTag.OUTPUT_EXISTING, t, null);
        return this;
    }

    /** A new tensor, allocated by the runtime from the task's heap ring. */
    public TaskSpec output(OutputSpec... outs) {
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
        for (Tensor t : ts) addTensor(ArgTag.NO_DEP, t, null);
        return this;
    }

    private void addTensor(ArgTag tag, Tensor t, OutputSpec o) {
        if (t == null && o == null) {
            latch("tensor argument " + tensors.size() + " is null");
            return;
        }
        if (scalarCount > 0) {
            latch("tensor argument " + tensors.size() + " (" + tag + ") added after scalar arguments; tensors come first");
            return;
        }
        if (tensors.size() >= MAX_TENSORS) {
            latch("tensor argument " + tensors.size() + " exceeds the limit of " + MAX_TENSORS + " tensors per task");
            return;
        }
        tensors.add(new TensorArg(tag, t, o));
    }

    public TaskSpec scalar(long... vs) {
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
        long[] d = Arrays.copyOf(deps, deps.length + taskIds.length);
        System.arraycopy(taskIds, 0, d, deps.length, taskIds.length);
        deps = d;
        return this;
    }

    public TaskSpec launch(LaunchSpec spec) {
        this.launch = Objects.requireNonNull(spec, "launch spec");
        return this;
    }

    public TaskSpec blocks(int blockNum) {
        return launch(new LaunchSpec(blockNum, launch.syncStart()));
    }

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
