package dev.tessera.profiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the HTML swimlane in a real browser and counts the blocks it drew. Needs
 * {@code /usr/bin/chromium}: without it the test is skipped, except on CI ({@code CI=true}) where
 * a missing browser is an error, so that CI cannot silently stop checking the page.
 */
class SwimlaneHtmlChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM)) return;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + CHROMIUM
                    + " is missing: install it (apt-get install -y chromium) so the HTML swimlane is checked");
        }
        assumeTrue(false, CHROMIUM + " not installed: skipping the headless browser check");
    }

    private static String dumpDom(Path page, Path profile, Path dom) throws Exception {
        Process p = new ProcessBuilder(List.of(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--dump-dom",
                        page.toUri().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(dom.toFile())
                .start();
        // a hung browser must fail the test rather than hang the build
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("chromium did not exit");
        }
        assertEquals(0, p.exitValue(), "chromium exit status");
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void chromiumDrawsOneBlockElementPerSubtask(@TempDir Path dir) throws Exception {
        requireChromium();
        Trace trace = SampleTraces.serial();
        Path page = dir.resolve("swimlane.html");
        SwimlaneHtml.write(trace, page);
        String dom = dumpDom(page, dir.resolve("profile"), dir.resolve("dom.html"));
        int subtasks = trace.subtasks().size();
        assertEquals(subtasks, count(dom, "class=\"blk\""), "blocks in the rendered DOM");
        assertEquals(subtasks, count(dom, "class=\"disp\""), "dispatch slices in the rendered DOM");
        assertTrue(dom.contains("data-blocks=\"" + subtasks + "\""), "data-blocks attribute set after rendering");
        assertTrue(
                dom.contains("<title>SERIAL on sim, 24x3 \u2014 " + subtasks + " blocks</title>"),
                "document.title set");
    }
}
