package dev.tessera.sweep;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sweep.point.Column;
import dev.tessera.sweep.results.ResultSchema;
import dev.tessera.sweep.spec.SweepSpec;
import dev.tessera.sweep.spec.SweepSpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/sweeps.md stays true to the code: every key of a sweep file and every result column is described, and its sweep files are valid. */
class DocsTest {
    private static String doc() throws IOException {
        return Files.readString(Path.of("..", "docs", "sweeps.md"));
    }

    @Test
    void everyKeyOfASweepFileIsDocumented() throws IOException {
        String doc = doc();
        for (String key : SweepSpecReader.KEYS)
            assertTrue(doc.contains("| `" + key + "` |"), "docs/sweeps.md lacks the key " + key);
    }

    @Test
    void everySweepFileInTheDocsIsValid() throws IOException {
        Matcher m = Pattern.compile("```(json|yaml)\n(.*?)```", Pattern.DOTALL).matcher(doc());
        int files = 0;
        while (m.find()) {
            if (!m.group(2).contains("examples")) continue;
            files++;
            SweepSpec s = SweepSpecReader.read("docs-" + files + "." + m.group(1), m.group(2))
                    .build();
            assertTrue(s.size() > 0, m.group(2));
        }
        assertTrue(files >= 3, "the JSON and YAML examples and the options example: " + files);
    }

    @Test
    void everyResultColumnIsDocumented() throws IOException {
        String doc = doc();
        List<String> missing = ResultSchema.COLUMNS.stream()
                .map(Column::name)
                .filter(c -> !doc.contains("`" + c + "`"))
                .toList();
        assertTrue(missing.isEmpty(), "docs/sweeps.md lacks the columns " + missing);
    }
}
