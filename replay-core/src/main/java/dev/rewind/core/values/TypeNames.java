/*
 * TypeNames: the C spelling of a type, as a variables view shows it: "int", "struct point *",
 * "const char *", "int [10]", "my_typedef".
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;

final class TypeNames {
    private static final int MAX_DEPTH = 16;

    private TypeNames() {
    }

    static String name(ValueSource source, int id) throws AgentException {
        return name(source, id, 0);
    }

    private static String name(ValueSource source, int id, int depth) throws AgentException {
        if (id == 0) {
            return "void";
        }
        if (depth > MAX_DEPTH) {
            return "...";
        }
        TypeInfo t = source.type(id);
        return switch (t.kind()) {
            case POINTER -> pointerTo(source, t.target(), depth, source.cxx(id).reference());
            case ARRAY -> arrayOf(source, t, depth);
            case CONST -> "const " + name(source, t.target(), depth + 1);
            case VOLATILE -> "volatile " + name(source, t.target(), depth + 1);
            case FUNCTION -> t.name().isEmpty() ? "function" : t.name();
            case STRUCT -> t.name().isEmpty() ? "struct {...}" : t.name();
            case UNION -> t.name().isEmpty() ? "union {...}" : t.name();
            case ENUM -> t.name().isEmpty() ? "enum {...}" : t.name();
            case VOID -> "void";
            default -> t.name().isEmpty() ? t.kind().name().toLowerCase() : t.name();
        };
    }

    /** "T *", or for C++ references (reference 1 or 2) "T &" and "T &&". */
    private static String pointerTo(ValueSource source, int target, int depth, int reference) throws AgentException {
        String inner = name(source, target, depth + 1);
        String sigil = reference == 1 ? "&" : reference == 2 ? "&&" : "*";
        return inner.endsWith("*") ? inner + sigil : inner + " " + sigil;
    }

    private static String arrayOf(ValueSource source, TypeInfo array, int depth) throws AgentException {
        StringBuilder dims = new StringBuilder();
        TypeInfo t = array;
        while (t.kind() == TypeKind.ARRAY) {
            dims.append('[').append(t.count() == 0 ? "" : Long.toString(t.count())).append(']');
            if (t.target() == 0) {
                return "void " + dims;
            }
            TypeInfo next = source.type(t.target());
            if (next.kind() != TypeKind.ARRAY) {
                return name(source, t.target(), depth + 1) + " " + dims;
            }
            t = next;
        }
        throw new AssertionError("unreachable");
    }
}
