package dev.tessera.platform.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/** Reads a cost model file into key → text pairs; {@link CostModel} interprets the values. */
final class CostModelFiles {
    private CostModelFiles() {
    }

    static Map<String, String> read(Path file) throws IOException {
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return fileName.endsWith(".json") ? readJson(file) : readProperties(file);
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) out.put(k.trim(), p.getProperty(k));
        return out;
    }

    /** One flat object: numbers, numeric strings, arrays of numbers (kernel tables), and "preset". */
    private static Map<String, String> readJson(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw bad(file, p, "expected one JSON object of key/value pairs");
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                if (t != JsonToken.FIELD_NAME) throw bad(file, p, "expected a key");
                String key = p.currentName();
                String value = switch (p.nextToken()) {
                    case VALUE_NUMBER_INT, VALUE_STRING -> p.getText();
                    case START_ARRAY -> readArray(file, p, key);
                    default -> throw bad(file, p, "value of '" + key + "' must be a whole number, a string or an array of whole numbers");
                };
                if (out.put(key, value) != null) throw bad(file, p, "key '" + key + "' appears twice");
            }
            if (p.nextToken() != null) throw bad(file, p, "unexpected content after the object");
        }
        return out;
    }

    private static String readArray(Path file, JsonParser p, String key) throws IOException {
        StringJoiner j = new StringJoiner(",");
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT) throw bad(file, p, "array '" + key + "' must hold whole numbers of nanoseconds");
            j.add(p.getText());
        }
        return j.toString();
    }

    private static IllegalArgumentException bad(Path file, JsonParser p, String what) {
        return new IllegalArgumentException(file + " line " + p.currentLocation().getLineNr() + ": " + what);
    }
}
