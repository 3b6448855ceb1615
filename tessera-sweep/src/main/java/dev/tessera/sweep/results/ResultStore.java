package dev.tessera.sweep.results;

import dev.tessera.sweep.point.PointResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's output folder: {@code results.parquet/} (parts) and {@code results.csv}, both one row per
 * point. A finished point's row goes to the CSV at once and into a Parquet part within
 * {@link #FLUSH_ROWS} rows or {@link #FLUSH_MILLIS} ms; {@link #close} (also run when the sweep is
 * interrupted) writes the rest. {@code --resume} opens an existing folder and reports which points
 * are done; the Parquet parts are the record, and the CSV is rewritten from them.
 *
 * <p>Thread-safe: the sweep adds rows from its main thread while a shutdown hook may close.
 */
public final class ResultStore implements AutoCloseable {
    public static final String PARQUET = "results.parquet";
    public static final String CSV = "results.csv";
    static final int FLUSH_ROWS = 256;
    static final long FLUSH_MILLIS = 10_000;

    private final Path dir;
    private final ParquetParts parquet;
    private final CsvFile csv;
    /** Every row by point key, the last one written for a key winning. */
    private final Map<String, Row> rows = new LinkedHashMap<>();

    private final int resumed;
    private final List<Row> pending = new ArrayList<>();
    private long lastFlushNanos = System.nanoTime();
    private boolean closed;

    private ResultStore(Path dir, List<Row> existing) throws IOException {
        this.dir = dir;
        this.parquet = new ParquetParts(dir.resolve(PARQUET), ResultSchema.COLUMNS);
        for (Row r : existing) rows.put(r.key(), r);
        this.resumed = rows.size();
        this.csv = CsvFile.create(dir.resolve(CSV), ResultSchema.COLUMNS, List.copyOf(rows.values()));
    }

    /**
     * Opens {@code dir} for a sweep. Without {@code resume} it must hold no results yet; with it,
     * the rows already there are read back (a missing folder is simply empty).
     */
    public static ResultStore open(Path dir, boolean resume) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OutputException("cannot create the folder " + dir + ": " + e, e);
        }
        if (!Files.isWritable(dir)) throw new OutputException("cannot write into " + dir, null);
        ParquetParts existing = new ParquetParts(dir.resolve(PARQUET), ResultSchema.COLUMNS);
        boolean hasResults = !existing.parts().isEmpty() || csvRows(dir.resolve(CSV)) > 0;
        if (hasResults && !resume) {
            throw new ExistingResultsException(dir + " already holds results of a sweep: add --resume to continue it, "
                    + "or choose another --out");
        }
        try {
            return new ResultStore(dir, resume ? existing.readAll() : List.of());
        } catch (IOException e) {
            throw new OutputException("cannot read or write the results in " + dir + ": " + e, e);
        }
    }

    /** Lines after the header; a CSV with only its header (a sweep whose engine never started) holds nothing. */
    private static long csvRows(Path csv) {
        if (!Files.exists(csv)) return 0;
        try (var lines = Files.lines(csv)) {
            return Math.max(0, lines.count() - 1);
        } catch (IOException | java.io.UncheckedIOException e) {
            return 1; // unreadable: treat as results, so that nothing is overwritten
        }
    }

    /** Results are there and the sweep was started without --resume: a usage problem, not an output one. */
    public static final class ExistingResultsException extends RuntimeException {
        ExistingResultsException(String message) {
            super(message);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Points whose rows were already in the folder when it was opened. */
    public int resumed() {
        return resumed;
    }

    /** Keys of every point with a row. */
    public synchronized Set<String> keys() {
        return Set.copyOf(rows.keySet());
    }

    /** Every row, old and new, in the order they were first written. */
    public synchronized List<Row> rows() {
        return List.copyOf(rows.values());
    }

    /** Records a finished point; ignored after {@link #close}. */
    public synchronized void add(PointResult result) {
        if (closed) return;
        Row row = ResultSchema.row(result);
        rows.put(row.key(), row);
        pending.add(row);
        try {
            csv.append(row);
            if (pending.size() >= FLUSH_ROWS || System.nanoTime() - lastFlushNanos >= FLUSH_MILLIS * 1_000_000) flush();
        } catch (IOException e) {
            throw new OutputException("cannot write the results in " + dir + ": " + e, e);
        }
    }

    /** Writes the rows not yet in Parquet as a new part. */
    public synchronized void flush() throws IOException {
        if (!pending.isEmpty()) {
            parquet.write(pending);
            pending.clear();
        }
        lastFlushNanos = System.nanoTime();
    }

    /**
     * Writes what is pending and closes; with {@code compact}, also merges the Parquet parts into
     * one (after a sweep that finished). Safe to call more than once.
     */
    public synchronized void close(boolean compact) {
        if (closed) return;
        closed = true;
        try {
            flush();
            csv.close();
            if (compact) parquet.compact(List.copyOf(rows.values()));
        } catch (IOException e) {
            throw new OutputException("cannot write the results in " + dir + ": " + e, e);
        }
    }

    @Override
    public void close() {
        close(false);
    }

    /** Reads the rows of a results folder (for the summary of an earlier sweep, and tests). */
    public static List<Row> read(Path dir) {
        try {
            Map<String, Row> byKey = new LinkedHashMap<>();
            for (Row r : new ParquetParts(dir.resolve(PARQUET), ResultSchema.COLUMNS).readAll()) byKey.put(r.key(), r);
            return List.copyOf(byKey.values());
        } catch (IOException e) {
            throw new OutputException("cannot read the results in " + dir + ": " + e, e);
        }
    }
}
