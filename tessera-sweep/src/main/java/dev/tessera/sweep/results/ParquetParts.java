package dev.tessera.sweep.results;

import dev.tessera.sweep.point.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet half of the results: a folder of {@code part-NNNNN.parquet} files that Spark, pandas,
 * DuckDB and Polars read as one table. Each batch of finished rows becomes a new part, written under
 * a hidden name and then renamed, so the folder only ever holds complete files: an interrupted sweep
 * leaves every row that was flushed readable.
 *
 * <p>Written on the driver with Parquet's local-file API (no Hadoop file system, no Spark job), so
 * the results land on the machine that started the sweep whatever the cluster.
 */
final class ParquetParts {
    private static final Pattern PART = Pattern.compile("part-(\\d{5,})\\.parquet");

    private final Path dir;
    private final MessageType schema;
    private int next;

    ParquetParts(Path dir, List<Column> columns) {
        this.dir = dir;
        this.schema = schema(columns);
        this.next = parts().stream().mapToInt(ParquetParts::number).max().orElse(-1) + 1;
    }

    static MessageType schema(List<Column> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : columns) {
            switch (c.type()) {
                case STRING ->
                    b.optional(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(c.name());
                case LONG -> b.optional(PrimitiveTypeName.INT64).named(c.name());
                case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
                case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
            }
        }
        return b.named("tessera_sweep");
    }

    /** The part files, in the order they were written. */
    List<Path> parts() {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> PART.matcher(p.getFileName().toString()).matches())
                    .sorted((a, b) -> Integer.compare(number(a), number(b)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int number(Path p) {
        Matcher m = PART.matcher(p.getFileName().toString());
        if (!m.matches()) throw new IllegalArgumentException(p.toString());
        return Integer.parseInt(m.group(1));
    }

    /** Writes {@code rows} as the next part; returns its path. */
    Path write(List<Row> rows) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(String.format("part-%05d.parquet", next++));
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(tmp))
                .withType(schema)
                .withConf(new Configuration(false))
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .build()) {
            for (Row row : rows) {
                Group g = groups.newGroup();
                for (Type field : schema.getFields()) {
                    Object v = row.get(field.getName());
                    if (v == null) continue;
                    switch (v) {
                        case String s -> g.add(field.getName(), s);
                        case Long l -> g.add(field.getName(), l);
                        case Integer i -> g.add(field.getName(), (long) i);
                        case Double d -> g.add(field.getName(), d);
                        case Boolean bo -> g.add(field.getName(), bo);
                        default -> throw new IllegalArgumentException(field.getName() + ": " + v.getClass());
                    }
                }
                w.write(g);
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Every row of every part, in part order; columns a part lacks are null. */
    List<Row> readAll() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Path part : parts()) rows.addAll(read(part));
        return rows;
    }

    static List<Row> read(Path part) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (ParquetReader<Group> r =
                new GroupReaderBuilder(part).withConf(new Configuration(false)).build()) {
            for (Group g = r.read(); g != null; g = r.read()) {
                Map<String, Object> v = new LinkedHashMap<>();
                List<Type> fields = g.getType().getFields();
                for (int i = 0; i < fields.size(); i++) {
                    Type f = fields.get(i);
                    if (g.getFieldRepetitionCount(i) == 0) {
                        v.put(f.getName(), null);
                        continue;
                    }
                    v.put(
                            f.getName(),
                            switch (f.asPrimitiveType().getPrimitiveTypeName()) {
                                case BINARY -> g.getString(i, 0);
                                case INT64 -> g.getLong(i, 0);
                                case DOUBLE -> g.getDouble(i, 0);
                                case BOOLEAN -> g.getBoolean(i, 0);
                                default -> throw new IOException(part + ": unexpected column type of " + f.getName());
                            });
                }
                rows.add(new Row(v));
            }
        }
        return rows;
    }

    /** Replaces every part by one (after a finished sweep): one file is friendlier to copy around. */
    void compact(List<Row> all) throws IOException {
        List<Path> old = parts();
        if (old.size() <= 1) return;
        write(all);
        // A crash here leaves duplicates, never a loss: readers of the results keep the last row per point.
        for (Path p : old) Files.deleteIfExists(p);
    }

    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(Path file) {
            super(new LocalInputFile(file));
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
