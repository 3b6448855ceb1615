package dev.tessera.profiling.timing;

import dev.tessera.profiling.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * First-pass start span, per SPMD task (more than one block) and scheduler: the blocks that
 * scheduler dispatched in its first pass over the task (its dispatches of the task, in dispatch
 * order, before it dispatched another task), last kernel start − first kernel start. A pass of one
 * block has no span and is not counted. Unlike {@link FirstWave} this looks at one task at a time,
 * so it shows how one wide task's blocks came out of each scheduler, wherever in the run it was.
 */
final class FirstPass {
    private static final Comparator<Trace.Subtask> DISPATCH_ORDER = Comparator.comparingLong(Trace.Subtask::dispatchNs)
            .thenComparingInt(Trace.Subtask::core)
            .thenComparingInt(Trace.Subtask::token);

    private FirstPass() {}

    static List<Long> startSpansNs(Trace trace) {
        Map<Integer, List<Trace.Subtask>> byScheduler = new HashMap<>();
        for (Trace.Subtask s : trace.subtasks()) {
            if (s.dispatchNs() != Trace.NONE)
                byScheduler
                        .computeIfAbsent(s.scheduler(), k -> new ArrayList<>())
                        .add(s);
        }
        List<Long> spans = new ArrayList<>();
        for (List<Trace.Subtask> subs : byScheduler.values()) {
            subs.sort(DISPATCH_ORDER);
            Set<Long> passed = new HashSet<>();
            int i = 0;
            while (i < subs.size()) {
                long id = subs.get(i).taskId();
                long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
                Set<Integer> blocks = new HashSet<>();
                int j = i;
                for (; j < subs.size() && subs.get(j).taskId() == id; j++) {
                    Trace.Subtask s = subs.get(j);
                    blocks.add(s.blockIdx());
                    if (s.startNs() != Trace.NONE) {
                        min = Math.min(min, s.startNs());
                        max = Math.max(max, s.startNs());
                    }
                }
                if (passed.add(id) && trace.task(id).blockNum() > 1 && blocks.size() > 1 && min <= max)
                    spans.add(max - min);
                i = j;
            }
        }
        return spans;
    }
}
