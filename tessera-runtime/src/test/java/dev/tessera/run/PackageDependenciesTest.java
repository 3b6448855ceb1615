package dev.tessera.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runtime's layers, read from the import lines of the main sources: {@code core} (the state
 * every thread shares) knows nothing of who drives it; {@code scheduler} and {@code orchestration}
 * know {@code core} but not each other; only {@code run} wires them together.
 *
 * <p>{@code dev.tessera.api} is two things: the vocabulary every layer speaks ({@code Tensor},
 * {@code Kernel}, {@code TaskSpec}, ...) and, on top, the facade that wires the layers
 * ({@code Runtime}, {@code RuntimeConfig}, {@code RunResult}). The package imports the layers and
 * the layers import the package, but only through the vocabulary: no layer names a facade type and
 * no vocabulary type names a layer, so there is no cycle of types, only of the package name.
 */
class PackageDependenciesTest {
    private static final Path MAIN = Path.of("src/main/java/dev/tessera");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?dev\\.tessera\\.(\\w+)\\.", Pattern.MULTILINE);

    @ParameterizedTest(name = "{0} imports none of {1}")
    @CsvSource({
        "core,          orchestration scheduler run",
        "scheduler,     orchestration run api",
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

    /** The api types that wire the layers together; see the class comment. */
    private static final Set<String> FACADE = Set.of("Runtime", "RuntimeConfig", "RunResult");

    /** An api type named by an import or written out in full. */
    private static final Pattern API_TYPE = Pattern.compile("\\bdev\\.tessera\\.api\\.(\\w+)");

    /**
     * The layers below the facade, each with its sub-packages (platform.sim, platform.threaded, ...).
     * Since {@code core} names no facade type, no layer can be handed one through the shared state
     * either (as {@code RuntimeState.config} once handed {@code RuntimeConfig} to the scheduler).
     */
    @ParameterizedTest(name = "{0} names no facade type")
    @CsvSource({"core", "scheduler", "orchestration", "dispatch", "platform", "profiling", "verify", "topology"})
    void layersSpeakOnlyTheVocabulary(String pkg) throws IOException {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = API_TYPE.matcher(Files.readString(f));
                while (m.find()) named.add(m.group(1));
            }
        }
        named.retainAll(FACADE);
        assertEquals(Set.of(), named, "dev.tessera." + pkg + " names the facade types " + named);
    }

    @Test
    void theVocabularyNamesNoLayer() throws IOException {
        Set<String> layers =
                Set.of("core", "scheduler", "orchestration", "dispatch", "run", "platform", "profiling", "verify");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(MAIN.resolve("api"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String type = f.getFileName().toString().replace(".java", "");
                if (FACADE.contains(type)) continue;
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) if (layers.contains(m.group(1))) found.add(type + " -> " + m.group(1));
            }
        }
        assertEquals(List.of(), found, "api vocabulary types import runtime layers");
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
