package dev.tessera.sweep.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One result row: column name to value (String, Long, Double, Boolean or null), in column order. */
public record Row(Map<String, Object> values) {
    public Row {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Object get(String column) {
        return values.get(column);
    }

    public String string(String column) {
        Object v = values.get(column);
        return v == null ? null : v.toString();
    }

    /** A numeric column as a double, or null when the row has no value there. */
    public Double number(String column) {
        return values.get(column) instanceof Number n ? n.doubleValue() : null;
    }

    /** The point's identity ({@code Point.key()}). */
    public String key() {
        return string("point");
    }
}
