package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line under adversarial but realistic use: every failure is one line with the exit
 * code the README promises (2 bad command line, 3 run error, 4 output not written), and no output
 * file is ever left half written.
 */
@Timeout(300)
class CliReliabilityTest {
    @TempDir
    Path tmp;

    private static void assertOneLine(String err) {
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertFalse(err.contains("Exception in thread"), err);
    }

    private List<Path> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** {@code --trace ''} used to write four files into the current folder and exit 0. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "run vector --platform sim --trace | --trace",
                "run vector --platform sim --stats | --stats",
                "compare vector --platform sim --out | --out",
                "bench --quick --json | --json",
                "run vector --platform sim --cost-model | --cost-model"
            })
    void anEmptyPathIsABadCommandLine(String command, String option) {
        String[] words = command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "";
        CliHarness r = CliHarness.run(args);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(option) && r.err().contains("an empty path"), r.err());
        assertEquals("", r.out());
    }

    /** {@code --trace D --stats D/trace.json}: the statistics silently replaced the Chrome trace. */
    @Test
    void collidingOutputsAreRefusedBeforeTheRun() {
        Path d = tmp.resolve("d");
        for (String stats :
                List.of("trace.json", "swimlane.html", "swimlane.png", "stats.json", ".", "sub/../trace.json")) {
            CliHarness r = CliHarness.run(
                    "run",
                    "vector",
                    "--platform",
                    "sim",
                    "--trace",
                    d.toString(),
                    "--stats",
                    d.resolve(stats).toString());
            assertEquals(2, r.exitCode(), stats + ": " + r.out() + r.err());
            assertTrue(r.err().contains("--stats") && r.err().contains("--trace"), r.err());
            assertFalse(Files.exists(d), "refused before anything was created: " + stats);
            assertEquals("", r.out(), "refused before the run");
        }
        CliHarness ok = CliHarness.run(
                "run",
                "vector",
                "--platform",
                "sim",
                "--trace",
                d.toString(),
                "--stats",
                d.resolve("other.json").toString());
        assertEquals(0, ok.exitCode(), ok.err());
    }

    /** The README promises 4 for an output that cannot be written; bench used to exit 3 with a stack trace. */
    @Test
    void benchRefusesAnUnwritableJsonFileBeforeRunningAnything() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "a file, not a folder");
        CliHarness r = CliHarness.run(
                "bench", "--quick", "--json", file.resolve("x.json").toString());
        assertEquals(4, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("cannot create the folder " + file), r.err());
        assertOneLine(r.err());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void benchRefusesAFolderInProc() {
        CliHarness r = CliHarness.run("bench", "--quick", "--json", "/proc/nope/x.json");
        assertEquals(4, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("/proc/nope"), r.err());
        assertOneLine(r.err());
    }

    /** Values that wrapped simulated time negative: a PASS with a shorter makespan, or an ArithmeticException. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"core.pickup", "core.fin_visibility", "counter.tick", "kernel.default"})
    void aCostThatCouldOverflowSimulatedTimeIsABadCommandLineNamingTheLargestValue(String key) {
        CliHarness r = CliHarness.run("run", "vector", "--platform", "sim", "--cost", key + "=9223372036854775807");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(key) && r.err().contains("at most 1000000000000 ns"), r.err());
        assertOneLine(r.err());
    }

    /**
     * A 20 s kernel failed only after a minute of wall time, with a stack trace suggesting an API
     * call. Now the first post says the run cannot finish, by how much, and which option raises it.
     */
    @Test
    void aBlockLongerThanTheSimTimeLimitFailsAtOnceNamingSimTimeLimit() {
        CliHarness r = CliHarness.run("run", "vector", "--platform", "sim", "--cost", "kernel.default=20000000000");
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertTrue(
                r.err().contains("--sim-time-limit")
                        && r.err().contains("at least 21 s")
                        && r.err().contains("idle.cap"),
                r.err());
        assertOneLine(r.err());

        CliHarness raised = CliHarness.run(
                "run",
                "vector",
                "--platform",
                "sim",
                "--cost",
                "kernel.default=2000000000",
                "--cost",
                "idle.cap=10000000",
                "--sim-time-limit",
                "10s");
        assertEquals(0, raised.exitCode(), raised.out() + raised.err());
        assertTrue(raised.out().contains("makespan       8000"), "four kernels of 2 s in a chain: " + raised.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "30         | use a number and a unit",
                "0s         | outside 1 ns",
                "fast       | use a number and a unit",
                "99999999h  | outside 1 ns"
            })
    void simTimeLimitValuesSayWhatIsValid(String value, String expected) {
        CliHarness r = CliHarness.run("run", "vector", "--platform", "sim", "--sim-time-limit", value);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--sim-time-limit") && r.err().contains(expected), r.err());
    }

    @Test
    void simTimeLimitIsForSimOnly() {
        CliHarness r = CliHarness.run("run", "vector", "--sim-time-limit", "30s");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--sim-time-limit apply to --platform sim only"), r.err());
    }

    /** compare's warm-up runs failed without saying which of the runs it was. */
    @Test
    void compareNamesTheWarmUpRunThatFailed() {
        CliHarness r = CliHarness.run(
                "compare",
                "spmd-wide",
                "--platform",
                "sim",
                "--sim-time-limit",
                "20us",
                "--out",
                tmp.resolve("cmp").toString());
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("the serial warm-up run of spmd-wide failed"), r.err());
        assertTrue(r.err().contains("--sim-time-limit"), r.err());
        assertOneLine(r.err());
    }

    /** A missing parent folder gave "cannot read cost model X: X", with no reason. */
    @Test
    void aCostModelInAMissingFolderSaysWhichFolderIsMissing() {
        Path missing = tmp.resolve("nope");
        CliHarness r = CliHarness.run(
                "run",
                "vector",
                "--platform",
                "sim",
                "--cost-model",
                missing.resolve("deeper").resolve("costs.properties").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("the folder " + missing + " does not exist"), r.err());
    }

    @Test
    void aCostModelWithAByteOrderMarkRuns() throws Exception {
        Path f = tmp.resolve("costs.properties");
        Files.write(f, "\uFEFFkernel.default = 7000\n".getBytes(StandardCharsets.UTF_8));
        CliHarness r = CliHarness.run("run", "vector", "--platform", "sim", "--cost-model", f.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aCostModelFromAnEndlessDeviceIsRefusedInsteadOfFillingTheHeap() {
        CliHarness r = CliHarness.run("run", "vector", "--platform", "sim", "--cost-model", "/dev/zero");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("/dev/zero") && r.err().contains("larger than"), r.err());
        assertOneLine(r.err());
    }

    // ---- in a JVM of its own -------------------------------------------------------------------

    /** {@code > /dev/full}: the report was lost and the command still exited 0. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aReportThatCannotBeWrittenToStandardOutputExits4() throws Exception {
        CliProcess r = CliProcess.run(
                CliProcess.Options.DEFAULT.stdout(new File("/dev/full")), "run", "vector", "--platform", "sim");
        assertEquals(4, r.exitCode(), r.err());
        assertTrue(r.err().contains("cannot write to standard output"), r.err());
        assertOneLine(r.err());
    }

    /** An OutOfMemoryError used to escape as a stack trace with exit 1, the code reserved for FAIL. */
    @Test
    void runningOutOfMemoryIsOneLineAndExit3() throws Exception {
        CliProcess r = CliProcess.run(
                CliProcess.Options.DEFAULT.jvm("-Xmx48m"),
                "run",
                "vector",
                "--platform",
                "sim",
                "--topology",
                "200000x4",
                "--trace",
                tmp.resolve("big").toString());
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("out of memory") && r.err().contains("-Xmx"), r.err());
        assertOneLine(r.err());
    }

    /**
     * A full disk (here a file-size limit, which makes writes fail the same way) used to leave a
     * truncated trace.json. Every output is now whole or absent, and no temporary is left.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aDiskThatFillsUpLeavesNoPartialFile() throws Exception {
        Path d = tmp.resolve("trace");
        CliProcess r = CliProcess.run(
                CliProcess.Options.DEFAULT.shell("ulimit -f 64"),
                "run",
                "spmd-wide",
                "--platform",
                "sim",
                "--trace",
                d.toString());
        assertEquals(4, r.exitCode(), r.out() + r.err());
        assertTrue(
                r.err().contains("cannot write " + d.resolve("trace.json"))
                        && r.err().contains("File too large"),
                r.err());
        assertOneLine(r.err());
        assertEquals(List.of(), listing(d), "nothing half written, no temporary left");
    }
}
