package dev.tessera.api;

import java.util.Objects;

/**
 * Code that runs one block of a task on one core. It sees its block index, the task's block count,
 * its sub-block id (AIV lane) and the task's tensors and scalars through {@link KernelContext}.
 */
public interface Kernel {
    void run(KernelContext ctx);

    /** The name shown in traces and error messages. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** A kernel from a lambda, with a name for traces. */
    static Kernel of(String name, Body body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        return new Kernel() {
            @Override
            public void run(KernelContext ctx) {
                body.run(ctx);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return "Kernel[" + name + "]";
            }
        };
    }

    @FunctionalInterface
    interface Body {
        void run(KernelContext ctx);
    }
}
