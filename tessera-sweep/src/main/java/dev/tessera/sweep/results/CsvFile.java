package dev.tessera.sweep.results;

import dev.tessera.sweep.point.Column;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV half of the results (RFC 4180: a header row, fields with commas, quotes or line breaks
 * quoted). A row is written and flushed as soon as its point finishes, so the file always holds
 * every finished point; empty fields are missing values.
 */
final class CsvFile implements AutoCloseable {
    private final List<Column> columns;
    private final BufferedWriter out;

    private CsvFile(List<Column> columns, BufferedWriter out) {
        this.columns = columns;
        this.out = out;
    }

    /** A new file holding the header and {@code rows}, replacing any file at {@code path}; open for appending. */
    static CsvFile create(Path path, List<Column> columns, List<Row> rows) throws IOException {
        Path tmp = path.resolveSibling("." + path.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>();
            for (Column c : columns) header.add(c.name());
            w.write(line(header));
            for (Row r : rows) w.write(line(fields(columns, r)));
        }
        Files.move(
                tmp,
                path,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new CsvFile(columns, Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    void append(Row row) throws IOException {
        out.write(line(fields(columns, row)));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static List<String> fields(List<Column> columns, Row row) {
        List<String> f = new ArrayList<>(columns.size());
        for (Column c : columns) {
            Object v = row.get(c.name());
            f.add(v == null ? "" : v.toString());
        }
        return f;
    }

    private static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            String s = fields.get(i);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.append('\n').toString();
    }
}
