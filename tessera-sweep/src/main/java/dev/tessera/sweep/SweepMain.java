package dev.tessera.sweep;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code tessera sweep}: the entry point of tessera-sweep.jar (and of spark-submit with it). */
public final class SweepMain {
    private SweepMain() {}

    public static void main(String[] args) {
        // Before any Spark class logs: Spark keeps a log4j2 configuration it finds set.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "dev/tessera/sweep/log4j2-sweep.properties");
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        @SuppressWarnings("SystemConsoleNull") // kept for a JVM started with -Djdk.console=... where it may be null
        boolean terminal = System.console() != null && System.console().isTerminal();
        System.exit(SweepCommand.execute(out, err, terminal, SweepCommand.SPARK, args));
    }
}
