package dev.tessera.core;

import dev.tessera.api.Orchestration;
import dev.tessera.api.RunResult;
import dev.tessera.api.RuntimeConfig;

public final class Run {
    private final RuntimeConfig config;

    public Run(RuntimeConfig config) {
        this.config = config;
    }

    public RunResult execute(Orchestration orchestration) {
        throw new UnsupportedOperationException("runtime not wired yet: " + config);
    }
}
