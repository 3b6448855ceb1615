package dev.tessera.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sweep.results.ResultSchema;
import dev.tessera.sweep.results.ResultStore;
import dev.tessera.sweep.results.Row;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/sweeps/smoke.json on a standalone Spark cluster of a master and two workers, each its own
 * JVM on 127.0.0.1 started with the launcher as docs/sweeps.md says, and on embedded local[2]: every
 * row is the same (wall time and executor aside), because a sim result depends only on its point.
 * Runs after package (failsafe): the launcher and the executors use tessera-sweep.jar.
 */
class LoopbackClusterIT {
    /** Generous: CI machines have 2 CPUs, and up to six JVMs share them here. */
    private static final Duration START = Duration.ofMinutes(2);

    private static final Duration SWEEP = Duration.ofMinutes(4);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void aClusterOfTwoWorkersGivesTheLocalRunsResults() throws Exception {
        Path launcher = Path.of("..", "tessera").toAbsolutePath().normalize();
        Path smoke = Path.of("..", "examples", "sweeps", "smoke.json")
                .toAbsolutePath()
                .normalize();
        int port = SparkProcesses.freePort();
        String master = "spark://127.0.0.1:" + port;
        try (SparkProcesses spark = new SparkProcesses(launcher, tmp)) {
            spark.master(port, START);
            spark.worker(1, master, START);
            spark.worker(2, master, START);
            Path clusterOut = tmp.resolve("cluster");
            int code = spark.sweep(
                    tmp.resolve("cluster.log"),
                    SWEEP,
                    List.of(
                            smoke.toString(),
                            "--master",
                            master,
                            "--out",
                            clusterOut.toString(),
                            "--spark-conf",
                            "spark.executor.memory=512m",
                            "--spark-conf",
                            "spark.cores.max=2",
                            // schedule only once both executors are up, so both take points
                            "--spark-conf",
                            "spark.scheduler.minRegisteredResourcesRatio=1.0",
                            "--spark-conf",
                            "spark.scheduler.maxRegisteredResourcesWaitingTime=180s"));
            assertEquals(0, code, SparkProcesses.tail(tmp.resolve("cluster.log")));

            Path localOut = tmp.resolve("local");
            code = spark.sweep(
                    tmp.resolve("local.log"),
                    SWEEP,
                    List.of(smoke.toString(), "--master", "local[2]", "--out", localOut.toString()));
            assertEquals(0, code, SparkProcesses.tail(tmp.resolve("local.log")));

            Map<String, Row> cluster = byKey(ResultStore.read(clusterOut));
            Map<String, Row> local = byKey(ResultStore.read(localOut));
            assertEquals(12, local.size());
            assertEquals(local.keySet(), cluster.keySet());
            for (String key : local.keySet()) {
                for (var column : ResultSchema.COLUMNS) {
                    if (ResultSchema.RUN_DEPENDENT.contains(column.name())) continue;
                    assertEquals(
                            local.get(key).get(column.name()),
                            cluster.get(key).get(column.name()),
                            key + ": " + column.name());
                }
                assertEquals("PASS", local.get(key).get("status"), key);
            }
            Set<Object> executors =
                    cluster.values().stream().map(r -> r.get("executor")).collect(Collectors.toSet());
            assertEquals(2, executors.size(), "both workers' executors ran points: " + executors);
            assertTrue(!executors.contains("driver"), executors.toString());
            assertEquals(
                    Set.of("driver"),
                    local.values().stream().map(r -> r.get("executor")).collect(Collectors.toSet()));
        }
    }

    private static Map<String, Row> byKey(List<Row> rows) {
        Map<String, Row> m = new LinkedHashMap<>();
        for (Row r : rows) m.put(r.key(), r);
        return m;
    }
}
