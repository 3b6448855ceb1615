package dev.tessera.scheduler;

import dev.tessera.dispatch.DispatchOptions;

/** A built-in block claim, named after and carrying the mechanism set it was built for. */
abstract class ConfiguredPolicy implements DispatchPolicy {
    private final DispatchOptions options;

    ConfiguredPolicy(DispatchOptions options) {
        this.options = options;
    }

    @Override
    public final String name() {
        return options.name();
    }

    @Override
    public final DispatchOptions options() {
        return options;
    }
}
