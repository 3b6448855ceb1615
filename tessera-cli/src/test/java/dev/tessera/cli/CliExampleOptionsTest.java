package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples' cases and options on the command line: {@code --case NAME}, {@code --OPTION VALUE}, their listing and their errors. */
class CliExampleOptionsTest {
    @Test
    void runTakesACaseAndOptionsAfterTheExample() {
        CliHarness r = CliHarness.run(
                "run",
                "paged-attention",
                "--case",
                "CaseVarSeq4",
                "--variant=unroll",
                "--group-blocks",
                "3",
                "--platform",
                "sim");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("options        case CaseVarSeq4, variant=unroll, batch=4"), r.out());
        assertTrue(r.out().contains("group-blocks=3"), r.out());
        assertTrue(
                r.out().lines().anyMatch(l -> l.startsWith("tasks          32")),
                "4 allocs + (1+2+3+1) groups x 4: " + r.out());
        assertTrue(r.out().strip().endsWith("elements checked)") && r.out().contains("PASS"), r.out());
    }

    @Test
    void compareTakesThemToo(@TempDir Path dir) {
        CliHarness r = CliHarness.run(
                "compare",
                "bgemm",
                "--tasks",
                "4",
                "--tile",
                "8",
                "--grid-k",
                "2",
                "--platform",
                "sim",
                "--warmup",
                "0",
                "--out",
                dir.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("PASS (serial and parallel both match the golden)"), r.out());
    }

    @Test
    void withoutComputeTheGoldenIsNotCheckedAndTheRunIsNoFailure() {
        CliHarness r =
                CliHarness.run("run", "alternating-matmul-add", "--case", "Case1", "--platform", "sim", "--no-compute");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("tasks          1000")), r.out());
        assertTrue(r.out().strip().endsWith("NOT CHECKED (--no-compute: the kernels did not run)"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "run paged-attention --case Case9 --platform sim | unknown case 'Case9' for example paged-attention: use one of CaseSmall1",
                "run paged-attention --varient unroll | unknown option '--varient': not an option of run: options of paged-attention are --case, --variant, --batch",
                "run paged-attention --variant fast | unknown value 'fast' for option variant: use baseline, manual, unroll, unroll-manual",
                "run paged-attention --batch | option --batch needs a value",
                "run paged-attention --batch 2 --batch 3 | option --batch is given twice",
                "run paged-attention unroll | unexpected argument 'unroll'",
                "run bgemm --tasks 5 --grid-k 2 | tasks (5) must be a multiple of grid-k (2)",
                "run vector --batch 2 | unknown option '--batch': not an option of run: example vector takes no options of its own",
                "run vector --case Case1 | example vector has no cases",
                "compare bgemm --out x --tile 0 | option tile must be in 1..1024, got 0"
            })
    void badCasesOptionsAndValuesAreUsageErrors(String line, String message) {
        CliHarness r = CliHarness.run(line.trim().split(" "));
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(message.trim()), r.err());
        assertTrue(r.err().contains("--help"), r.err());
    }

    @Test
    void listCasesAndHelpRunShowEveryCaseAndOption() {
        CliHarness list = CliHarness.run("list", "--cases");
        assertEquals(0, list.exitCode());
        CliHarness help = CliHarness.run("help", "run");
        assertEquals(0, help.exitCode());
        for (String s : List.of(
                "paged-attention",
                "CaseSmall1",
                "CaseVarSeq4",
                "Medium",
                "Case1",
                "--variant",
                "unroll-manual",
                "--group-blocks",
                "bgemm",
                "Bgemm64",
                "--grid-k",
                "alternating-matmul-add",
                "--matmul-batch")) {
            assertTrue(list.out().contains(s), s + " in " + list.out());
            assertTrue(help.out().contains(s), s + " in " + help.out());
        }
        assertFalse(list.out().contains("\nvector\n  --"), "examples without options get no block: " + list.out());
    }
}
