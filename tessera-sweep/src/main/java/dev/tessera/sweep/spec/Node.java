package dev.tessera.sweep.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep file read into objects, lists and scalars that remember the line they start on, so that
 * every complaint about the file can name the key and the line.
 */
public sealed interface Node {
    /** 1-based line where this value starts. */
    int line();

    /** What the file calls this kind of value, for "expected ..., got ..." messages. */
    String kind();

    /** An object: its keys in file order, each with its value and the line of the key. */
    record Obj(int line, Map<String, Entry> entries) implements Node {
        public Obj {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String kind() {
            return "an object";
        }
    }

    /** One key of an object. */
    record Entry(String key, int keyLine, Node value) {}

    record Arr(int line, List<Node> items) implements Node {
        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A string, a number (Long or Double), a boolean, or null (value is then null). */
    record Scalar(int line, Object value) implements Node {
        @Override
        public String kind() {
            if (value == null) return "null";
            if (value instanceof String) return "a string";
            if (value instanceof Boolean) return "a boolean";
            return "a number";
        }

        /** The value as the file wrote it, for messages and for string axes that accept numbers. */
        public String text() {
            return String.valueOf(value);
        }
    }
}
