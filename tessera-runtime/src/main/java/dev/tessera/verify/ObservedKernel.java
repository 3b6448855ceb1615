package dev.tessera.verify;

import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;
import dev.tessera.api.KernelWork;
import dev.tessera.api.TileKernel;
import dev.tessera.platform.DispatchPayload;

/** Wraps a kernel so a {@link KernelObserver} sees each execution first. */
public record ObservedKernel(Kernel kernel, KernelObserver observer) implements Kernel {
    /**
     * {@code kernel} observed by {@code observer}; a {@link TileKernel} stays one, so work-based
     * sim durations still see its work.
     */
    public static Kernel wrap(Kernel kernel, KernelObserver observer) {
        return kernel instanceof TileKernel tile ? new Tile(tile, observer) : new ObservedKernel(kernel, observer);
    }

    @Override
    public void run(KernelContext ctx) {
        observer.beforeRun((DispatchPayload) ctx);
        kernel.run(ctx);
    }

    @Override
    public String name() {
        return kernel.name();
    }

    /** An observed {@link TileKernel}. */
    public record Tile(TileKernel kernel, KernelObserver observer) implements TileKernel {
        @Override
        public void run(KernelContext ctx) {
            observer.beforeRun((DispatchPayload) ctx);
            kernel.run(ctx);
        }

        @Override
        public KernelWork work(KernelContext ctx) {
            return kernel.work(ctx);
        }

        @Override
        public String name() {
            return kernel.name();
        }
    }
}
