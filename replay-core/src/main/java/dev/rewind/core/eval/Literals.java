/*
 * Literals: integer and floating literals as C types them: an unsuffixed decimal is the first of
 * int, long, long long that holds it (hex and octal may also become unsigned), suffixes u, l, ll
 * and f, l narrow the choice (C11 6.4.4.1, 6.4.4.2).
 */
package dev.rewind.core.eval;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

final class Literals {
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern HEX_FLOAT = Pattern.compile("0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");

    private Literals() {
    }

    static Expr.IntLiteral integer(String text, int column) throws EvalException {
        String lower = text.toLowerCase(Locale.ROOT);
        int end = lower.length();
        while (end > 0 && (lower.charAt(end - 1) == 'u' || lower.charAt(end - 1) == 'l')) {
            end--;
        }
        String suffix = lower.substring(end);
        String digits = lower.substring(0, end);
        int radix = 10;
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0b")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        BigInteger value;
        try {
            value = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw new EvalException("'" + text + "' is not a valid number (column " + column + ")");
        }
        List<BaseType> candidates = candidates(suffix, radix != 10, text, column);
        for (BaseType t : candidates) {
            if (fits(value, t)) {
                return new Expr.IntLiteral(value, t);
            }
        }
        throw new EvalException("the integer literal " + text + " is too large (column " + column + ")");
    }

    private static List<BaseType> candidates(String suffix, boolean mayBeUnsigned, String text, int column)
            throws EvalException {
        switch (suffix) {
            case "":
                return mayBeUnsigned
                        ? List.of(BaseType.INT, BaseType.UNSIGNED_INT, BaseType.LONG, BaseType.UNSIGNED_LONG)
                        : List.of(BaseType.INT, BaseType.LONG);
            case "u":
                return List.of(BaseType.UNSIGNED_INT, BaseType.UNSIGNED_LONG);
            case "l":
                return mayBeUnsigned ? List.of(BaseType.LONG, BaseType.UNSIGNED_LONG) : List.of(BaseType.LONG);
            case "ul": case "lu":
                return List.of(BaseType.UNSIGNED_LONG);
            case "ll":
                return mayBeUnsigned ? List.of(BaseType.LONG_LONG, BaseType.UNSIGNED_LONG_LONG)
                        : List.of(BaseType.LONG_LONG);
            case "ull": case "llu":
                return List.of(BaseType.UNSIGNED_LONG_LONG);
            default:
                throw new EvalException("'" + text + "' has an invalid suffix (column " + column + ")");
        }
    }

    private static boolean fits(BigInteger v, BaseType t) {
        int bits = t.size * 8 - (t.isSigned() ? 1 : 0);
        return v.bitLength() <= bits;
    }

    static Expr.FloatLiteral floating(String text, int column) throws EvalException {
        String body = text;
        BaseType type = BaseType.DOUBLE;
        char last = Character.toLowerCase(text.charAt(text.length() - 1));
        boolean hex = text.startsWith("0x") || text.startsWith("0X");
        if (last == 'f' && !hex || last == 'f' && hex && text.toLowerCase(Locale.ROOT).contains("p")) {
            type = BaseType.FLOAT;
            body = text.substring(0, text.length() - 1);
        } else if (last == 'l') {
            type = BaseType.LONG_DOUBLE;
            body = text.substring(0, text.length() - 1);
        }
        boolean valid = hex ? HEX_FLOAT.matcher(body).matches() : DECIMAL_FLOAT.matcher(body).matches();
        if (!valid) {
            throw new EvalException("'" + text + "' is not a valid number (column " + column + ")");
        }
        double v = Double.parseDouble(body);
        return new Expr.FloatLiteral(type == BaseType.FLOAT ? (float) v : v, type);
    }
}
