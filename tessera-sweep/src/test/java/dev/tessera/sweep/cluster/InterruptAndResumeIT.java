package dev.tessera.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.tessera.sweep.results.ResultStore;
import dev.tessera.sweep.results.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C for real: {@code tessera sweep} (its own JVM, started by the launcher) gets SIGINT half way;
 * every row it finished is then readable, the same in Parquet and CSV, and {@code --resume} runs
 * exactly the missing points. Runs after package (failsafe), like {@link LoopbackClusterIT}.
 */
class InterruptAndResumeIT {
    /** smoke.json's 3 examples x 2 policies with 10 seeds on one core: long enough to interrupt, short to finish. */
    private static final int POINTS = 3 * 2 * 10;

    private static final int ROWS_BEFORE_INTERRUPT = 4;
    private static final Duration SWEEP = Duration.ofMinutes(4);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void anInterruptedSweepKeepsItsRowsAndResumes() throws Exception {
        assumeFalse(
                sigintIgnored(),
                "SIGINT is ignored in this process tree (started in the background by a non-interactive shell,"
                        + " or under nohup), and the sweep inherits that: Ctrl-C cannot reach it here");
        Path launcher = Path.of("..", "tessera").toAbsolutePath().normalize();
        String smoke = Path.of("..", "examples", "sweeps", "smoke.json")
                .toAbsolutePath()
                .normalize()
                .toString();
        Path out = tmp.resolve("out");
        List<String> args = List.of(smoke, "--seeds", "1..10", "--out", out.toString());
        try (SparkProcesses spark = new SparkProcesses(launcher, tmp)) {
            Path log = tmp.resolve("first.log");
            Process first = spark.startSweep(log, concat(args, "--master", "local[1]"));
            awaitCsvRows(out.resolve(ResultStore.CSV), ROWS_BEFORE_INTERRUPT, first, log);
            new ProcessBuilder("kill", "-INT", Long.toString(first.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            assertTrue(
                    first.waitFor(2, TimeUnit.MINUTES),
                    "the interrupted sweep did not stop:\n" + SparkProcesses.tail(log));
            String said = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(130, first.exitValue(), said);

            Matcher m = Pattern.compile("interrupted; (\\d+) rows are in").matcher(said);
            assertTrue(m.find(), said);
            int kept = Integer.parseInt(m.group(1));
            assertTrue(
                    kept >= ROWS_BEFORE_INTERRUPT && kept < POINTS, "interrupted half way: " + kept + " rows\n" + said);
            Set<String> parquet = keys(ResultStore.read(out));
            assertEquals(kept, parquet.size(), "every finished row is in Parquet");
            assertEquals(kept, csvRows(out.resolve(ResultStore.CSV)), "and in the CSV");

            Path again = tmp.resolve("resume.log");
            assertEquals(
                    0,
                    spark.sweep(again, SWEEP, concat(args, "--master", "local[2]", "--resume")),
                    SparkProcesses.tail(again));
            String resumed = Files.readString(again, StandardCharsets.UTF_8);
            assertTrue(resumed.contains("to run     " + (POINTS - kept) + " (" + kept + " already in"), resumed);
            List<Row> rows = ResultStore.read(out);
            assertEquals(POINTS, rows.size());
            assertEquals(POINTS, keys(rows).size(), "no point ran twice");
            assertTrue(keys(rows).containsAll(parquet));
            assertEquals(POINTS, csvRows(out.resolve(ResultStore.CSV)));
        }
    }

    private static void awaitCsvRows(Path csv, int rows, Process sweep, Path log)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SWEEP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!sweep.isAlive())
                throw new AssertionError("the sweep ended before it was interrupted:\n" + SparkProcesses.tail(log));
            if (Files.exists(csv) && csvRows(csv) >= rows) return;
            Thread.sleep(50);
        }
        throw new AssertionError(
                "no " + rows + " rows in " + csv + " within " + SWEEP + ":\n" + SparkProcesses.tail(log));
    }

    /** Lines after the header: the smoke sweep's rows hold no line breaks (every point passes). */
    private static long csvRows(Path csv) throws IOException {
        return Math.max(0, Files.readAllLines(csv, StandardCharsets.UTF_8).size() - 1);
    }

    /**
     * Whether this JVM was started with SIGINT ignored (Linux: bit 1 of {@code SigIgn} in
     * /proc/self/status). A child inherits that, and the JVM then installs no handler for it, so
     * the sweep would run to its end instead of stopping: the case this test cannot check.
     */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return false;
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(
                        line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }

    private static Set<String> keys(List<Row> rows) {
        return rows.stream().map(Row::key).collect(Collectors.toSet());
    }

    private static List<String> concat(List<String> a, String... more) {
        return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(more))
                .toList();
    }
}
