/*
 * ByteCursor: reads the little-endian fields of docs/trace-format.md from a byte array, with every
 * read bounds-checked so that a corrupted length becomes a TraceException, never a wild allocation.
 */
package dev.rewind.core.trace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

final class ByteCursor {
    private final ByteBuffer buffer;
    private final String what;

    /** Reads bytes [offset, offset+length) of {@code bytes}; {@code what} names them in errors. */
    ByteCursor(byte[] bytes, int offset, int length, String what) {
        this.buffer = ByteBuffer.wrap(bytes, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        this.what = what;
    }

    ByteCursor(byte[] bytes, String what) {
        this(bytes, 0, bytes.length, what);
    }

    int position() {
        return buffer.position();
    }

    int remaining() {
        return buffer.remaining();
    }

    void skip(int count) throws TraceException {
        need(count);
        buffer.position(buffer.position() + count);
    }

    int u8() throws TraceException {
        need(1);
        return buffer.get() & 0xff;
    }

    boolean bool() throws TraceException {
        int v = u8();
        if (v > 1) {
            throw new TraceException(what + ": boolean field holds " + v);
        }
        return v == 1;
    }

    /** A u32 as a non-negative int; refuses values above Integer.MAX_VALUE. */
    int u32() throws TraceException {
        need(4);
        int v = buffer.getInt();
        if (v < 0) {
            throw new TraceException(what + ": 32-bit field too large (" + Integer.toUnsignedString(v) + ")");
        }
        return v;
    }

    /** A u32 whose full unsigned range matters (flags, masks): the raw 32 bits. */
    int u32Bits() throws TraceException {
        need(4);
        return buffer.getInt();
    }

    int i32() throws TraceException {
        need(4);
        return buffer.getInt();
    }

    /** A u64 or i64: the raw 64 bits. */
    long u64() throws TraceException {
        need(8);
        return buffer.getLong();
    }

    byte[] bytes(int count) throws TraceException {
        if (count < 0) {
            throw new TraceException(what + ": negative length " + count);
        }
        need(count);
        byte[] out = new byte[count];
        buffer.get(out);
        return out;
    }

    String string() throws TraceException {
        int len = u32();
        return new String(bytes(len), StandardCharsets.UTF_8);
    }

    List<String> strings(int count) throws TraceException {
        List<String> out = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            out.add(string());
        }
        return out;
    }

    /** A SHA-256 as lowercase hex. */
    String hash() throws TraceException {
        return HexFormat.of().formatHex(bytes(TraceFormat.HASH_SIZE));
    }

    private void need(int count) throws TraceException {
        if (buffer.remaining() < count) {
            throw new TraceException(what + ": needs " + count + " more bytes at offset "
                    + buffer.position() + ", only " + buffer.remaining() + " left");
        }
    }
}
