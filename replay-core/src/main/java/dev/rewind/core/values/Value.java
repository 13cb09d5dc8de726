/*
 * Value: a formatted C value, ready for a variables view: its name, what to display, its type's
 * name, where it lives (for memory views) and how it expands, if it does.
 */
package dev.rewind.core.values;

import dev.rewind.core.model.RemoteAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * @param address   where the value is in memory, when it is
 * @param pointer   for pointers: the address they hold (the natural memory reference)
 * @param expansion its children, when it has any
 */
public record Value(String name, String display, String typeName, Optional<RemoteAddress> address,
                   Optional<RemoteAddress> pointer, Optional<Expansion> expansion) {
    public Value {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(expansion, "expansion");
    }

    /** A value that has nothing more to show (optimized out, unreadable). */
    public static Value plain(String name, String display, String typeName) {
        return new Value(name, display, typeName, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
