package dev.tessera.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Task-Bench's minimum effective task granularity: the smallest task duration at which a system
 * still reaches a given efficiency (here 50%). Efficiency is {@code ideal / measured} for a fixed
 * graph of independent tasks, ideal being {@code tasks × duration / cores}.
 *
 * <p>The search doubles the duration from {@link #START_US} until the efficiency reaches the goal
 * (halving instead when the start already does), then bisects the last bracket geometrically.
 * The answer is the smallest duration that was measured to pass, so it errs on the safe side.
 */
public final class Metg {
    static final double START_US = 1.0;
    static final double MIN_US = 0.01;
    static final double MAX_US = 20_000;

    /** Efficiency (0..1, may exceed 1 with noise) of the graph at task duration {@code micros}. */
    @FunctionalInterface
    public interface Efficiency {
        double at(double micros);
    }

    public record Point(double micros, double efficiency) {}

    /** The result and every point measured on the way, in order. */
    public record Result(double metgUs, List<Point> points) {}

    private Metg() {}

    public static Result search(Efficiency f, double goal, int bisections) {
        List<Point> points = new ArrayList<>();
        double lo = Double.NaN;
        double hi = Double.NaN;
        double d = START_US;
        if (measure(f, d, points) >= goal) {
            hi = d;
            while (d / 2 >= MIN_US) {
                d /= 2;
                if (measure(f, d, points) >= goal) {
                    hi = d;
                } else {
                    lo = d;
                    break;
                }
            }
            if (Double.isNaN(lo)) return new Result(hi, points);
        } else {
            lo = d;
            while (true) {
                d *= 2;
                if (d > MAX_US) return new Result(Double.NaN, points);
                if (measure(f, d, points) >= goal) {
                    hi = d;
                    break;
                }
                lo = d;
            }
        }
        for (int i = 0; i < bisections; i++) {
            double mid = Math.sqrt(lo * hi);
            if (measure(f, mid, points) >= goal) hi = mid;
            else lo = mid;
        }
        return new Result(hi, points);
    }

    private static double measure(Efficiency f, double micros, List<Point> points) {
        double e = f.at(micros);
        points.add(new Point(micros, e));
        return e;
    }
}
