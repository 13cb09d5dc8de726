/*
 * BaseType: the C base types an expression can name or produce (x86-64 sizes), and the reading of
 * a list of specifier words ("unsigned", "long", "int" in any order) as one of them.
 */
package dev.rewind.core.eval;

import dev.rewind.core.session.TypeKind;
import java.util.List;

public enum BaseType {
    VOID("void", TypeKind.VOID, 0),
    BOOL("_Bool", TypeKind.BOOL, 1),
    CHAR("char", TypeKind.CHAR, 1),
    SIGNED_CHAR("signed char", TypeKind.CHAR, 1),
    UNSIGNED_CHAR("unsigned char", TypeKind.UNSIGNED_CHAR, 1),
    SHORT("short", TypeKind.SIGNED_INT, 2),
    UNSIGNED_SHORT("unsigned short", TypeKind.UNSIGNED_INT, 2),
    INT("int", TypeKind.SIGNED_INT, 4),
    UNSIGNED_INT("unsigned int", TypeKind.UNSIGNED_INT, 4),
    LONG("long", TypeKind.SIGNED_INT, 8),
    UNSIGNED_LONG("unsigned long", TypeKind.UNSIGNED_INT, 8),
    LONG_LONG("long long", TypeKind.SIGNED_INT, 8),
    UNSIGNED_LONG_LONG("unsigned long long", TypeKind.UNSIGNED_INT, 8),
    INT128("__int128", TypeKind.SIGNED_INT, 16),
    UNSIGNED_INT128("unsigned __int128", TypeKind.UNSIGNED_INT, 16),
    FLOAT("float", TypeKind.FLOAT, 4),
    DOUBLE("double", TypeKind.FLOAT, 8),
    LONG_DOUBLE("long double", TypeKind.FLOAT, 16);

    /** The words that may make up a base type's name. */
    static final List<String> WORDS = List.of("void", "_Bool", "char", "short", "int", "long", "float", "double",
            "signed", "unsigned", "__int128", "const", "volatile");

    public final String spelling;
    public final TypeKind kind;
    public final int size;

    BaseType(String spelling, TypeKind kind, int size) {
        this.spelling = spelling;
        this.kind = kind;
        this.size = size;
    }

    public boolean isSigned() {
        return kind == TypeKind.SIGNED_INT || kind == TypeKind.CHAR;
    }

    /** The base type the specifier words name (qualifiers ignored); fails on combinations C rejects. */
    static BaseType of(List<String> words) throws EvalException {
        int signed = 0, unsigned = 0, shorts = 0, longs = 0, ints = 0, chars = 0, others = 0;
        String other = null;
        for (String w : words) {
            switch (w) {
                case "signed" -> signed++;
                case "unsigned" -> unsigned++;
                case "short" -> shorts++;
                case "long" -> longs++;
                case "int" -> ints++;
                case "char" -> chars++;
                case "const", "volatile" -> { }
                default -> {
                    others++;
                    other = w;
                }
            }
        }
        String spelled = String.join(" ", words);
        boolean sign = signed + unsigned > 0;
        if (signed + unsigned > 1 || ints > 1 || chars > 1 || others > 1 || shorts > 1 || longs > 2
                || (shorts > 0 && longs > 0)) {
            throw new EvalException("'" + spelled + "' is not a type");
        }
        if (others == 1) {
            if (ints + chars + shorts > 0) {
                throw new EvalException("'" + spelled + "' is not a type");
            }
            return switch (other) {
                case "void" -> plain(VOID, sign || longs > 0, spelled);
                case "_Bool" -> plain(BOOL, sign || longs > 0, spelled);
                case "float" -> plain(FLOAT, sign || longs > 0, spelled);
                case "double" -> longs == 1 && !sign ? LONG_DOUBLE : plain(DOUBLE, sign || longs > 0, spelled);
                case "__int128" -> longs > 0 ? plain(INT128, true, spelled) : unsigned > 0 ? UNSIGNED_INT128 : INT128;
                default -> throw new EvalException("'" + spelled + "' is not a type");
            };
        }
        if (chars == 1) {
            if (ints + shorts + longs > 0) {
                throw new EvalException("'" + spelled + "' is not a type");
            }
            return unsigned > 0 ? UNSIGNED_CHAR : signed > 0 ? SIGNED_CHAR : CHAR;
        }
        if (shorts == 1) {
            return unsigned > 0 ? UNSIGNED_SHORT : SHORT;
        }
        if (longs == 2) {
            return unsigned > 0 ? UNSIGNED_LONG_LONG : LONG_LONG;
        }
        if (longs == 1) {
            return unsigned > 0 ? UNSIGNED_LONG : LONG;
        }
        if (ints + signed + unsigned == 0) {
            throw new EvalException("'" + spelled + "' is not a type");
        }
        return unsigned > 0 ? UNSIGNED_INT : INT;
    }

    private static BaseType plain(BaseType t, boolean modified, String spelled) throws EvalException {
        if (modified) {
            throw new EvalException("'" + spelled + "' is not a type");
        }
        return t;
    }
}
