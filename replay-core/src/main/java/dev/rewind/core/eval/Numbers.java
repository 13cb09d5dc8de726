/*
 * Numbers: C scalars to and from their little-endian bytes on x86-64: integers of 1 to 16 bytes
 * (wrapped to their width, as C converts), float, double, and the x87 80-bit long double (stored in
 * 16 bytes; computed with as a double).
 */
package dev.rewind.core.eval;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

final class Numbers {
    private Numbers() {
    }

    static BigInteger integer(byte[] bytes, boolean signed) {
        byte[] be = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            be[i] = bytes[bytes.length - 1 - i];
        }
        if (be.length == 0) {
            return BigInteger.ZERO;
        }
        return signed ? new BigInteger(be) : new BigInteger(1, be);
    }

    /** {@code v} reduced to {@code size} bytes, as C converts to an integer type of that width. */
    static BigInteger wrap(BigInteger v, int size, boolean signed) {
        int bits = size * 8;
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits);
        BigInteger u = v.mod(modulus);
        return signed && u.testBit(bits - 1) ? u.subtract(modulus) : u;
    }

    static byte[] bytes(BigInteger v, int size) {
        byte[] out = new byte[size];
        BigInteger u = v.mod(BigInteger.ONE.shiftLeft(size * 8));
        byte[] be = u.toByteArray();
        for (int i = 0; i < size && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    static double floating(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return switch (bytes.length) {
            case 4 -> b.getFloat();
            case 8 -> b.getDouble();
            default -> extended(bytes);
        };
    }

    static byte[] floatingBytes(double v, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        switch (size) {
            case 4 -> b.putFloat((float) v);
            case 8 -> b.putDouble(v);
            default -> {
                byte[] x = toExtended(v);
                b.put(x, 0, Math.min(x.length, size));
            }
        }
        return b.array();
    }

    /** The x87 extended value in the first 10 bytes, rounded to a double. */
    private static double extended(byte[] bytes) {
        if (bytes.length < 10) {
            return Double.NaN;
        }
        long mantissa = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int se = ((bytes[9] & 0xff) << 8) | (bytes[8] & 0xff);
        boolean negative = (se & 0x8000) != 0;
        int exponent = se & 0x7fff;
        double v;
        if (exponent == 0x7fff) {
            v = (mantissa << 1) == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (mantissa == 0) {
            v = 0.0;
        } else {
            v = Math.scalb((double) (mantissa >>> 11), exponent - 16383 - 52);
        }
        return negative ? -v : v;
    }

    /** A double as x87 extended precision (exact: every double is one). */
    private static byte[] toExtended(double v) {
        long bits = Double.doubleToRawLongBits(v);
        boolean negative = bits < 0;
        int exponent = (int) ((bits >>> 52) & 0x7ff);
        long fraction = bits & 0xfffffffffffffL;
        long mantissa;
        int e;
        if (exponent == 0x7ff) {
            e = 0x7fff;
            mantissa = 0x8000000000000000L | (fraction << 11);
        } else if (exponent == 0 && fraction == 0) {
            e = 0;
            mantissa = 0;
        } else if (exponent == 0) { // subnormal double: normalize
            int shift = Long.numberOfLeadingZeros(fraction) - 11;
            mantissa = fraction << (11 + shift);
            e = 1 - 1023 - shift + 16383;
        } else {
            mantissa = 0x8000000000000000L | (fraction << 11);
            e = exponent - 1023 + 16383;
        }
        ByteBuffer b = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(mantissa);
        b.putShort((short) (e | (negative ? 0x8000 : 0)));
        return b.array();
    }
}
