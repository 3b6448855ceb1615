package dev.tessera.sweep.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes) for checking results.csv. */
public final class Csv {
    private Csv() {}

    public static List<Map<String, String>> read(Path path) throws IOException {
        List<List<String>> records = parse(Files.readString(path, StandardCharsets.UTF_8));
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = records.getFirst();
        for (List<String> rec : records.subList(1, records.size())) {
            if (rec.size() != header.size()) throw new IOException("row of " + rec.size() + " fields: " + rec);
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) m.put(header.get(i), rec.get(i));
            rows.add(m);
        }
        return rows;
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                rec.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                rec.add(field.toString());
                field.setLength(0);
                records.add(rec);
                rec = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !rec.isEmpty()) {
            rec.add(field.toString());
            records.add(rec);
        }
        return records;
    }
}
