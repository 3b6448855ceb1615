package dev.tessera.profiling.timing;

import dev.tessera.profiling.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatch timing figures of one run's trace: what the reference measured its post-#827
 * dispatch work by on silicon (workloads.md §B.2), so that a sim run can be put beside them, and a
 * few that say where a figure's time went. One record for {@code run} (console and
 * {@code dispatch.json}) and {@code compare} (table and {@code compare.json}); docs/swimlanes.md
 * defines each with the same words:
 * <ul>
 *   <li>{@link #firstWaveStartSpansNs() first-wave start span}, per scheduler ({@link FirstWave}):
 *       what it put onto idle cores before it saw its first completion, first to last start;</li>
 *   <li>{@link #firstPassStartSpansNs() first-pass start span}, per SPMD task and scheduler
 *       ({@link FirstPass}): that scheduler's first unbroken run of the task's dispatches, first to
 *       last start;</li>
 *   <li>{@link #firstDispatchStaggerNs() first-dispatch stagger} and
 *       {@link #taskDispatchStaggersNs() task dispatch stagger} ({@link Stagger}): the schedulers'
 *       first dispatches of the run, and of each task, last − first;</li>
 *   <li>{@link #syncStartDrainsNs() sync-start drain}, {@link #syncStartWaitsNs() wait} and
 *       {@link #syncStartBurstsNs() burst} ({@link SyncStartTimes});</li>
 *   <li>{@link #gapsNs() producer-end → consumer-start gaps} for named {@link Edge}s
 *       ({@link HandoffGaps}).</li>
 * </ul>
 * Times the trace lacks ({@link Trace#NONE}) are skipped. Figures are in the trace's clock: device
 * counter ticks on sim, wall-clock on threaded. Lists are in the trace's task order. Nothing
 * compares two of these, so the array component keeps the record's reference equality.
 *
 * @param firstWaveStartSpansNs index = scheduler id; NONE for a scheduler with fewer than two starts in its wave
 * @param firstDispatchStaggerNs NONE when fewer than two schedulers dispatched
 */
public record DispatchTimings(
        long[] firstWaveStartSpansNs,
        List<Long> firstPassStartSpansNs,
        long firstDispatchStaggerNs,
        List<Long> taskDispatchStaggersNs,
        List<Long> syncStartDrainsNs,
        List<Long> syncStartWaitsNs,
        List<Long> syncStartBurstsNs,
        Map<Edge, List<Long>> gapsNs) {

    public DispatchTimings {
        firstWaveStartSpansNs = firstWaveStartSpansNs.clone();
        firstPassStartSpansNs = List.copyOf(firstPassStartSpansNs);
        taskDispatchStaggersNs = List.copyOf(taskDispatchStaggersNs);
        syncStartDrainsNs = List.copyOf(syncStartDrainsNs);
        syncStartWaitsNs = List.copyOf(syncStartWaitsNs);
        syncStartBurstsNs = List.copyOf(syncStartBurstsNs);
        Map<Edge, List<Long>> gaps = new LinkedHashMap<>();
        gapsNs.forEach((e, g) -> gaps.put(e, List.copyOf(g)));
        gapsNs = Collections.unmodifiableMap(gaps);
    }

    /** Every figure of {@code trace}, without gaps. */
    public static DispatchTimings of(Trace trace) {
        return of(trace, List.of());
    }

    /** Every figure of {@code trace}, with the gaps of {@code edges} (in that order). */
    public static DispatchTimings of(Trace trace, List<Edge> edges) {
        Map<Long, TaskTimes> times = TaskTimes.of(trace);
        SyncStartTimes syncStart = new SyncStartTimes(trace, times);
        Map<Edge, List<Long>> gaps = new LinkedHashMap<>();
        for (Edge e : edges) gaps.put(e, HandoffGaps.of(trace, times, e));
        return new DispatchTimings(
                FirstWave.startSpansNs(trace),
                FirstPass.startSpansNs(trace),
                Stagger.firstDispatchNs(trace),
                Stagger.perTaskNs(trace, times),
                syncStart.drainsNs,
                syncStart.waitsNs,
                syncStart.burstsNs,
                gaps);
    }

    /** A copy: the record's array stays its own. */
    @Override
    public long[] firstWaveStartSpansNs() {
        return firstWaveStartSpansNs.clone();
    }

    /** The gaps of one edge given to {@link #of(Trace, List)}; empty for any other. */
    public List<Long> gapsNs(Edge edge) {
        return gapsNs.getOrDefault(edge, List.of());
    }

    /** The first-wave start spans of the schedulers that had one (two or more starts). */
    public List<Long> recordedFirstWaveStartSpansNs() {
        List<Long> l = new ArrayList<>();
        for (long x : firstWaveStartSpansNs) if (x != Trace.NONE) l.add(x);
        return l;
    }

    /** The median of {@code values} (the lower middle one for an even count), or NONE if empty. */
    public static long median(List<Long> values) {
        return values.isEmpty() ? Trace.NONE : Summary.lowerMedian(values);
    }

    /** The median of the recorded ({@code != NONE}) entries of {@code values}, or NONE. */
    public static long median(long[] values) {
        return median(Arrays.stream(values).filter(x -> x != Trace.NONE).boxed().toList());
    }
}
