/*
 * WireFields: the field encodings of protocol/wire-protocol.md shared by the codecs: a little-endian
 * writer for frame bodies, and readers that refuse values running past the frame.
 */
package dev.rewind.core.agent;

import dev.rewind.core.model.RemoteAddress;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

final class WireFields {
    private WireFields() {
    }

    /** Little-endian field writer for a frame body. */
    static final class Body {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body u8(int v) {
            out.write(v);
            return this;
        }

        Body u16(int v) {
            out.write(v);
            out.write(v >>> 8);
            return this;
        }

        Body u32(int v) {
            for (int i = 0; i < 4; i++) {
                out.write(v >>> (8 * i));
            }
            return this;
        }

        Body u64(long v) {
            for (int i = 0; i < 8; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Body bool(boolean v) {
            return u8(v ? 1 : 0);
        }

        Body string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            u32(bytes.length);
            out.write(bytes, 0, bytes.length);
            return this;
        }

        Body strings(List<String> list) {
            u32(list.size());
            list.forEach(this::string);
            return this;
        }

        /** u32 length + the bytes. */
        Body bytes(byte[] bytes) {
            u32(bytes.length);
            out.write(bytes, 0, bytes.length);
            return this;
        }

        Body raw(byte[] bytes) {
            out.write(bytes, 0, bytes.length);
            return this;
        }
    }

    static int u8(ByteBuffer in) {
        return Byte.toUnsignedInt(in.get());
    }

    static boolean bool(ByteBuffer in) throws WireFormatException {
        int v = u8(in);
        if (v > 1) {
            throw new WireFormatException("boolean field holds " + v);
        }
        return v == 1;
    }

    static RemoteAddress address(ByteBuffer in) {
        return RemoteAddress.of(in.getLong());
    }

    /** A u32 count of entries each at least minEntry bytes long, checked against what the frame holds. */
    static int count(ByteBuffer in, int minEntry, String what) throws WireFormatException {
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / Math.max(1, minEntry)) {
            throw new WireFormatException(what + " of " + Integer.toUnsignedString(count) + " entries runs past the frame");
        }
        return count;
    }

    /** u32 length + that many bytes. */
    static byte[] bytes(ByteBuffer in) throws WireFormatException {
        int len = in.getInt();
        return raw(in, len);
    }

    static byte[] raw(ByteBuffer in, int len) throws WireFormatException {
        if (len < 0 || len > in.remaining()) {
            throw new WireFormatException("byte field of " + Integer.toUnsignedString(len) + " bytes runs past the frame");
        }
        byte[] out = new byte[len];
        in.get(out);
        return out;
    }

    static String string(ByteBuffer in) throws WireFormatException {
        int len = in.getInt();
        if (len < 0 || len > in.remaining()) {
            throw new WireFormatException("string of " + Integer.toUnsignedString(len) + " bytes runs past the frame");
        }
        ByteBuffer bytes = in.slice().limit(len);
        in.position(in.position() + len);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException("string is not valid UTF-8");
        }
    }

    static List<String> strings(ByteBuffer in) throws WireFormatException {
        // Each string needs at least its 4-byte length: refuse counts the frame cannot hold.
        int count = count(in, 4, "string list");
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(string(in));
        }
        return out;
    }
}
