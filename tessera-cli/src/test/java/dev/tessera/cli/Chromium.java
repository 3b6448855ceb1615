package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loads a page in headless Chromium and returns the DOM after its scripts ran: the swimlane page
 * draws its blocks with JavaScript, so only a browser shows what a user sees. Without
 * {@code /usr/bin/chromium} the calling test is skipped, except on CI ({@code CI=true}), where that
 * is an error so the check cannot silently stop running.
 */
final class Chromium {
    private static final Path BROWSER = Path.of("/usr/bin/chromium");

    private Chromium() {}

    static String renderedDom(Path page, Path scratch) throws Exception {
        if (!Files.isExecutable(BROWSER)) {
            if ("true".equalsIgnoreCase(System.getenv("CI")))
                fail("CI=true but " + BROWSER + " is missing (apt-get install chromium)");
            assumeTrue(false, BROWSER + " is not installed: the rendered page is not checked");
        }
        Path dom = scratch.resolve("dom.html");
        Process p = new ProcessBuilder(List.of(
                        BROWSER.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + scratch.resolve("profile"),
                        "--dump-dom",
                        page.toUri().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(dom.toFile())
                .start();
        // A browser that hangs must fail the test, not the build.
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("chromium did not finish");
        }
        assertEquals(0, p.exitValue(), "chromium exit status");
        return Files.readString(dom, StandardCharsets.UTF_8);
    }
}
