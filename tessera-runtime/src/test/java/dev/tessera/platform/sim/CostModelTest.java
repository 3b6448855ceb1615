package dev.tessera.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.platform.Cost;
import dev.tessera.platform.DispatchPayload;
import dev.tessera.topology.CoreType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostModelTest {
    @TempDir
    Path dir;

    @Test
    void everyOperationHasAKeyAndAValueInBothPresets() {
        for (CostModel m : new CostModel[] {CostModel.a2a3(), CostModel.a5()}) {
            for (Cost op : Cost.values()) {
                assertTrue(m.settings().containsKey(CostModel.key(op)), op + " in " + m.name());
                assertEquals(m.cost(op), m.get(CostModel.key(op)));
            }
            assertTrue(m.settings().keySet().containsAll(CostModel.numericKeys()));
        }
    }

    @Test
    void theCountersTickAt50MHzOnA2a3AndAt1GHzOnA5() {
        assertEquals(1_000_000_000L / 50_000_000L, CostModel.a2a3().tickNs());
        assertEquals(1, CostModel.a5().tickNs());
        for (String key : CostModel.numericKeys()) {
            if (!key.equals(CostModel.COUNTER_TICK))
                assertEquals(CostModel.a2a3().get(key), CostModel.a5().get(key), key);
        }
    }

    @Test
    void a2a3PresetIsBuiltFromTheReferencesPerOperationFigures() {
        CostModel m = CostModel.a2a3();
        // ~0.8 µs for a typical submit: two inputs and one inout (3 lookups, 1 insert).
        assertEquals(800, m.cost(Cost.SUBMIT) + 3 * m.cost(Cost.TENSORMAP_LOOKUP) + m.cost(Cost.TENSORMAP_INSERT));
        // workloads.md §B.4: payload 0.46-0.76 µs warm, a lone store < 20 ns, ~5 ns per store in a burst,
        // a COND read 95-105 ns, ~140 ns write propagation + ~320-349 ns receive-to-start, 0.81 µs switch.
        assertTrue(m.cost(Cost.PAYLOAD_BUILD) >= 460 && m.cost(Cost.PAYLOAD_BUILD) <= 760);
        assertTrue(m.cost(Cost.REGISTER_STORE) <= 20);
        assertEquals(5, m.cost(Cost.REGISTER_STORE_BURST));
        assertTrue(m.cost(Cost.COMPLETION_POLL) >= 95 && m.cost(Cost.COMPLETION_POLL) <= 105);
        assertTrue(m.pickupNs() >= 140 + 320 && m.pickupNs() <= 140 + 349, "pickup " + m.pickupNs());
        assertEquals(800, m.switchNs());
        // #827's accessor fenced every register write on both sides
        assertEquals(2 * m.cost(Cost.STORE_BARRIER) + m.cost(Cost.REGISTER_STORE), m.cost(Cost.REGISTER_WRITE));
        // On a 50 MHz counter every preset value is a whole number of ticks, except a store inside a
        // burst, which is shorter than a tick (about 19 are in flight at once).
        for (String key : CostModel.numericKeys()) {
            if (!key.equals(CostModel.JITTER_PERCENT) && !key.equals(CostModel.key(Cost.REGISTER_STORE_BURST))) {
                assertEquals(0, m.get(key) % m.tickNs(), key);
            }
        }
    }

    @Test
    void theFit818PresetKeepsTheTwoFittedConstantsAndGivesBatchingNothing() {
        CostModel m = CostModel.preset("a2a3-fit818");
        assertEquals(680, m.cost(Cost.PAYLOAD_BUILD) + m.cost(Cost.REGISTER_WRITE));
        assertEquals(0, m.cost(Cost.STORE_BARRIER));
        assertEquals(m.cost(Cost.REGISTER_WRITE), m.cost(Cost.REGISTER_STORE_BURST));
        assertEquals(0, m.switchNs());
        assertEquals("a2a3-fit818", m.name());
    }

    @Test
    void idealDispatchZeroesWhatAPolicyPaysAndKeepsTheOrchestratorKernelsAndCoreSwitch() {
        CostModel base = CostModel.a2a3().withOverride("kernel.name.k", 7000);
        CostModel ideal = base.withIdealDispatch();
        for (String key : IdealDispatch.KEYS) assertEquals(0, ideal.get(key), key);
        for (Cost op : new Cost[] {Cost.SUBMIT, Cost.TENSORMAP_LOOKUP, Cost.TENSORMAP_INSERT})
            assertEquals(base.cost(op), ideal.cost(op), op.name());
        assertEquals(base.switchNs(), ideal.switchNs());
        assertEquals(base.get(CostModel.IDLE_BASE), ideal.get(CostModel.IDLE_BASE));
        assertEquals(base.get(CostModel.COUNTER_TICK), ideal.get(CostModel.COUNTER_TICK));
        assertTrue(ideal.name().endsWith("+ideal-dispatch"), ideal.name());
        assertEquals(
                CostModel.a2a3().withIdealDispatch().get(CostModel.CORE_PICKUP),
                CostModel.preset("ideal-dispatch").get(CostModel.CORE_PICKUP));
        // every scheduler-side operation is among the zeroed keys
        for (Cost op : Cost.values()) {
            boolean orchestrator = op == Cost.SUBMIT || op == Cost.TENSORMAP_LOOKUP || op == Cost.TENSORMAP_INSERT;
            assertEquals(!orchestrator, IdealDispatch.KEYS.contains(CostModel.key(op)), op.name());
        }
    }

    @Test
    void idleBackOffDoublesFromBaseToCap() {
        CostModel m = CostModel.a2a3().withOverrides(Map.of(CostModel.IDLE_BASE, "100", CostModel.IDLE_CAP, "1000"));
        assertEquals(100, m.idleBackoffNs(1));
        assertEquals(200, m.idleBackoffNs(2));
        assertEquals(800, m.idleBackoffNs(4));
        assertEquals(1000, m.idleBackoffNs(5));
        assertEquals(1000, m.idleBackoffNs(1_000_000));
        assertEquals(100, m.idleBackoffNs(0), "rounds start at 1; 0 is treated as 1");
    }

    @Test
    void overridesReplaceOneValueAndLeaveTheRest() {
        CostModel base = CostModel.a2a3();
        CostModel m = base.withOverride("cost.register_write", 500);
        assertEquals(500, m.cost(Cost.REGISTER_WRITE));
        assertEquals(base.cost(Cost.PAYLOAD_BUILD), m.cost(Cost.PAYLOAD_BUILD));
        assertEquals(CostModel.a2a3().cost(Cost.REGISTER_WRITE), base.cost(Cost.REGISTER_WRITE), "immutable");
    }

    @Test
    void unknownKeysAndBadValuesAreClearErrors() {
        CostModel m = CostModel.a2a3();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> m.withOverride("cost.registerwrite", 1));
        assertTrue(
                e.getMessage().contains("unknown cost model key 'cost.registerwrite'")
                        && e.getMessage().contains("cost.register_write"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.withOverride("cost.loop", -1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.withOverride("core.pickup", "fast"))
                .getMessage()
                .contains("core.pickup"));
        assertThrows(IllegalArgumentException.class, () -> m.withOverride(CostModel.IDLE_BASE, 0));
        assertThrows(IllegalArgumentException.class, () -> m.withOverride(CostModel.IDLE_CAP, 10));
        assertThrows(IllegalArgumentException.class, () -> m.withOverride(CostModel.COUNTER_TICK, 0));
        assertThrows(IllegalArgumentException.class, () -> m.withOverride(CostModel.JITTER_PERCENT, 101));
        assertThrows(IllegalArgumentException.class, () -> m.withOverride(CostModel.KERNEL_PREFIX, 5));
        assertThrows(IllegalArgumentException.class, () -> CostModel.preset("a9"));
    }

    @Test
    void aPropertiesFileOverridesItsPreset() throws IOException {
        Path f = dir.resolve("lab.properties");
        Files.writeString(f, """
                # a5 with a slower register path and two kernels of our own
                preset = a5
                cost.register_write = 1_200
                kernel.name.qk = 3000
                kernel.name.pv = 100, 200 ,300
                """);
        CostModel m = CostModel.load(f);
        assertEquals(1, m.tickNs());
        assertEquals(1_200, m.cost(Cost.REGISTER_WRITE));
        assertEquals(3000, m.kernelNanos(payload("qk", 5)));
        assertEquals(300, m.kernelNanos(payload("pv", 2)));
        assertEquals(100, m.kernelNanos(payload("pv", 3)), "table cycles by block index");
        assertEquals(CostModel.a5().kernelNanos(payload("other", 0)), m.kernelNanos(payload("other", 0)));
        assertTrue(m.name().startsWith("a5"), m.name());
    }

    @Test
    void aJsonFileMayUseArraysForKernelTables() throws IOException {
        Path f = dir.resolve("lab.json");
        Files.writeString(f, """
                {"cost.submit": 900, "kernel.default": "4000", "kernel.name.qk": [10, 20]}
                """);
        CostModel m = CostModel.load(f);
        assertEquals("a2a3", CostModel.a2a3().name());
        assertEquals(900, m.cost(Cost.SUBMIT));
        assertEquals(4000, m.kernelNanos(payload("x", 0)));
        assertEquals(20, m.kernelNanos(payload("qk", 1)));
    }

    @Test
    void fileErrorsNameTheFileAndTheKey() throws IOException {
        Path props = dir.resolve("bad.properties");
        Files.writeString(props, "cost.sumbit = 5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostModel.load(props));
        assertTrue(e.getMessage().contains("bad.properties") && e.getMessage().contains("cost.sumbit"), e.getMessage());
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "{\"cost.submit\": 1.5}");
        e = assertThrows(IllegalArgumentException.class, () -> CostModel.load(json));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("cost.submit"), e.getMessage());
        Files.writeString(json, "{\"kernel.default\": {\"nested\": 1}}");
        assertThrows(IllegalArgumentException.class, () -> CostModel.load(json));
    }

    @Test
    void settingsWrittenToAFileLoadBackToTheSameModel() throws IOException {
        CostModel m = CostModel.a5().withOverride("kernel.name.qk", "7,8,9").withOverride("core.pickup", 77);
        Properties p = new Properties();
        p.putAll(m.settings());
        p.put("preset", "a5");
        Path f = dir.resolve("round.properties");
        try (var w = Files.newBufferedWriter(f)) {
            p.store(w, null);
        }
        assertEquals(m.settings(), CostModel.load(f).settings());
    }

    @Test
    void aUserFunctionCanReadTheBlocksContext() {
        CostModel m = CostModel.a2a3()
                .withKernelDuration("mm", (kernel, ctx) -> 1_000L * ctx.blockNum() + ctx.blockIdx())
                .withDefaultKernelDuration(
                        (kernel, ctx) -> kernel == null ? 1 : kernel.name().length());
        assertEquals(4_003, m.kernelNanos(payload("mm", 3)));
        assertEquals("abcdef".length(), m.kernelNanos(payload("abcdef", 0)));
        CostModel broken = CostModel.a2a3().withDefaultKernelDuration((kernel, ctx) -> -5);
        assertThrows(IllegalStateException.class, () -> broken.kernelNanos(payload("x", 0)));
    }

    private static DispatchPayload payload(String kernel, int block) {
        DispatchPayload p = new DispatchPayload(0, 0, CoreType.AIC, 0);
        p.kernel = Kernel.of(kernel, ctx -> {});
        p.blockIdx = block;
        p.blockNum = 4;
        return p;
    }
}
