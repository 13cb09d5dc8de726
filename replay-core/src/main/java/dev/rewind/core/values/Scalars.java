/*
 * Scalars: C scalar values from their little-endian bytes: integers of every size and signedness,
 * characters (97 'a'), bools, floats, doubles and x87 long doubles, bitfields.
 */
package dev.rewind.core.values;

import java.math.BigInteger;

final class Scalars {
    private Scalars() {
    }

    /** The integer in {@code bytes} (1, 2, 4, 8 or 16 of them), sign-extended when {@code signed}. */
    static BigInteger integer(byte[] bytes, boolean signed) {
        byte[] be = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            be[i] = bytes[bytes.length - 1 - i];
        }
        return signed ? new BigInteger(be.length == 0 ? new byte[1] : be) : new BigInteger(1, be);
    }

    /** Bits [bitOffset, bitOffset + bitSize) of the little-endian {@code bytes}, sign-extended when signed. */
    static BigInteger bitfield(byte[] bytes, int bitOffset, int bitSize, boolean signed) {
        BigInteger raw = integer(bytes, false).shiftRight(bitOffset);
        BigInteger mask = BigInteger.ONE.shiftLeft(bitSize).subtract(BigInteger.ONE);
        BigInteger v = raw.and(mask);
        if (signed && bitSize > 0 && v.testBit(bitSize - 1)) {
            v = v.subtract(BigInteger.ONE.shiftLeft(bitSize));
        }
        return v;
    }

    /** A character as gdb shows it: 97 'a', 10 '\n', 0 '\0', -61 '\303'. */
    static String character(long code, boolean signed) {
        long v = signed ? (byte) code : code & 0xff;
        return v + " " + quoteChar((int) (code & 0xff), '\'');
    }

    static String quoteChar(int c, char quote) {
        String body = switch (c) {
            case 0 -> "\\0";
            case 7 -> "\\a";
            case 8 -> "\\b";
            case 9 -> "\\t";
            case 10 -> "\\n";
            case 11 -> "\\v";
            case 12 -> "\\f";
            case 13 -> "\\r";
            case 27 -> "\\033";
            case '\\' -> "\\\\";
            default -> {
                if (c == quote) {
                    yield "\\" + quote;
                }
                yield c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\%03o", c);
            }
        };
        return quote == '\'' ? "'" + body + "'" : body;
    }

    /** Bytes up to the first NUL as a C string literal; {@code truncated} adds "..." after it. */
    static String string(byte[] bytes, int length, boolean truncated) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < length; i++) {
            sb.append(quoteChar(bytes[i] & 0xff, '"'));
        }
        sb.append('"');
        if (truncated) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** A float of 4, 8, 10 or 16 bytes (the last two: x87 extended precision). */
    static String floating(byte[] bytes) {
        BigInteger bits = integer(bytes, false);
        return switch (bytes.length) {
            case 4 -> shortest(Float.intBitsToFloat(bits.intValue()));
            case 8 -> shortest(Double.longBitsToDouble(bits.longValue()));
            case 10, 12, 16 -> shortest(extended(bytes));
            default -> "<float of " + bytes.length + " bytes>";
        };
    }

    private static String shortest(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            return Float.isNaN(f) ? "nan" : (f > 0 ? "inf" : "-inf");
        }
        return trim(Float.toString(f));
    }

    private static String shortest(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "nan" : (d > 0 ? "inf" : "-inf");
        }
        return trim(Double.toString(d));
    }

    /** "2.0" → "2", "1.0E20" → "1e+20" (C's way of showing them). */
    private static String trim(String javaForm) {
        String s = javaForm;
        int e = s.indexOf('E');
        String exponent = "";
        if (e >= 0) {
            String exp = s.substring(e + 1);
            exponent = "e" + (exp.startsWith("-") ? exp : "+" + exp);
            s = s.substring(0, e);
        }
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        return s + exponent;
    }

    /** The x87 80-bit extended value (first 10 bytes), rounded to a double. */
    private static double extended(byte[] bytes) {
        long mantissa = 0;
        for (int i = 7; i >= 0; i--) {
            mantissa = (mantissa << 8) | (bytes[i] & 0xff);
        }
        int se = ((bytes[9] & 0xff) << 8) | (bytes[8] & 0xff);
        boolean negative = (se & 0x8000) != 0;
        int exponent = se & 0x7fff;
        double v;
        if (exponent == 0x7fff) {
            v = (mantissa << 1) == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (exponent == 0 && mantissa == 0) {
            v = 0.0;
        } else {
            // value = mantissa / 2^63 * 2^(exponent - 16383)
            double m = (mantissa >>> 11) * 0x1p-52; // top 53 bits as 1.xxx
            v = Math.scalb(m, exponent - 16383);
        }
        return negative ? -v : v;
    }
}
