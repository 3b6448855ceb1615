package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.examples.Example;
import dev.tessera.examples.Examples;
import dev.tessera.examples.run.Platforms;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line without running the runtime: listing, help, and every kind of bad argument. */
class TesseraCliTest {
    @Test
    void listShowsEveryExampleWithItsDescription() {
        CliHarness r = CliHarness.run("list");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(Examples.all().size(), lines.size(), r.out());
        for (int i = 0; i < lines.size(); i++) {
            Example e = Examples.all().get(i);
            assertTrue(lines.get(i).startsWith(e.name() + " "), lines.get(i));
            assertTrue(lines.get(i).endsWith(e.description()), lines.get(i));
        }
        assertEquals("", r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        CliHarness r = CliHarness.run();
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("missing command: use list, run, compare, demo, bench or help"), r.err());
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliHarness r = CliHarness.run("--help");
        assertEquals(0, r.exitCode());
        for (String s : List.of("list", "run", "compare", "demo", "Exit codes:", "could not be written")) {
            assertTrue(r.out().contains(s), r.out());
        }
        CliHarness run = CliHarness.run("run", "--help");
        assertEquals(0, run.exitCode());
        for (String s : List.of(
                "--topology",
                "--policy",
                "--platform",
                "--seed",
                "parallel, serial",
                "spmd-wide",
                "qk-demo",
                "--sync-start",
                "reserve",
                "freeze",
                "--trace",
                "--stats",
                "--warmup")) {
            assertTrue(run.out().contains(s), run.out());
        }
        CliHarness compare = CliHarness.run("compare", "--help");
        assertEquals(0, compare.exitCode());
        for (String s : List.of(
                "--out",
                "--topology",
                "--platform",
                "--seed",
                "--sync-start",
                "--warmup",
                "compare.png",
                "compare.json")) {
            assertTrue(compare.out().contains(s), compare.out());
        }
        assertTrue(!compare.out().contains("--policy"), "compare runs both policies: " + compare.out());
    }

    @Test
    void unknownExampleNamesTheValidOnes() {
        CliHarness r = CliHarness.run("run", "no-such-example");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown example 'no-such-example'"), r.err());
        for (String name : Examples.names()) assertTrue(r.err().contains(name), "lists " + name + ": " + r.err());
        assertTrue(r.err().contains("Try 'tessera run --help'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingExampleIsAUsageError() {
        CliHarness r = CliHarness.run("run");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("EXAMPLE"), r.err());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--topology | a9       | use a2a3, a5, a5:S, host or CxS",
                "--topology | 3x9      | 9 schedulers for 3 clusters",
                "--topology | 0x1      | at least one cluster",
                "--topology | a5:9     | a5 runs 1..6 schedulers",
                "--topology | a5:x     | use a2a3, a5, a5:S, host or CxS",
                "--topology | 99999999999x1 | use a2a3, a5, a5:S, host or CxS",
                "--policy   | fastest  | use serial or parallel",
                "--platform | gpu      | unknown platform 'gpu': use threaded, sim",
                "--seed     | twelve   | twelve",
                "--sync-start | sometimes | unknown sync-start mode 'sometimes': use reserve or freeze",
                "--warmup   | -2       | --warmup must be 0 or more, got -2",
                "--warmup   | many     | many",
            })
    void badOptionValuesSayWhatIsValid(String option, String value, String expected) {
        CliHarness r = CliHarness.run("run", "spmd-basic", option, value);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(option), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void unknownOptionsAndCommandsAreUsageErrors() {
        CliHarness opt = CliHarness.run("run", "spmd-basic", "--frobnicate");
        assertEquals(2, opt.exitCode());
        assertTrue(opt.err().contains("--frobnicate"), opt.err());
        CliHarness cmd = CliHarness.run("rnu");
        assertEquals(2, cmd.exitCode());
        assertTrue(cmd.err().contains("rnu"), cmd.err());
        assertTrue(cmd.err().contains("run"), "suggests run: " + cmd.err());
    }

    @Test
    void platformsAreThreadedAndSim() {
        assertEquals(List.of("threaded", "sim"), Platforms.names());
        assertEquals("threaded", Platforms.byName("Threaded").name());
        assertEquals("sim", Platforms.byName(" SIM ").name());
    }

    @Test
    void perSchedulerColumnNamesEachScheduler() {
        assertEquals("s0 32, s1 31, s2 31 blocks", Report.perScheduler(new long[] {32, 31, 31}));
    }
}
