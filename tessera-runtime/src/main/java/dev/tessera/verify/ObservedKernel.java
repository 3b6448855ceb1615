package dev.tessera.verify;

import dev.tessera.api.Kernel;
import dev.tessera.api.KernelContext;
import dev.tessera.platform.DispatchPayload;

/** Wraps a kernel so a {@link KernelObserver} sees each execution first. */
public record ObservedKernel(Kernel kernel, KernelObserver observer) implements Kernel {
    @Override
    public void run(KernelContext ctx) {
        observer.beforeRun((DispatchPayload) ctx);
        kernel.run(ctx);
    }

    @Override
    public String name() {
        return kernel.name();
    }
}
