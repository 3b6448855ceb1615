package dev.tessera.platform.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Reads a cost model file into key → text pairs, each with the line it came from, and applies them
 * to the file's preset, so that every error names the file, the line and the key; {@link
 * CostValues} reads each value.
 *
 * <p>The file is read whole, up to {@value #MAX_BYTES} bytes (a cost model is a few dozen lines;
 * a device such as {@code /dev/zero} would otherwise be read until the heap ran out), as UTF-8,
 * with a leading byte-order mark dropped (editors on Windows add one, and it would otherwise
 * become an invisible first character of the first key).
 */
final class CostModelFiles {
    /** Larger than any cost model; pipes ({@code <(...)}) are fine, endless devices are refused. */
    static final int MAX_BYTES = 1 << 20;

    /** One value and the line (1-based) where its key is. */
    record Entry(String value, int line) {}

    private CostModelFiles() {}

    /** The model a file describes: see {@link CostModel#load(Path)}. */
    static CostModel load(Path file) throws IOException {
        Map<String, Entry> entries = read(file);
        Entry preset = entries.remove("preset");
        CostModel base;
        try {
            base = preset == null ? CostModel.a2a3() : CostModel.preset(preset.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    file + " line " + preset.line() + ", key 'preset': " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        entries.forEach((k, v) -> values.put(k, v.value()));
        try {
            return base.withOverrides(values).named(base.name() + "+" + file.getFileName());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(locate(file, base, entries, e.getMessage()), e);
        }
    }

    /**
     * Where in the file an error is: the key that fails on its own (a bad number, an unknown key),
     * or, for a rule between keys (idle.cap below idle.base), every key the message names.
     */
    private static String locate(Path file, CostModel base, Map<String, Entry> entries, String message) {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            try {
                base.withOverrides(Map.of(e.getKey(), e.getValue().value()));
            } catch (IllegalArgumentException alone) {
                if (alone.getMessage().equals(message)) {
                    return file + " line " + e.getValue().line() + ", key '"
                            + e.getKey().trim() + "': " + message;
                }
            }
        }
        StringJoiner where = new StringJoiner(", ");
        entries.forEach((k, v) -> {
            if (message.contains(k.trim())) where.add("'" + k.trim() + "' on line " + v.line());
        });
        return file + (where.length() == 0 ? "" : " (" + where + ")") + ": " + message;
    }

    static Map<String, Entry> read(Path file) throws IOException {
        String text = readText(file);
        String fileName =
                file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return fileName.endsWith(".json") ? readJson(file, text) : readProperties(file, text);
    }

    private static String readText(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(file + ": larger than " + MAX_BYTES + " bytes; a cost model is a short"
                    + " .properties or .json file (is this the right path?)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    file + ": not UTF-8 text; a cost model is a .properties or .json file in UTF-8");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The {@code .properties} format, one logical line at a time: the JDK's own parser reads each
     * (escapes, separators, continuation lines), and the line it starts on is kept for messages.
     */
    private static Map<String, Entry> readProperties(Path file, String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        Map<String, Entry> out = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.length) {
            int first = i + 1;
            String line = lines[i++];
            String lead = line.stripLeading();
            if (lead.isEmpty() || lead.startsWith("#") || lead.startsWith("!")) continue;
            StringBuilder logical = new StringBuilder(line);
            String last = line;
            while (continues(last) && i < lines.length) {
                last = lines[i++];
                logical.append('\n').append(last);
            }
            Properties p = new Properties();
            try {
                p.load(new StringReader(logical.toString()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        file + " line " + first + ", key '" + rawKey(lead) + "': malformed \\u escape"
                                + " (a \\u must be followed by four hexadecimal digits; write a backslash as \\\\)",
                        e);
            } catch (IOException e) {
                throw new IllegalStateException("reading a string cannot fail: " + e, e);
            }
            for (String k : p.stringPropertyNames()) {
                String key = k.trim();
                Entry previous = out.put(key, new Entry(p.getProperty(k), first));
                if (previous != null) {
                    throw new IllegalArgumentException(file + " line " + first + ": key '" + key
                            + "' appears twice (also on line " + previous.line() + ")");
                }
            }
        }
        return out;
    }

    /** An odd number of trailing backslashes continues the line (an even number is escaped backslashes). */
    private static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) n++;
        return n % 2 == 1;
    }

    /** The key as written, up to the first separator, for a line the parser rejected. */
    private static String rawKey(String lead) {
        int end = 0;
        while (end < lead.length() && "=: \t\f".indexOf(lead.charAt(end)) < 0) end++;
        return lead.substring(0, end);
    }

    /** One flat object: numbers, numeric strings, arrays of numbers (kernel tables), and "preset". */
    private static Map<String, Entry> readJson(Path file, String text) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT)
                throw bad(file, p, "expected one JSON object of key/value pairs");
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                if (t != JsonToken.FIELD_NAME) throw bad(file, p, "expected a key");
                String key = p.currentName();
                int line = p.currentLocation().getLineNr();
                String value = switch (p.nextToken()) {
                    case VALUE_NUMBER_INT, VALUE_STRING -> p.getText();
                    case START_ARRAY -> readArray(file, p, key);
                    default ->
                        throw bad(
                                file,
                                p,
                                "value of '" + key + "' must be a whole number, a string or an array of whole numbers");
                };
                Entry previous = out.put(key, new Entry(value, line));
                if (previous != null) {
                    throw bad(file, p, "key '" + key + "' appears twice (also on line " + previous.line() + ")");
                }
            }
            if (p.nextToken() != null) throw bad(file, p, "unexpected content after the object");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(
                    file + (line > 0 ? " line " + line : "") + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    private static String readArray(Path file, JsonParser p, String key) throws IOException {
        StringJoiner j = new StringJoiner(",");
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT)
                throw bad(file, p, "array '" + key + "' must hold whole numbers of nanoseconds");
            j.add(p.getText());
        }
        return j.toString();
    }

    private static IllegalArgumentException bad(Path file, JsonParser p, String what) {
        return new IllegalArgumentException(
                file + " line " + p.currentLocation().getLineNr() + ": " + what);
    }
}
