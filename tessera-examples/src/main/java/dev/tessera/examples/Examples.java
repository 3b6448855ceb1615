package dev.tessera.examples;

import dev.tessera.examples.attention.PagedAttentionExample;
import dev.tessera.examples.gemm.AlternatingExample;
import dev.tessera.examples.gemm.BgemmExample;
import dev.tessera.examples.qk.QkDemoExample;
import dev.tessera.examples.qwen3.Qwen3DecodeExample;
import dev.tessera.examples.spmd.SpmdSuite;
import dev.tessera.examples.vector.VectorExample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every example, by name. A new example is one more entry in {@link #build}.
 */
public final class Examples {
    private static final Map<String, Example> BY_NAME = build();

    private Examples() {}

    private static Map<String, Example> build() {
        List<Example> list = new ArrayList<>();
        list.add(new VectorExample());
        list.addAll(SpmdSuite.all());
        list.add(new QkDemoExample());
        list.add(new PagedAttentionExample());
        list.add(new BgemmExample());
        list.add(new AlternatingExample());
        list.add(new Qwen3DecodeExample());
        Map<String, Example> map = new LinkedHashMap<>();
        for (Example e : list) {
            if (map.put(e.name(), e) != null) throw new IllegalStateException("two examples are named " + e.name());
        }
        return Collections.unmodifiableMap(map);
    }

    /** All examples, in listing order. */
    public static List<Example> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** Example names, in listing order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The example called {@code name} (case does not matter), if there is one. */
    public static Optional<Example> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }
}
