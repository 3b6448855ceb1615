package dev.tessera.api;

/** User code that submits a task graph. */
@FunctionalInterface
public interface Orchestration {
    void run(Orchestrator orch);
}
