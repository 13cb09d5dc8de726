/*
 * SnapshotManifests: test-side reading and writing of snapshot manifests
 * (docs/snapshot-format.md, "On disk"), for forging damage a checksum cannot catch: a manifest is
 * cut into its parts, a part or a field of the body they make is changed, and the manifest is
 * written again with its CRC-32C recomputed. Also where the body's lengths and counts are (the
 * fields a length check must bound).
 */
package dev.rewind.dap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

final class SnapshotManifests {
    /** "RWSNAPM" and the version byte, u64 event: the part count follows. */
    static final int PART_COUNT_AT = 8 + 8;

    /** One part: literal bytes (page null), or a page by address and hash. */
    record Part(byte[] literal, long address, byte[] hash) {
        int bodyLength() {
            return literal != null ? literal.length : 4096;
        }
    }

    /** A manifest as its header (magic, version, event) and parts. */
    record Manifest(byte[] header, List<Part> parts) {
    }

    private SnapshotManifests() {
    }

    static Manifest parse(byte[] m) {
        ByteBuffer in = ByteBuffer.wrap(m, 0, m.length - 4).order(ByteOrder.LITTLE_ENDIAN);
        byte[] header = new byte[PART_COUNT_AT];
        in.get(header);
        int n = in.getInt();
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (in.get() == 0) {
                byte[] b = new byte[in.getInt()];
                in.get(b);
                parts.add(new Part(b, 0, null));
            } else {
                long address = in.getLong();
                byte[] h = new byte[32];
                in.get(h);
                parts.add(new Part(null, address, h));
            }
        }
        return new Manifest(header, parts);
    }

    static byte[] encode(Manifest m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(m.header());
        ByteBuffer b = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
        out.writeBytes(b.putInt(m.parts().size()).flip().array().clone());
        for (Part p : m.parts()) {
            b.clear();
            if (p.literal() != null) {
                b.put((byte) 0).putInt(p.literal().length);
                out.write(b.array(), 0, 5);
                out.writeBytes(p.literal());
            } else {
                b.put((byte) 1).putLong(p.address());
                out.write(b.array(), 0, 9);
                out.writeBytes(p.hash());
            }
        }
        return withCrc(out.toByteArray());
    }

    /** {@code bytes} with the CRC-32C of all of them appended. */
    static byte[] withCrc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        ByteBuffer out = ByteBuffer.allocate(bytes.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        return out.put(bytes).putInt((int) crc.getValue()).array();
    }

    /** A manifest whose last 4 bytes are made its right CRC-32C again. */
    static byte[] recrc(byte[] m) {
        byte[] body = java.util.Arrays.copyOf(m, m.length - 4);
        return withCrc(body);
    }

    /** The body the parts make, with each page as 4096 zero bytes (only the structure is read). */
    static byte[] skeleton(Manifest m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : m.parts()) {
            out.writeBytes(p.literal() != null ? p.literal() : new byte[4096]);
        }
        return out.toByteArray();
    }

    /**
     * Sets the u32 at body offset {@code at} (which lies in a literal part) to {@code value}.
     */
    static void setBodyU32(Manifest m, int at, int value) {
        int offset = 0;
        for (Part p : m.parts()) {
            int len = p.bodyLength();
            if (at >= offset && at + 4 <= offset + len) {
                if (p.literal() == null) {
                    throw new IllegalArgumentException("offset " + at + " is in a page");
                }
                ByteBuffer.wrap(p.literal()).order(ByteOrder.LITTLE_ENDIAN).putInt(at - offset, value);
                return;
            }
            offset += len;
        }
        throw new IllegalArgumentException("offset " + at + " is not within one literal part");
    }

    /** The body offsets of every u32 length and count of a snapshot body (format version 2). */
    static List<Integer> lengthFields(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> out = new ArrayList<>();
        in.position(56);
        skip(in, out); // xstate
        in.position(in.position() + 64 * 32 + 8 + 4 + 8);
        out.add(in.position());
        int names = in.getInt();
        for (int i = 0; i < 2 * names; i++) {
            skip(in, out);
        }
        out.add(in.position());
        int shared = in.getInt();
        for (int f = 0; f < shared; f++) {
            in.position(in.position() + 8 + 8 + 32 + 8);
            out.add(in.position());
            int chunks = in.getInt();
            for (int c = 0; c < chunks; c++) {
                in.position(in.position() + 8);
                skip(in, out);
            }
        }
        out.add(in.position()); // the image's length
        in.getInt();
        skip(in, out); // its path
        in.position(in.position() + 27 * 8 + 512 + 16);
        out.add(in.position());
        int regions = in.getInt();
        for (int r = 0; r < regions; r++) {
            in.position(in.position() + 8 + 8 + 4 + 4);
            skip(in, out); // name
            if (in.get() != 0) {
                in.position(in.position() + 32 + 8);
            }
            out.add(in.position());
            int chunks = in.getInt();
            for (int c = 0; c < chunks; c++) {
                in.position(in.position() + 8);
                skip(in, out);
            }
        }
        return out;
    }

    /** Notes the u32 length at the position and skips it and its bytes. */
    private static void skip(ByteBuffer in, List<Integer> fields) {
        fields.add(in.position());
        int n = in.getInt();
        in.position(in.position() + n);
    }
}
