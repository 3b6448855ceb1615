package dev.tessera.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against the current code, so a
 * user who copies one gets a program, not a puzzle. A block that declares a class is compiled as a
 * file; any other block is a method body: its {@code import} lines go to the top of a generated
 * class and the rest into a method that may throw. Names a fragment uses without declaring them
 * (an orchestrator, a kernel) are declared in an HTML comment on the line before the block, with
 * fully qualified types, e.g. {@code <!-- java-context: dev.tessera.api.Orchestrator orch -->}:
 * they become the method's parameters. Nothing is imported implicitly, so a block that forgets an
 * import fails here.
 */
class DocSnippetsTest {
    private static final Pattern CONTEXT = Pattern.compile("<!--\\s*java-context:\\s*(.*?)\\s*-->");
    private static final Pattern TYPE_DECL =
            Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(class|record|interface|enum)\\s+(\\w+)");

    /** One {@code ```java} block: where it is, what it says, and the names it may use. */
    private record Snippet(Path file, int line, String code, String context) {
        String where() {
            return file.getFileName() + ":" + line;
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("docs")) && Files.exists(dir.resolve("README.md"))))
            dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("no repository root above " + System.getProperty("user.dir"));
        return dir;
    }

    static List<Snippet> snippets(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) continue;
            Matcher m = i > 0 ? CONTEXT.matcher(lines.get(i - 1)) : null;
            String context = m != null && m.find() ? m.group(1) : "";
            StringBuilder code = new StringBuilder();
            int start = i + 1;
            for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++)
                code.append(lines.get(i)).append('\n');
            out.add(new Snippet(file, start + 1, code.toString(), context));
        }
        return out;
    }

    /** The compilation unit for one snippet, in a package of its own, and the name of its file. */
    private static String[] unit(Snippet s, int n) {
        String pkg = "package snippet" + n + ";\n// " + s.where() + "\n";
        Matcher type = TYPE_DECL.matcher(s.code());
        if (type.find()) return new String[] {type.group(4), pkg + s.code()};
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : s.code().split("\n", -1)) {
            if (line.startsWith("import ")) imports.append(line).append('\n');
            else body.append(line).append('\n');
        }
        String name = "Snippet";
        return new String[] {
            name,
            pkg + imports + "\nclass " + name + " {\n    static void snippet(" + s.context() + ") throws Exception {\n"
                    + body + "    }\n}\n"
        };
    }

    @Test
    void everyJavaBlockInTheDocsCompiles(@TempDir Path work) throws IOException {
        Path root = repositoryRoot();
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<Snippet> all = new ArrayList<>();
        for (Path d : docs) all.addAll(snippets(d));
        assertTrue(all.size() >= 8, "found only " + all.size() + " java blocks in " + docs);

        // one compilation for all: each snippet in a package of its own, so names cannot clash
        List<Path> sources = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (int n = 0; n < all.size(); n++) {
            String[] unit = unit(all.get(n), n);
            Path dir = Files.createDirectories(work.resolve("src/snippet" + n));
            sources.add(Files.writeString(dir.resolve(unit[0] + ".java"), unit[1]));
            units.add(unit[1]);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of(
                    "-classpath", classPath(), "-d", work.resolve("classes").toString(), "-proc:none", "-Xlint:none");
            compiled = javac.getTask(
                            null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
        }
        StringBuilder failures = new StringBuilder();
        for (int n = 0; n < all.size(); n++) {
            StringBuilder errors = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR
                        && d.getSource() != null
                        && Path.of(d.getSource().toUri()).equals(sources.get(n))) {
                    errors.append("  line ")
                            .append(d.getLineNumber())
                            .append(": ")
                            .append(d.getMessage(Locale.ROOT))
                            .append('\n');
                }
            }
            if (!errors.isEmpty()) {
                failures.append('\n')
                        .append(all.get(n).where())
                        .append(" does not compile:\n")
                        .append(errors)
                        .append("  as compiled:\n")
                        .append(units.get(n).indent(4));
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(compiled, () -> "javac failed: " + diagnostics.getDiagnostics());
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
