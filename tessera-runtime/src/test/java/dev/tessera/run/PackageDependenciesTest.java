package dev.tessera.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runtime's layers, read from the import lines of the main sources: {@code core} (the state
 * every thread shares) knows nothing of who drives it; {@code scheduler} and {@code orchestration}
 * know {@code core} but not each other; only {@code run} wires them together.
 */
class PackageDependenciesTest {
    private static final Path MAIN = Path.of("src/main/java/dev/tessera");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?dev\\.tessera\\.(\\w+)\\.", Pattern.MULTILINE);

    @ParameterizedTest(name = "{0} imports none of {1}")
    @CsvSource({
        "core,          orchestration scheduler run",
        "scheduler,     orchestration run",
        "orchestration, scheduler run",
        "platform,      core orchestration scheduler run",
        "profiling,     core orchestration scheduler run",
    })
    void layersDoNotReachUp(String pkg, String forbidden) throws IOException {
        Set<String> imported = importedPackages(MAIN.resolve(pkg));
        Set<String> found = new TreeSet<>(imported);
        found.retainAll(List.of(forbidden.trim().split("\\s+")));
        assertEquals(Set.of(), found, "dev.tessera." + pkg + " imports " + found);
    }

    /** Top-level dev.tessera packages imported by the files directly in {@code dir}. */
    private static Set<String> importedPackages(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) out.add(m.group(1));
            }
        }
        return out;
    }
}
