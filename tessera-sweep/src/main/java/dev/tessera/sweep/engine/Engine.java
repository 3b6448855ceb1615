package dev.tessera.sweep.engine;

import dev.tessera.sweep.point.Point;
import dev.tessera.sweep.point.PointResult;
import java.util.List;
import java.util.function.Consumer;

/** What runs a sweep's points: Spark here ({@link SparkEngine}); tests may substitute their own. */
public interface Engine extends AutoCloseable {
    /**
     * Runs every point and hands each result to {@code onResult} on the calling thread as soon as
     * it arrives, in completion order. A point that fails is a result, not an exception; an
     * exception means the engine itself failed (lost executors, cluster gone).
     */
    void run(List<Point> points, Consumer<PointResult> onResult) throws InterruptedException;

    /** Points that can run at the same time, as far as the engine knows (for ETA and estimates). */
    int parallelism();

    /** One line for the sweep's report: {@code Spark 4.2.0, local[*] (2 cores)}. */
    String describe();

    /**
     * The process is being stopped (Ctrl-C): the engine's work will fail as it is torn down, which
     * is expected; stop reporting it. Called from a shutdown hook.
     */
    default void stopping() {}

    @Override
    void close();
}
