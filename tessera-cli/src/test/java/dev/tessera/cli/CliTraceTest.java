package dev.tessera.cli;

import static dev.tessera.cli.Json.array;
import static dev.tessera.cli.Json.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --trace}, {@code run --stats}: the files exist and are what they claim to be. */
class CliTraceTest {
    /** {@code run spmd-multiblock-mix} on 4x2: 5 MIX tasks, 18 blocks, 3 kernel slots each. */
    static final String[] MIX_4X2 = {"run", "spmd-multiblock-mix", "--topology", "4x2"};

    static final int BLOCKS = 18;
    static final int SUBTASKS = 54;

    private static final Pattern EMBEDDED =
            Pattern.compile("<script type=\"application/json\" id=\"trace-data\">(.*?)</script>", Pattern.DOTALL);

    static String[] args(String[] head, String... tail) {
        return Stream.concat(Stream.of(head), Stream.of(tail)).toArray(String[]::new);
    }

    static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.getLast();
    }

    static int count(String text, String literal) {
        Matcher m = Pattern.compile(Pattern.quote(literal)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /** The Chrome trace: a JSON object whose core lanes hold one complete event per subtask. */
    static void assertChromeTrace(Path file, int subtasks) {
        List<Object> events = array(object(Json.parse(file)).get("traceEvents"));
        long onCores = events.stream()
                .map(Json::object)
                .filter(e -> "X".equals(e.get("ph")) && "subtask".equals(e.get("cat")))
                .filter(e -> e.get("pid").equals(1L) || e.get("pid").equals(2L))
                .count();
        assertEquals(subtasks, onCores, "subtask events in " + file);
    }

    /** The page: its embedded data lists one block per subtask, and a browser draws one {@code class="blk"} per subtask. */
    static void assertSwimlanePage(Path page, int subtasks, Path scratch) throws Exception {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>"), "an HTML page: " + page);
        Matcher m = EMBEDDED.matcher(html);
        assertTrue(m.find(), "no embedded trace data in " + page);
        assertEquals(
                subtasks, array(object(Json.parse(m.group(1))).get("blocks")).size(), "embedded blocks");
        Files.createDirectories(scratch);
        String dom = Chromium.renderedDom(page, scratch);
        assertEquals(subtasks, count(dom, "class=\"blk\""), "blocks drawn by the browser");
    }

    static BufferedImage decodePng(Path file) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not an image ImageIO can read");
        return image;
    }

    @Test
    void traceWritesFiveFilesThatParseAndPrintsThemWithTheStatistics(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("new/trace dir"); // missing parents, and a space
        CliHarness r = CliHarness.run(args(MIX_4X2, "--policy", "serial", "--trace", dir.toString()));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals("", r.err());

        for (String name : List.of("trace.json", "swimlane.html", "swimlane.png", "stats.json", "dispatch.json")) {
            Path f = dir.resolve(name);
            assertTrue(Files.isRegularFile(f), name + " missing");
            assertTrue(r.out().contains(f.toString()), "path of " + name + " not printed:\n" + r.out());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(5, files.count(), "only the five files");
        }
        String dispatch = Files.readString(dir.resolve("dispatch.json"));
        for (String key : List.of(
                "firstWaveStartSpan",
                "firstPassStartSpan",
                "firstDispatchStaggerNs",
                "taskDispatchStagger",
                "syncStartDrain",
                "syncStartWait",
                "syncStartBurst",
                "gaps")) {
            assertTrue(dispatch.contains("\"" + key + "\""), key + " in " + dispatch);
        }
        assertTrue(r.out().contains("first-wave start span"), "dispatch statistics printed:\n" + r.out());
        assertChromeTrace(dir.resolve("trace.json"), SUBTASKS);
        assertSwimlanePage(dir.resolve("swimlane.html"), SUBTASKS, tmp.resolve("chromium"));
        BufferedImage png = decodePng(dir.resolve("swimlane.png"));
        assertTrue(png.getWidth() >= 800 && png.getHeight() > 100, png.getWidth() + "x" + png.getHeight());

        Map<String, Object> stats = object(Json.parse(dir.resolve("stats.json")));
        assertEquals("serial", stats.get("policy"));
        assertEquals("threaded", stats.get("platform"));
        assertEquals((long) BLOCKS, stats.get("blocks"));
        assertEquals((long) SUBTASKS, stats.get("subtasks"));
        assertEquals(5, array(stats.get("tasks")).size());

        // The statistics summary with its per-task start spread table, then the verdict last.
        assertTrue(r.out().contains("start spread"), r.out());
        assertTrue(r.out().contains("blocks/scheduler"), r.out());
        assertTrue(lastLine(r.out()).startsWith("PASS"), r.out());
    }

    @Test
    void statsAloneWritesOnlyTheStatistics(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("sub/run.json");
        CliHarness r = CliHarness.run(args(MIX_4X2, "--stats", file.toString()));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        Map<String, Object> stats = object(Json.parse(file));
        assertEquals("parallel", stats.get("policy"));
        assertEquals((long) SUBTASKS, stats.get("subtasks"));
        try (Stream<Path> all = Files.walk(tmp)) {
            assertEquals(List.of(file), all.filter(Files::isRegularFile).toList(), "nothing else written");
        }
        assertTrue(r.out().contains(file.toString()), r.out());
        assertFalse(r.out().contains("start spread"), "the table belongs to --trace:\n" + r.out());
        assertTrue(lastLine(r.out()).startsWith("PASS"), r.out());
    }

    @Test
    void statsAndTraceTogetherWriteTheSameStatisticsTwice(@TempDir Path tmp) {
        Path dir = tmp.resolve("t");
        Path file = tmp.resolve("s.json");
        CliHarness r = CliHarness.run(args(MIX_4X2, "--trace", dir.toString(), "--stats", file.toString()));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals(Json.parse(dir.resolve("stats.json")), Json.parse(file));
    }

    @Test
    void anUnwritableTraceFolderFailsBeforeTheRun(@TempDir Path tmp) throws Exception {
        Path blocker = Files.writeString(tmp.resolve("file"), "x");
        CliHarness r =
                CliHarness.run(args(MIX_4X2, "--trace", blocker.resolve("dir").toString()));
        assertEquals(4, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("cannot create the folder " + blocker.resolve("dir")), r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    @Test
    void statsIntoAFolderIsAnOutputError(@TempDir Path tmp) {
        CliHarness r = CliHarness.run(args(MIX_4X2, "--stats", tmp.toString()));
        assertEquals(4, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(tmp + " is a folder, not a file"), r.err());
    }
}
