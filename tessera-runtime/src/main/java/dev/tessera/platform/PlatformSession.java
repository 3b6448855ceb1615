package dev.tessera.platform;

/**
 * One run on one platform: the actors and cores of that run. Created per run, closed after it.
 */
public interface PlatformSession extends AutoCloseable {
    Actor orchestratorActor();

    Actor schedulerActor(int scheduler);

    CorePort core(int coreId);

    /**
     * Runs the orchestrator body and one body per scheduler to completion. The bodies catch and
     * report their own failures; a throwable escaping one is rethrown here after all have ended.
     */
    void execute(Runnable orchestrator, Runnable[] schedulers);

    /** Stops the cores and joins every thread the session started. */
    @Override
    void close();
}
