package dev.tessera.api;

/**
 * How much work one block of a kernel does, counted from its tile shapes and scalars: the units a
 * simulated kernel duration is written in (see {@code platform.sim.WorkRule}).
 *
 * @param macs      multiply-accumulates on the cube (AIC) unit
 * @param vectorOps element operations on the vector (AIV) unit: one per element per arithmetic step
 * @param bytes     bytes moved between global memory and the core: every load plus every store
 */
public record KernelWork(long macs, long vectorOps, long bytes) {
    public static final KernelWork NONE = new KernelWork(0, 0, 0);

    public KernelWork {
        if (macs < 0 || vectorOps < 0 || bytes < 0) {
            throw new IllegalArgumentException("kernel work cannot be negative: " + macs + " macs, " + vectorOps
                    + " vector ops, " + bytes + " bytes");
        }
    }

    /** Both amounts of work together, as when one block does two things. */
    public KernelWork plus(KernelWork o) {
        return new KernelWork(macs + o.macs, vectorOps + o.vectorOps, bytes + o.bytes);
    }
}
