/*
 * TypeKind: the kinds of C types the agent describes (TYPE_INFO.kind).
 */
package dev.rewind.core.session;

public enum TypeKind {
    VOID, SIGNED_INT, UNSIGNED_INT, CHAR, UNSIGNED_CHAR, BOOL, FLOAT, POINTER, ARRAY, STRUCT, UNION, ENUM,
    TYPEDEF, FUNCTION, CONST, VOLATILE, UNKNOWN;

    /** The number on the wire: the ordinal, as protocol/wire-protocol.md lists them. */
    public int wire() {
        return ordinal();
    }

    public static TypeKind ofWire(int wire) {
        if (wire < 0 || wire >= values().length) {
            throw new IllegalArgumentException("unknown type kind " + wire);
        }
        return values()[wire];
    }

    /** Kinds that only qualify or rename another type (their target). */
    public boolean isTransparent() {
        return this == TYPEDEF || this == CONST || this == VOLATILE;
    }
}
