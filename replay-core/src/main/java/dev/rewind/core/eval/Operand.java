/*
 * Operand: a value during evaluation: its C type (an id of the TypeTable) and where its bytes are:
 * in the replayed process's memory (an lvalue, with an address: read only when needed), or in hand
 * (a register variable, a bit-field, a computed result).
 */
package dev.rewind.core.eval;

import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.values.Placed;
import java.util.Objects;
import java.util.Optional;

public record Operand(int typeId, Placed at) {
    public Operand {
        Objects.requireNonNull(at, "at");
        if (typeId < 0) {
            throw new IllegalArgumentException("negative type id " + typeId);
        }
    }

    static Operand computed(int typeId, byte[] bytes) {
        return new Operand(typeId, Placed.ofBytes(bytes));
    }

    static Operand inMemory(int typeId, RemoteAddress address) {
        return new Operand(typeId, Placed.inMemory(address));
    }

    /** Where the value is in memory; empty for values that are not there. */
    public Optional<RemoteAddress> address() {
        return at.address();
    }
}
