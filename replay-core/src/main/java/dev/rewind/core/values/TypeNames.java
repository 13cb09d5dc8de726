/*
 * TypeNames: the C spelling of a type, as gdb's whatis shows it: "int", "struct point *",
 * "const char *", "cJSON * const", "const void * const[85]", "int (*)[10]", "int [3][4]".
 * A type is spelled as a C declaration without its name: the base type with its qualifiers in
 * front, then the declarator built from the outside in (pointers prefix it with '*' and their own
 * qualifiers after the '*', arrays and functions suffix it, parenthesised when it starts with '*').
 * A function type lists its parameters as gdb does: "int (int, char **)", "int (*)(void)",
 * "int (const char *, ...)"; one the program has no debug information for has gdb's own name.
 * C++ classes are named as gdb's libstdc++ type printers name them (CxxTypeNames).
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.util.Set;
import java.util.TreeSet;

final class TypeNames {
    private static final int MAX_DEPTH = 32;

    private TypeNames() {
    }

    static String name(ValueSource source, int id) throws AgentException {
        String declarator = "";
        Set<String> qualifiers = new TreeSet<>(); // "const" before "volatile", as gdb writes them
        int current = id;
        for (int depth = 0; depth <= MAX_DEPTH; depth++) {
            if (current == 0) {
                return spell(qualified(qualifiers, "void"), declarator);
            }
            TypeInfo t = source.type(current);
            switch (t.kind()) {
                case CONST -> qualifiers.add("const");
                case VOLATILE -> qualifiers.add("volatile");
                case POINTER -> {
                    if (!t.name().isEmpty()) { // a Rust pointer type has its own name: "&i32", "Box<i32, ...>"
                        return spell(qualified(qualifiers, t.name()), declarator);
                    }
                    declarator = pointer(sigil(source.cxx(current).reference()), qualifiers, declarator);
                    qualifiers.clear();
                }
                // qualifiers of an array or function type apply to its elements / are meaningless
                case ARRAY -> declarator = suffixed(declarator,
                        "[" + (t.count() == 0 ? "" : Long.toString(t.count())) + "]");
                case FUNCTION -> {
                    if (!t.name().isEmpty()) { // a made-up one: "<text variable, no debug info>"
                        return spell(t.name(), declarator);
                    }
                    declarator = suffixed(declarator, parameters(source, t));
                }
                default -> {
                    return spell(qualified(qualifiers, leaf(t)), declarator);
                }
            }
            current = t.target();
        }
        return spell("...", declarator);
    }

    /** "(int, char **)"; "(void)" for a prototype without parameters, "()" for an old-style C declaration. */
    private static String parameters(ValueSource source, TypeInfo function) throws AgentException {
        if (function.members().isEmpty()) {
            return function.count() == 1 ? "(void)" : "()";
        }
        StringBuilder b = new StringBuilder("(");
        for (TypeInfo.Member p : function.members()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(p.name().equals("...") ? "..." : name(source, p.typeId()));
        }
        return b.append(')').toString();
    }

    /** The name of a type that is not built from another one. */
    private static String leaf(TypeInfo t) {
        return switch (t.kind()) {
            case STRUCT -> t.name().isEmpty() ? "struct {...}" : CxxTypeNames.shown(t.name());
            case UNION -> t.name().isEmpty() ? "union {...}" : CxxTypeNames.shown(t.name());
            case ENUM -> t.name().isEmpty() ? "enum {...}" : CxxTypeNames.shown(t.name());
            case VOID -> "void";
            default -> t.name().isEmpty() ? t.kind().name().toLowerCase() : t.name();
        };
    }

    private static String qualified(Set<String> qualifiers, String base) {
        return qualifiers.isEmpty() ? base : String.join(" ", qualifiers) + " " + base;
    }

    /** "*", or for C++ references (reference kind 1 or 2) "&" and "&&". */
    private static String sigil(int reference) {
        return reference == 1 ? "&" : reference == 2 ? "&&" : "*";
    }

    /** A pointer (with its own qualifiers, written after the sigil) to what {@code declarator} declares. */
    private static String pointer(String sigil, Set<String> qualifiers, String declarator) {
        StringBuilder b = new StringBuilder(sigil);
        if (!qualifiers.isEmpty()) {
            b.append(' ').append(String.join(" ", qualifiers));
            if (boundLoosely(declarator)) {
                b.append(' ');
            }
        }
        return b.append(declarator).toString();
    }

    /** An array or function suffix: a pointer declarator binds looser, so it is parenthesised. */
    private static String suffixed(String declarator, String suffix) {
        return boundLoosely(declarator) ? "(" + declarator + ")" + suffix : declarator + suffix;
    }

    /** A pointer or reference declarator, which binds looser than an array or function suffix. */
    private static boolean boundLoosely(String declarator) {
        return declarator.startsWith("*") || declarator.startsWith("&");
    }

    private static String spell(String base, String declarator) {
        return declarator.isEmpty() ? base : base + " " + declarator;
    }
}
