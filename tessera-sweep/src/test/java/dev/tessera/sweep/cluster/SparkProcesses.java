package dev.tessera.sweep.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts Spark's standalone master and workers, and tessera sweep drivers, as separate JVMs with the
 * project's launcher, exactly as docs/sweeps.md tells users to ({@code ./tessera spark-master},
 * {@code ./tessera spark-worker URL}, {@code ./tessera sweep}): from tessera-sweep.jar and the jars
 * the build lists, with Spark's JVM options; everything binds to 127.0.0.1. Every process it started
 * (and their children: the executors) is stopped by {@link #close}.
 */
final class SparkProcesses implements AutoCloseable {
    private final Path launcher;
    private final Path work;
    private final List<Process> started = new ArrayList<>();

    /**
     * @param launcher the project's {@code tessera} script
     * @param work     where logs and worker folders go
     */
    SparkProcesses(Path launcher, Path work) {
        this.launcher = launcher;
        this.work = work;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A master on 127.0.0.1:port; returns once it has been elected leader. */
    void master(int port, Duration wait) throws IOException, InterruptedException {
        Path log = work.resolve("master.log");
        start(
                log,
                List.of("spark-master", "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0"));
        awaitLine(log, "I have been elected leader", wait);
    }

    /** A worker with one core; returns once it has registered with the master. */
    void worker(int index, String masterUrl, Duration wait) throws IOException, InterruptedException {
        Path log = work.resolve("worker-" + index + ".log");
        start(
                log,
                List.of(
                        "spark-worker",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--webui-port",
                        "0",
                        "--cores",
                        "1",
                        "--memory",
                        "768m",
                        "--work-dir",
                        work.resolve("worker-" + index).toString(),
                        masterUrl));
        awaitLine(log, "Successfully registered with master", wait);
    }

    /** Runs {@code tessera sweep ARGS} in its own JVM to the end; returns its exit code, its output in {@code log}. */
    int sweep(Path log, Duration timeout, List<String> args) throws IOException, InterruptedException {
        Process p = startSweep(log, args);
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("tessera sweep did not finish within " + timeout + ":\n" + tail(log));
        }
        return p.exitValue();
    }

    /** Starts {@code tessera sweep ARGS} in its own JVM (the launcher execs it: the process is the JVM). */
    Process startSweep(Path log, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sweep"));
        cmd.addAll(args);
        return start(log, cmd);
    }

    private Process start(Path log, List<String> commandAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
        cmd.addAll(commandAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("TESSERA_JAVA_OPTS", "-Xmx512m");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static void awaitLine(Path log, String text, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)
                    && Files.readString(log, StandardCharsets.UTF_8).contains(text)) return;
            Thread.sleep(250);
        }
        throw new AssertionError("no '" + text + "' in " + log + " within " + wait + ":\n" + tail(log));
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) return "(no log)";
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        for (Process p : started.reversed()) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : started) {
            try {
                if (p.waitFor(20, TimeUnit.SECONDS)) continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
