package dev.tessera.profiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.topology.Topology;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every output file is whole or absent, and a name no encoder can write does not fail the page. */
class AtomicFileTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** What a full disk does to a writer half way: the old file stays, and no temporary is left. */
    @Test
    void aWriterThatFailsHalfWayLeavesTheOldFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("trace.json");
        Files.writeString(file, "{\"old\": true}");
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class,
                () -> AtomicFile.write(file, tmp -> {
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        out.write("{\"traceEvents\": [".getBytes(StandardCharsets.UTF_8));
                        throw new IOException("No space left on device");
                    }
                }));
        assertTrue(
                e.getMessage().contains("trace.json")
                        && e.getCause().getMessage().contains("No space left"),
                e.getMessage());
        assertEquals("{\"old\": true}", Files.readString(file));
        assertEquals(List.of(file), listing());

        Path fresh = dir.resolve("stats.json");
        assertThrows(
                UncheckedIOException.class,
                () -> AtomicFile.write(fresh, tmp -> {
                    Files.writeString(tmp, "{");
                    throw new IOException("disk full");
                }));
        assertFalse(Files.exists(fresh), "a file that was never whole is absent");
        assertEquals(List.of(file), listing());
    }

    @Test
    void aWholeWriteReplacesTheFileWithTheUsualPermissions() throws IOException {
        Path file = dir.resolve("page.html");
        AtomicFile.writeText(file, "new");
        assertEquals("new", Files.readString(file));
        Path plain = Files.createFile(dir.resolve("plain"));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(
                    Files.getPosixFilePermissions(plain),
                    Files.getPosixFilePermissions(file),
                    "an output is not made private by its temporary");
        }
    }

    @Test
    void aFolderInTheWayIsAnErrorAndStaysAFolder() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("trace.json"));
        assertThrows(UncheckedIOException.class, () -> AtomicFile.writeText(folder, "x"));
        assertTrue(Files.isDirectory(folder));
        assertEquals(List.of(folder), listing());
    }

    @Test
    void unpairedSurrogatesBecomeTheReplacementCharacter() {
        assertArrayEquals("a\uFFFDb\uFFFD".getBytes(StandardCharsets.UTF_8), AtomicFile.utf8("a\uD800b\uDC00"));
        assertArrayEquals(
                "ok \uD83D\uDE00".getBytes(StandardCharsets.UTF_8), AtomicFile.utf8("ok \uD83D\uDE00"), "pairs stay");
    }

    /** A kernel name cut inside a surrogate pair made swimlane.html fail to write ("cannot write"). */
    @Test
    void aTaskNameWithALoneSurrogateStillGivesEveryOutput() throws IOException {
        Topology topo = Topology.custom(1, 1);
        Trace trace = Trace.builder(topo, "sim", "PARALLEL")
                .task(1, "half\uD83D", 1, Trace.SHAPE_AIC, false, 0)
                .subtask(1, 0, 0, 0, 10, 20, 30, 40, 50)
                .build(60);
        SwimlaneHtml.write(trace, dir.resolve("swimlane.html"));
        ChromeTraceWriter.write(trace, dir.resolve("trace.json"));
        StatsJson.write(TraceStats.of(trace), dir.resolve("stats.json"));
        SwimlanePng.write(trace, dir.resolve("swimlane.png"));
        String html = Files.readString(dir.resolve("swimlane.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("half\uFFFD"), "the name is kept, its broken half replaced");
        assertEquals(4, listing().size());
    }
}
