package dev.tessera.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * A kernel that can count, from its arguments alone (tile shapes, scalars) and without running,
 * how much work one block does. The sim platform's work-based duration rules
 * ({@code platform.sim.WorkRule}) turn that count into simulated nanoseconds, so one rule per
 * kernel covers every tile shape the kernel is called with.
 */
public interface TileKernel extends Kernel {
    /** The work of the block {@code ctx} describes; must not read tensor contents that a kernel writes. */
    KernelWork work(KernelContext ctx);

    /** A named kernel from a body and a work count. */
    static TileKernel of(String name, Body body, Function<KernelContext, KernelWork> work) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(work, "work");
        return new TileKernel() {
            @Override
            public void run(KernelContext ctx) {
                body.run(ctx);
            }

            @Override
            public KernelWork work(KernelContext ctx) {
                return work.apply(ctx);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return "TileKernel[" + name + "]";
            }
        };
    }
}
