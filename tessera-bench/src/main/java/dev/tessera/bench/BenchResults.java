package dev.tessera.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tessera.profiling.AtomicFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark run, in order, plus a description of the machine they were taken
 * on. Serialised as {@code {"results":[{"name","unit","value","description"}...],"environment":{...}}}.
 */
public final class BenchResults {
    /** One figure. {@code target} is the goal it is compared against in the table, or null. */
    public record Result(String name, String unit, double value, String description, String target) {}

    private final List<Result> results = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    public BenchResults add(String name, String unit, double value, String description) {
        return add(name, unit, value, description, null);
    }

    public BenchResults add(String name, String unit, double value, String description, String target) {
        results.add(new Result(name, unit, value, description, target));
        return this;
    }

    public BenchResults addAll(BenchResults other) {
        results.addAll(other.results);
        return this;
    }

    public void environment(String key, String value) {
        environment.put(key, value);
    }

    public Map<String, String> environment() {
        return Collections.unmodifiableMap(environment);
    }

    public List<Result> results() {
        return Collections.unmodifiableList(results);
    }

    /** The value of figure {@code name}, or NaN when it was not measured. */
    public double value(String name) {
        for (Result r : results) if (r.name().equals(name)) return r.value();
        return Double.NaN;
    }

    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Writes the results to {@code file} (folders created), whole or not at all (see {@link AtomicFile}). */
    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try {
            AtomicFile.write(file, tmp -> {
                try (OutputStream out = Files.newOutputStream(tmp);
                        JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
                    write(g);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void write(JsonGenerator g) throws IOException {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeArrayFieldStart("results");
        for (Result r : results) {
            g.writeStartObject();
            g.writeStringField("name", r.name());
            g.writeStringField("unit", r.unit());
            if (Double.isFinite(r.value())) g.writeNumberField("value", r.value());
            else g.writeNullField("value");
            if (r.description() != null) g.writeStringField("description", r.description());
            if (r.target() != null) g.writeStringField("target", r.target());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("environment");
        for (Map.Entry<String, String> e : environment.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A readable table of every figure. */
    public void printTable(PrintStream out) {
        int nw = 4;
        for (Result r : results) nw = Math.max(nw, r.name().length());
        String fmt = "%-" + nw + "s  %14s  %-8s  %-14s  %s%n";
        out.printf(Locale.ROOT, fmt, "name", "value", "unit", "target", "what");
        out.println("-".repeat(nw + 2 + 14 + 2 + 8 + 2 + 14 + 2 + 40));
        for (Result r : results) {
            out.printf(
                    Locale.ROOT,
                    fmt,
                    r.name(),
                    format(r.value()),
                    r.unit(),
                    r.target() == null ? "" : r.target(),
                    r.description() == null ? "" : r.description());
        }
        for (Map.Entry<String, String> e : environment.entrySet())
            out.printf(Locale.ROOT, "# %s: %s%n", e.getKey(), e.getValue());
    }

    static String format(double v) {
        if (!Double.isFinite(v)) return "n/a";
        double a = Math.abs(v);
        if (a >= 1e6) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
