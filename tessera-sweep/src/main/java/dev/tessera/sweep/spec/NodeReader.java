package dev.tessera.sweep.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JSON or YAML document into {@link Node}s with Jackson's streaming parser, which knows the
 * line of every token (a tree model would forget it). JSON allows {@code //} and {@code #} comments
 * here, since sweep files are written by hand.
 */
final class NodeReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final YAMLFactory YAML = new YAMLFactory();

    static {
        JSON.enable(JsonParser.Feature.ALLOW_COMMENTS);
        JSON.enable(JsonParser.Feature.ALLOW_YAML_COMMENTS);
    }

    private final String source;

    private NodeReader(String source) {
        this.source = source;
    }

    /** Parses {@code text}; YAML when {@code fileName} ends in .yaml or .yml, JSON otherwise. */
    static Node read(String fileName, String text) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        JsonFactory factory = lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : JSON;
        NodeReader reader = new NodeReader(fileName);
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) throw new SweepFileException(fileName, 1, null, "the file is empty");
            Node root = reader.value(p);
            if (p.nextToken() != null) {
                throw new SweepFileException(fileName, line(p), null, "more than one document or value in the file");
            }
            return root;
        } catch (JsonParseException e) {
            throw new SweepFileException(
                    fileName,
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    null,
                    "not valid " + (factory == YAML ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SweepFileException(fileName, 0, null, "cannot be parsed: " + e.getMessage());
        }
    }

    private Node value(JsonParser p) throws IOException {
        int line = line(p);
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> object(p, line);
            case START_ARRAY -> array(p, line);
            case VALUE_STRING -> new Node.Scalar(line, p.getText());
            case VALUE_NUMBER_INT -> new Node.Scalar(line, p.getLongValue());
            case VALUE_NUMBER_FLOAT -> new Node.Scalar(line, p.getDoubleValue());
            case VALUE_TRUE -> new Node.Scalar(line, true);
            case VALUE_FALSE -> new Node.Scalar(line, false);
            case VALUE_NULL -> new Node.Scalar(line, null);
            default -> throw new SweepFileException(source, line, null, "unexpected " + t);
        };
    }

    private Node object(JsonParser p, int line) throws IOException {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int keyLine = line(p);
            p.nextToken();
            Node value = value(p);
            if (entries.containsKey(key)) {
                throw new SweepFileException(
                        source,
                        keyLine,
                        key,
                        "appears twice (first on line " + entries.get(key).keyLine() + ")");
            }
            entries.put(key, new Node.Entry(key, keyLine, value));
        }
        return new Node.Obj(line, entries);
    }

    private Node array(JsonParser p, int line) throws IOException {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(value(p));
        return new Node.Arr(line, items);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
