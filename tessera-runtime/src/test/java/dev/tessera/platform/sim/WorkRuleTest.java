package dev.tessera.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.api.Kernel;
import dev.tessera.api.KernelWork;
import dev.tessera.api.TileKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkRuleTest {
    private static final TileKernel SIZED = TileKernel.of("sized", ctx -> {}, ctx -> new KernelWork(1_000, 200, 4_096));

    @Test
    void durationIsFixedPlusEachUnitTimesItsCost() {
        WorkRule r = new WorkRule(500, 0.25, 2, 0.5);
        assertEquals(Math.round(500 + 0.25 * 1_000 + 2 * 200 + 0.5 * 4_096), r.nanos(SIZED, null));
        assertEquals(500, r.nanos(KernelWork.NONE));
    }

    @Test
    void textFormRoundTrips() {
        WorkRule r = WorkRule.parse("600 + 0.0005*macs + 0.3*ops + 0.02*bytes");
        assertEquals(new WorkRule(600, 0.0005, 0.3, 0.02), r);
        assertEquals("600 + 0.0005*macs + 0.3*ops + 0.02*bytes", r.toString());
        assertEquals(r, WorkRule.parse(r.toString()));
        assertEquals(
                new WorkRule(0, 0, 0, 1e-3),
                WorkRule.parse(" 1E-3 * BYTES "),
                "units ignore case, numbers may be scientific");
        assertEquals(new WorkRule(10, 0, 0, 0.5), WorkRule.parse("4 + 0.25*bytes + 6 + 0.25*bytes"), "terms add up");
    }

    @Test
    void badTextSaysWhatIsExpected() {
        for (String bad : new String[] {"", "5 +", "5 + 2*flops", "x*bytes", "-1 + 2*bytes"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkRule.parse(bad), bad);
            assertTrue(e.getMessage().contains("e.g. 600 + 0.0005*macs"), e.getMessage());
        }
    }

    @Test
    void aKernelThatDoesNotReportItsWorkIsNamed() {
        Kernel plain = Kernel.of("plain", ctx -> {});
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> new WorkRule(1, 0, 0, 0).nanos(plain, null));
        assertTrue(e.getMessage().contains("plain") && e.getMessage().contains("TileKernel"), e.getMessage());
    }

    @Test
    void costModelKeysTakeTheTextFormAndFilesLoadIt(@TempDir Path dir) throws Exception {
        CostModel m = CostModel.a2a3().withOverride("kernel.name.sized", "100 + 1*bytes");
        assertEquals("100 + 0*macs + 0*ops + 1*bytes", m.settings().get("kernel.name.sized"));
        Path file = dir.resolve("rules.properties");
        Files.writeString(file, "preset = a5\nkernel.name.sized = 7 + 0.5*macs\n");
        CostModel loaded = CostModel.load(file);
        assertEquals("7 + 0.5*macs + 0*ops + 0*bytes", loaded.settings().get("kernel.name.sized"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> CostModel.a2a3().withOverride("kernel.name.sized", "3*furlongs"));
        assertTrue(
                e.getMessage().contains("kernel.name.sized") && e.getMessage().contains("furlongs"), e.getMessage());
    }

    @Test
    void thePresetsShipTheWorkloadKernelTables() {
        for (CostModel preset : new CostModel[] {CostModel.a2a3(), CostModel.a5()}) {
            KernelTables tables = preset.name().equals("a5") ? KernelTables.A5 : KernelTables.A2A3;
            for (Map.Entry<String, KernelDuration> rule : tables.rules().entrySet()) {
                assertEquals(
                        rule.getValue().toString(),
                        preset.settings().get(CostModel.KERNEL_PREFIX + rule.getKey()),
                        preset.name() + " " + rule.getKey());
            }
        }
        assertEquals(
                new WorkRule(1_000, 0.000136, 0, KernelTables.A2A3.nsPerByte()),
                KernelTables.A2A3.rules().get("pa_qk"));
        assertEquals(
                new WorkRule(1_000, 0, 0.0043, KernelTables.A2A3.nsPerByte()),
                KernelTables.A2A3.rules().get("pa_update"));
    }
}
