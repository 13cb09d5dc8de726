/*
 * CTypes: questions the evaluator asks about a type id: the type itself through typedefs and
 * qualifiers, its size, its C spelling for messages, and which family it belongs to (integer,
 * floating, pointer, scalar, aggregate).
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import dev.rewind.core.values.ValueFormatter;

final class CTypes {
    private static final int MAX_CHAIN = 32;

    private final TypeTable table;
    private final ValueFormatter names;
    /** Where the evaluation reads memory: the replay (the table), or the world of the calls it made. */
    private dev.rewind.core.values.ValueSource memory;

    CTypes(TypeTable table) {
        this.table = table;
        this.names = new ValueFormatter(table);
        this.memory = table;
    }

    TypeTable table() {
        return table;
    }

    /** The types and the memory the evaluation reads now. */
    dev.rewind.core.values.ValueSource memory() {
        return memory;
    }

    /** From now on the evaluation reads the memory of the world its calls ran in. */
    void readFrom(dev.rewind.core.values.ValueSource callWorld) {
        this.memory = java.util.Objects.requireNonNull(callWorld, "callWorld");
    }

    /** The type itself, through typedef, const and volatile. */
    TypeInfo strip(int id) throws AgentException {
        TypeInfo t = table.type(id);
        for (int i = 0; i < MAX_CHAIN && t.kind().isTransparent(); i++) {
            t = table.type(t.target());
        }
        return t;
    }

    /** Size in bytes; an array whose size the debug information leaves out is count × element. */
    long sizeOf(int id) throws AgentException {
        TypeInfo t = strip(id);
        if (t.size() > 0 || t.kind() != TypeKind.ARRAY || t.target() == 0) {
            return t.size();
        }
        return t.count() * sizeOf(t.target());
    }

    String name(int id) throws AgentException {
        return names.typeName(id);
    }

    static boolean isInteger(TypeInfo t) {
        return switch (t.kind()) {
            case SIGNED_INT, UNSIGNED_INT, CHAR, UNSIGNED_CHAR, BOOL, ENUM -> true;
            default -> false;
        };
    }

    static boolean isFloating(TypeInfo t) {
        return t.kind() == TypeKind.FLOAT;
    }

    static boolean isPointer(TypeInfo t) {
        return t.kind() == TypeKind.POINTER;
    }

    static boolean isArithmetic(TypeInfo t) {
        return isInteger(t) || isFloating(t);
    }

    static boolean isScalar(TypeInfo t) {
        return isArithmetic(t) || isPointer(t);
    }

    static boolean isAggregate(TypeInfo t) {
        return t.kind() == TypeKind.STRUCT || t.kind() == TypeKind.UNION;
    }

    static boolean isSigned(TypeInfo t) {
        return switch (t.kind()) {
            case SIGNED_INT, CHAR -> true;
            case ENUM -> t.enumerators().stream().anyMatch(e -> e.value() < 0);
            default -> false;
        };
    }
}
