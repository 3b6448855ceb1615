package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.dispatch.Mechanism;
import dev.tessera.dispatch.NamedPolicy;
import dev.tessera.dispatch.Policies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatch policies on the command line: listing, choosing, toggling, and bad values. */
class CliPoliciesTest {
    @Test
    void listPoliciesPrintsOneLinePerPolicyNameFirstThenTheMechanisms() {
        CliHarness r = CliHarness.run("list", "--policies");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        for (int i = 0; i < Policies.all().size(); i++) {
            NamedPolicy p = Policies.all().get(i);
            assertTrue(lines.get(i).startsWith(p.name() + " ") && lines.get(i).contains(p.description()), lines.get(i));
        }
        for (Mechanism m : Mechanism.values()) assertTrue(r.out().contains(m.key()), m.key());
        assertEquals("", r.err());
    }

    @Test
    void anUnknownPolicyIsABadCommandLineThatListsTheKnownOnes() {
        CliHarness r = CliHarness.run("run", "qk-demo", "--platform", "sim", "--policy", "fastest");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("fastest") && r.err().contains("serial, parallel, head, handoff"), r.err());
    }

    @Test
    void aDispatchOptionSwitchesOneMechanismAndNamesTheRun() {
        CliHarness r = CliHarness.run(
                "run",
                "spmd-multiblock-aiv",
                "--platform",
                "sim",
                "--policy",
                "head",
                "--dispatch-option",
                "burst-publish=off",
                "--dispatch-option",
                "mix-priority=off");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("head[burst-publish=off,mix-priority=off]"), r.out());
        CliHarness bad = CliHarness.run("run", "qk-demo", "--platform", "sim", "--dispatch-option", "burst=on");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("burst") && bad.err().contains("burst-publish"), bad.err());
        CliHarness noValue =
                CliHarness.run("run", "qk-demo", "--platform", "sim", "--dispatch-option", "burst-publish=sometimes");
        assertEquals(2, noValue.exitCode());
        assertTrue(noValue.err().contains("on or off"), noValue.err());
    }

    @Test
    void compareRunsEveryListedPolicyAndStacksThem(@TempDir Path dir) throws IOException {
        CliHarness r = CliHarness.run(
                "compare",
                "spmd-multiblock-mix",
                "--platform",
                "sim",
                "--seed",
                "3",
                "--warmup",
                "0",
                "--policies",
                "parallel,head,head:burst-publish=off",
                "--out",
                dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String d : List.of("parallel", "head", "head-burst-publish-off")) {
            assertTrue(Files.size(dir.resolve(d).resolve("trace.json")) > 0, d);
            assertTrue(Files.size(dir.resolve(d).resolve("swimlane.html")) > 0, d);
        }
        assertTrue(Files.size(dir.resolve("compare.png")) > 0);
        String json = Files.readString(dir.resolve("compare.json"));
        assertTrue(
                json.contains("\"head[burst-publish=off]\"")
                        && json.contains("\"dispatch\"")
                        && json.contains("firstWaveStartSpansNs"),
                json);
        assertTrue(r.out().contains("first-wave start span") && r.out().contains("PASS (every policy"), r.out());
        CliHarness twice = CliHarness.run(
                "compare",
                "qk-demo",
                "--platform",
                "sim",
                "--policies",
                "head,head",
                "--out",
                dir.resolve("x").toString());
        assertEquals(2, twice.exitCode());
    }

    @Test
    void boundAddsTheFirstPolicyWithZeroCostDispatchAndSaysHowFarAboveItEachIs(@TempDir Path dir) throws IOException {
        CliHarness r = CliHarness.run(
                "compare",
                "qk-demo",
                "--platform",
                "sim",
                "--no-compute",
                "--seed",
                "2",
                "--warmup",
                "0",
                "--policies",
                "parallel,head",
                "--bound",
                "--out",
                dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("above the bound (%)"), r.out());
        assertTrue(Files.size(dir.resolve("bound").resolve("trace.json")) > 0);
        String json = Files.readString(dir.resolve("compare.json"));
        assertTrue(json.contains("\"bound\"") && json.contains("\"aboveBoundPct\""), json);
        CliHarness noPolicies = CliHarness.run(
                "compare",
                "qk-demo",
                "--platform",
                "sim",
                "--bound",
                "--out",
                dir.resolve("x").toString());
        assertEquals(2, noPolicies.exitCode());
        CliHarness threaded = CliHarness.run(
                "compare",
                "qk-demo",
                "--policies",
                "head",
                "--bound",
                "--out",
                dir.resolve("y").toString());
        assertEquals(2, threaded.exitCode());
    }

    @Test
    void headRunsAnExampleAndNamesItself() {
        CliHarness r =
                CliHarness.run("run", "spmd-multiblock-mix", "--platform", "sim", "--policy", "head", "--seed", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("head") && r.out().contains("PASS"), r.out());
    }
}
