package dev.tessera.platform.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.Cost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Every cost-model file error names the file, the line and the key; a byte-order mark is harmless. */
class CostModelFileErrorsTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void assertMentions(IllegalArgumentException e, String... fragments) {
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "mentions " + f + ": " + e.getMessage());
    }

    /** Properties.load said only "Malformed \\uxxxx encoding.", with no file, line or key. */
    @Test
    void aBadUnicodeEscapeNamesTheFileLineAndKey() throws IOException {
        Path f = file("lab.properties", "# costs\npreset = a5\nkernel.name.q\\u00zk = 300\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostModel.load(f));
        assertMentions(e, "lab.properties", "line 3", "kernel.name.q\\u00zk", "\\u escape");
    }

    @Test
    void aBadValueNamesTheFileLineAndKey() throws IOException {
        Path f = file("lab.properties", "preset = a2a3\n\ncost.submit = 500\ncore.pickup = 9223372036854775807\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostModel.load(f));
        assertMentions(e, "lab.properties", "line 4", "'core.pickup'", "at most 1000000000000");
        Path json = file("lab.json", "{\n  \"cost.submit\": 500,\n  \"counter.tick\": \"x\"\n}\n");
        e = assertThrows(IllegalArgumentException.class, () -> CostModel.load(json));
        assertMentions(e, "lab.json", "line 3", "'counter.tick'");
    }

    @Test
    void aRuleBetweenKeysNamesBothLines() throws IOException {
        Path f = file("idle.properties", "idle.base = 500\nidle.cap = 200\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostModel.load(f));
        assertMentions(e, "idle.properties", "'idle.base' on line 1", "'idle.cap' on line 2");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNamingBothLines() throws IOException {
        Path f = file("twice.properties", "kernel.default = 5\ncost.submit = 1\nkernel.default = 7\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostModel.load(f));
        assertMentions(e, "twice.properties", "line 3", "'kernel.default' appears twice", "line 1");
    }

    @Test
    void continuationLinesKeepTheLineOfTheirKey() throws IOException {
        Path f = file("long.properties", "kernel.name.pv = 100, \\\n    200, \\\n    300\ncost.sumbit = 4\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostModel.load(f));
        assertMentions(e, "line 4", "'cost.sumbit'", "unknown cost model key");
        Files.writeString(f, "kernel.name.pv = 100, \\\n    200, \\\n    300\n");
        assertEquals(
                "100,200,300",
                CostModel.load(f).settings().get("kernel.name.pv").replace(" ", ""));
    }

    /** A BOM used to become an invisible first character of the first key: "unknown key 'kernel.default'". */
    @Test
    void aByteOrderMarkIsDropped() throws IOException {
        Path props = file("bom.properties", "\uFEFFkernel.default = 4321\ncost.submit = 9\n");
        CostModel m = CostModel.load(props);
        assertEquals("4321", m.settings().get("kernel.default"));
        assertEquals(9, m.cost(Cost.SUBMIT));
        Path json = file("bom.json", "\uFEFF{\"kernel.default\": 1234}");
        assertEquals("1234", CostModel.load(json).settings().get("kernel.default"));
    }

    @Test
    void brokenJsonNamesTheFileAndLine() throws IOException {
        Path f = file("broken.json", "{\n  \"cost.submit\": 5,\n  \"kernel.default\" 7\n}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostModel.load(f));
        assertMentions(e, "broken.json", "line 3", "not valid JSON");
    }

    @Test
    void somethingFarLargerThanACostModelIsRefusedInsteadOfReadUntilTheHeapRunsOut() throws IOException {
        Path big = dir.resolve("big.properties");
        Files.write(big, new byte[CostModelFiles.MAX_BYTES + 1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostModel.load(big));
        assertMentions(e, "big.properties", "larger than 1048576 bytes");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anEndlessDeviceIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CostModel.load(Path.of("/dev/zero")));
        assertMentions(e, "/dev/zero", "larger than");
    }

    @Test
    void textThatIsNotUtf8IsRefused() throws IOException {
        Path f = Files.write(
                dir.resolve("latin1.properties"), "kernel.name.caf\u00e9 = 5\n".getBytes(StandardCharsets.ISO_8859_1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostModel.load(f));
        assertMentions(e, "latin1.properties", "not UTF-8");
    }
}
