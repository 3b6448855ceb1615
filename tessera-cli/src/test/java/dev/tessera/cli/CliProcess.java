package dev.tessera.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI in a JVM of its own, for what the in-process {@link CliHarness} cannot show: the
 * exit code of {@code main} itself, a small heap, standard output going to a full device, or a
 * file-size limit standing in for a full disk.
 */
record CliProcess(int exitCode, String out, String err) {
    /** Options of the child: JVM options, where its standard output goes, and a shell prefix (ulimit). */
    record Options(List<String> jvm, File stdout, String shellPrefix) {
        static final Options DEFAULT = new Options(List.of(), null, null);

        Options jvm(String... options) {
            return new Options(List.of(options), stdout, shellPrefix);
        }

        Options stdout(File f) {
            return new Options(jvm, f, shellPrefix);
        }

        Options shell(String prefix) {
            return new Options(jvm, stdout, prefix);
        }
    }

    static CliProcess run(Options o, String... args) throws IOException, InterruptedException {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(o.jvm());
        java.add("-cp");
        java.add(System.getProperty("java.class.path"));
        java.add(TesseraCli.class.getName());
        java.addAll(List.of(args));
        List<String> cmd = java;
        if (o.shellPrefix() != null) {
            StringBuilder line = new StringBuilder(o.shellPrefix()).append("; exec");
            for (String a : java)
                line.append(" '").append(a.replace("'", "'\\''")).append('\'');
            cmd = List.of("/bin/sh", "-c", line.toString());
        }
        Path err = Files.createTempFile("tessera-cli-err", ".txt");
        Path out = o.stdout() == null ? Files.createTempFile("tessera-cli-out", ".txt") : null;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectError(err.toFile())
                    .redirectOutput(out != null ? out.toFile() : o.stdout());
            Process p = pb.start();
            if (!p.waitFor(240, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the CLI did not end: " + Files.readString(err));
            }
            return new CliProcess(
                    p.exitValue(),
                    out == null ? "" : Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
            if (out != null) Files.deleteIfExists(out);
        }
    }

    static CliProcess run(String... args) throws IOException, InterruptedException {
        return run(Options.DEFAULT, args);
    }
}
