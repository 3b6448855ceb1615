package dev.tessera.sweep;

import dev.tessera.sweep.engine.Engine;
import dev.tessera.sweep.engine.EngineException;
import dev.tessera.sweep.point.Point;
import dev.tessera.sweep.point.PointResult;
import dev.tessera.sweep.point.PointRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An engine for tests: runs the points one by one on the calling thread; can fail after N points. */
final class InlineEngine implements Engine {
    final List<Point> ran = new ArrayList<>();
    private final int failAfter;
    boolean closed;

    InlineEngine(int failAfter) {
        this.failAfter = failAfter;
    }

    InlineEngine() {
        this(Integer.MAX_VALUE);
    }

    @Override
    public void run(List<Point> points, Consumer<PointResult> onResult) {
        for (Point p : points) {
            if (ran.size() == failAfter) throw new EngineException("lost the cluster", null);
            ran.add(p);
            onResult.accept(PointRunner.run(p, "inline"));
        }
    }

    @Override
    public int parallelism() {
        return 1;
    }

    @Override
    public String describe() {
        return "inline";
    }

    @Override
    public void close() {
        closed = true;
    }
}
