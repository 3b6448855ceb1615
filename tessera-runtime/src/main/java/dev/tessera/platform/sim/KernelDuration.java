package dev.tessera.platform.sim;

import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;

/**
 * How long one block of one kernel occupies its core in simulated time. Evaluated once per
 * dispatch, when the token is posted, with the payload the core will run.
 */
@FunctionalInterface
public interface KernelDuration {
    /**
     * How long one block of {@code kernel} runs on its core, in simulated nanoseconds.
     *
     * @param kernel the kernel of this dispatch (may be {@code null} if the runtime posted a payload
     *               without one; the core then reports the failure and still finishes)
     * @param ctx    the block being run: index, width, core, tensors and scalars
     * @return nanoseconds, at least 0
     */
    long nanos(Kernel kernel, KernelContext ctx);

    /** Every block takes {@code ns}. */
    static KernelDuration fixed(long ns) {
        if (ns < 0) throw new IllegalArgumentException("a kernel duration cannot be negative: " + ns);
        if (ns > CostModel.MAX_NS) throw CostModel.tooLarge("a kernel duration", ns);
        return new Fixed(ns);
    }

    /**
     * Block {@code b} takes {@code ns[b % ns.length]}: models SPMD blocks of unequal work without
     * writing a function.
     */
    static KernelDuration perBlock(long... ns) {
        if (ns.length == 0) throw new IllegalArgumentException("a per-block duration table needs at least one entry");
        for (long v : ns) {
            if (v < 0) throw new IllegalArgumentException("a kernel duration cannot be negative: " + v);
            if (v > CostModel.MAX_NS) throw CostModel.tooLarge("a kernel duration", v);
        }
        return new PerBlock(ns.clone());
    }

    /** A fixed duration; a record so models can print and compare it. */
    record Fixed(long ns) implements KernelDuration {
        @Override
        public long nanos(Kernel kernel, KernelContext ctx) {
            return ns;
        }

        @Override
        public String toString() {
            return Long.toString(ns);
        }
    }

    /** A table indexed by block index, cycled. */
    record PerBlock(long[] ns) implements KernelDuration {
        @Override
        public long nanos(Kernel kernel, KernelContext ctx) {
            return ns[Math.floorMod(ctx.blockIdx(), ns.length)];
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < ns.length; i++) {
                if (i > 0) sb.append(',');
                sb.append(ns[i]);
            }
            return sb.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PerBlock p && java.util.Arrays.equals(ns, p.ns);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(ns);
        }
    }
}
