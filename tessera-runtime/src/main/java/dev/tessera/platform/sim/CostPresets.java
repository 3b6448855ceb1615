package dev.tessera.platform.sim;

import dev.tessera.platform.Cost;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of the built-in presets, one table per device model: what {@link CostModel#a2a3()}
 * and {@link CostModel#a2a3Fit818()} start from. Each value's source is in docs/sim-cost-model.md;
 * the comments here say where a value is derived rather than published.
 */
final class CostPresets {
    private CostPresets() {}

    /** a2a3 from the reference's per-operation figures (workloads.md §B.4). */
    static Map<String, Long> a2a3() {
        TreeMap<String, Long> v = new TreeMap<>();
        // Orchestrator: 480 + 3 lookups + 1 insert = 800 ns for a typical task, between the device's
        // 0.76 µs (record flood) and 0.87 µs (worked example) per submit.
        v.put(CostModel.key(Cost.SUBMIT), 480L);
        v.put(CostModel.key(Cost.TENSORMAP_LOOKUP), 80L);
        v.put(CostModel.key(Cost.TENSORMAP_INSERT), 80L);
        v.put(CostModel.key(Cost.WIRE_TASK), 200L);
        v.put(CostModel.key(Cost.READY_PUSH), 100L);
        v.put(CostModel.key(Cost.READY_POP), 100L);
        v.put(CostModel.key(Cost.BLOCK_CLAIM), 40L);
        // 0.46 µs per block, warm (#1269: early-dispatch staging 0.46 µs per staged task).
        v.put(CostModel.key(Cost.PAYLOAD_BUILD), 460L);
        // #1328: a drain of qwen3's 24 three-core MIX blocks went 38.9 -> ~12 us; less the 72 burst
        // stores (5 ns) that leaves ~160 ns per core's payload (0.5 us per block instead of ~1.6).
        v.put(CostModel.key(Cost.DRAIN_PAYLOAD_BUILD), 160L);
        // No published figure for the barrier alone: half the 240-300 ns store-then-load round trip,
        // which is what a full barrier waits for (a posted store reaching the device).
        long barrier = 120L;
        long store = 20L; // "< 20 ns" for a single posted store
        v.put(CostModel.key(Cost.STORE_BARRIER), barrier);
        v.put(CostModel.key(Cost.REGISTER_STORE), store);
        v.put(CostModel.key(Cost.REGISTER_STORE_BURST), 5L); // ~5 ns per store in a burst, ~19 in flight
        v.put(CostModel.key(Cost.REGISTER_WRITE), 2 * barrier + store); // #827's accessor: barrier, store, barrier
        v.put(CostModel.key(Cost.COMPLETION_POLL), 100L); // 95-105 ns per COND load, serial per thread
        v.put(CostModel.key(Cost.TASK_COMPLETE), 120L);
        v.put(CostModel.key(Cost.RELEASE), 60L);
        v.put(CostModel.key(Cost.LOOP), 120L); // idle iteration ~115 ns (#930), rounded to the 20 ns tick
        // #1079: the doorbell is one store to the high half of DATA_MAIN_BASE, no payload to fence
        v.put(CostModel.key(Cost.DOORBELL), store);
        v.put(CostModel.CORE_PICKUP, 480L); // write seen ~140 ns + receive-to-start 320 (p50)..349 (mean) ns
        // a gated core has latched its payload and spins on the doorbell: only the write to be seen
        v.put(CostModel.CORE_DOORBELL, 140L);
        v.put(CostModel.CORE_SWITCH, 800L); // back-to-back task switch on a busy core, 0.81 µs mean
        // AICore -> AICPU through COND: min ~180 ns, less the 100 ns poll read charged separately;
        // the ~600 ns average includes where in its sweep the scheduler was, which the sim models.
        v.put(CostModel.CORE_ACK_VISIBILITY, 80L);
        v.put(CostModel.CORE_FIN_VISIBILITY, 80L);
        v.put(CostModel.IDLE_BASE, 120L);
        v.put(CostModel.IDLE_CAP, 1_000L);
        v.put(CostModel.COUNTER_TICK, 20L);
        v.put(CostModel.JITTER_PERCENT, 10L);
        return v;
    }

    /** a2a3 before issue 16: #818's staircase fitted with two constants. */
    static Map<String, Long> a2a3Fit818() {
        TreeMap<String, Long> v = new TreeMap<>();
        v.put(CostModel.key(Cost.SUBMIT), 480L);
        v.put(CostModel.key(Cost.TENSORMAP_LOOKUP), 80L);
        v.put(CostModel.key(Cost.TENSORMAP_INSERT), 80L);
        v.put(CostModel.key(Cost.WIRE_TASK), 200L);
        v.put(CostModel.key(Cost.READY_PUSH), 100L);
        v.put(CostModel.key(Cost.READY_POP), 100L);
        v.put(CostModel.key(Cost.BLOCK_CLAIM), 40L);
        v.put(CostModel.key(Cost.PAYLOAD_BUILD), 400L);
        v.put(CostModel.key(Cost.DRAIN_PAYLOAD_BUILD), 400L);
        v.put(CostModel.key(Cost.REGISTER_WRITE), 280L);
        v.put(CostModel.key(Cost.STORE_BARRIER), 0L);
        v.put(CostModel.key(Cost.REGISTER_STORE), 280L);
        v.put(CostModel.key(Cost.REGISTER_STORE_BURST), 280L);
        v.put(CostModel.key(Cost.COMPLETION_POLL), 100L);
        v.put(CostModel.key(Cost.TASK_COMPLETE), 120L);
        v.put(CostModel.key(Cost.RELEASE), 60L);
        v.put(CostModel.key(Cost.LOOP), 100L);
        v.put(CostModel.key(Cost.DOORBELL), 280L);
        v.put(CostModel.CORE_PICKUP, 300L);
        v.put(CostModel.CORE_DOORBELL, 140L);
        v.put(CostModel.CORE_SWITCH, 0L);
        v.put(CostModel.CORE_ACK_VISIBILITY, 40L);
        v.put(CostModel.CORE_FIN_VISIBILITY, 40L);
        v.put(CostModel.IDLE_BASE, 100L);
        v.put(CostModel.IDLE_CAP, 1_000L);
        v.put(CostModel.COUNTER_TICK, 20L);
        v.put(CostModel.JITTER_PERCENT, 10L);
        return v;
    }
}
