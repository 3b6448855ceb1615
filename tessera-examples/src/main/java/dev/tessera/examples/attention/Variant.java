package dev.tessera.examples.attention;

import java.util.Locale;

/** The four task graphs of paged attention, one option of the same example. */
public enum Variant {
    /** {@code paged_attention}: AUTO scope per (batch, q-tile), a nested scope per KV block, every edge inferred. */
    BASELINE,
    /** {@code paged_attention_manual_scope}: MANUAL scope per (batch, q-tile), explicit edges, the alloc task as a lifetime edge. */
    MANUAL,
    /** {@code paged_attention_unroll}: four tasks per group of KV blocks, kernels gather through the block table; AUTO scope. */
    UNROLL,
    /** {@code paged_attention_unroll_manual_scope}: the unrolled kernels in a MANUAL scope with explicit edges. */
    UNROLL_MANUAL;

    /** As the option spells it: {@code baseline}, {@code manual}, {@code unroll}, {@code unroll-manual}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Variant of(String option) {
        return valueOf(option.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** True for the variants whose tasks cover a group of KV blocks. */
    public boolean unrolled() {
        return this == UNROLL || this == UNROLL_MANUAL;
    }

    /** True for the variants that declare their edges in MANUAL scopes. */
    public boolean manualScopes() {
        return this == MANUAL || this == UNROLL_MANUAL;
    }
}
