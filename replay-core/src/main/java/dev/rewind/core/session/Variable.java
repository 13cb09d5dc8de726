/*
 * Variable: one variable visible in a frame (or a global), as the agent's VARIABLE_LIST gives it:
 * its name, C type (an id for ReplaySession.type) and where its value is.
 */
package dev.rewind.core.session;

import dev.rewind.core.model.RemoteAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * @param depth   block nesting: 0 at function level, 1 in the first nested block, ...
 * @param address the value's address (MEMORY), else 0
 * @param bytes   the value (REGISTER: the register's 8 bytes in that frame; VALUE: the bytes), else empty
 */
public record Variable(String name, VariableKind kind, int typeId, int depth, Location location,
                       RemoteAddress address, byte[] bytes) {
    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(address, "address");
        bytes = bytes.clone();
        if (typeId < 0 || depth < 0) {
            throw new IllegalArgumentException("type id and depth must be >= 0");
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Variable v && name.equals(v.name) && kind == v.kind && typeId == v.typeId
                && depth == v.depth && location == v.location && address.equals(v.address)
                && Arrays.equals(bytes, v.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, typeId, depth, location, address) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Variable[" + name + ", " + kind + ", type " + typeId + ", depth " + depth + ", " + location
                + " " + address + ", " + bytes.length + " bytes]";
    }
}
