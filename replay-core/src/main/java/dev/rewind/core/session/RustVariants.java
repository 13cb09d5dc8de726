/*
 * RustVariants: the variant part of a Rust enum (the agent's RUST_TYPE_INFO): where its
 * discriminant is and which variant each value selects. A type without one, or with one the agent
 * does not read, has none: its value is shown by its raw layout, never by a guessed variant.
 */
package dev.rewind.core.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * @param state        0 no variant part, 1 the variants below, 2 a variant part the agent does not read
 * @param discrType    type id of the discriminant member (0: none, a single variant always chosen)
 * @param discrOffset  its byte offset in the enum
 */
public record RustVariants(int typeId, int state, int discrType, long discrOffset, List<Variant> variants) {
    public static final int NONE = 0;
    public static final int READ = 1;
    public static final int NOT_UNDERSTOOD = 2;

    public RustVariants {
        variants = List.copyOf(variants);
        if (state < 0 || state > 2 || discrOffset < 0 || discrType < 0) {
            throw new IllegalArgumentException("variant part of type " + typeId + ": state " + state);
        }
        if (state != READ && !variants.isEmpty()) {
            throw new IllegalArgumentException("variants listed for a type whose variant part is not read");
        }
    }

    /** One variant: the member holding its fields, selected by {@code discr} (or the default one). */
    public record Variant(String name, int typeId, long offset, boolean hasDiscr, long discr) {
        public Variant {
            Objects.requireNonNull(name, "name");
            if (typeId < 0 || offset < 0) {
                throw new IllegalArgumentException("variant " + name + ": bad type id or offset");
            }
        }
    }

    public static RustVariants none(int typeId) {
        return new RustVariants(typeId, NONE, 0, 0, List.of());
    }

    public boolean isEnum() {
        return state != NONE;
    }

    /**
     * The variant a discriminant of {@code size} bytes holding {@code value} selects: the one whose
     * value it is (compared in {@code size} bytes), else the default one; empty when none is.
     */
    public Optional<Variant> select(long value, int size) {
        if (state != READ) {
            return Optional.empty();
        }
        if (discrType == 0) {
            return variants.size() == 1 ? Optional.of(variants.get(0)) : Optional.empty();
        }
        long mask = size >= 8 ? -1L : (1L << (8 * size)) - 1;
        Variant fallback = null;
        for (Variant v : variants) {
            if (v.hasDiscr() && (v.discr() & mask) == (value & mask)) {
                return Optional.of(v);
            }
            if (!v.hasDiscr()) {
                fallback = v;
            }
        }
        return Optional.ofNullable(fallback);
    }
}
