package dev.rewind.scenarios;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads and rewrites a trace folder's bytes, following docs/trace-format.md and nothing else (it
 * is deliberately independent of replay-core's reader), so tests can damage a trace in precise ways.
 */
final class TraceFiles {

    static final int BLOCK_HEADER = 32;
    static final int KIND_SYSCALL = 2;

    private TraceFiles() {}

    /** One complete block of the events file. */
    record Block(int offset, int compressedLen, int rawLen, int eventCount, long firstEvent) {
        int payloadOffset() {
            return offset + BLOCK_HEADER;
        }

        int end() {
            return payloadOffset() + compressedLen;
        }
    }

    /** One event inside a block's decompressed payload: {@code at} is where its u32 length starts. */
    record Event(long index, int kind, int at, int bodyLength) {
        int bodyOffset() {
            return at + 5;
        }
    }

    static int crc32c(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The complete blocks of an events file, in order; a cut-off block at the end is left out. */
    static List<Block> blocks(byte[] events) {
        List<Block> out = new ArrayList<>();
        ByteBuffer bb = le(events);
        int off = 0;
        while (off + BLOCK_HEADER <= events.length) {
            if (!"RWBK".equals(new String(events, off, 4, StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("no block magic at byte " + off);
            }
            int clen = bb.getInt(off + 4);
            Block b = new Block(off, clen, bb.getInt(off + 8), bb.getInt(off + 12), bb.getLong(off + 16));
            if (b.end() > events.length) {
                break;
            }
            out.add(b);
            off = b.end();
        }
        return out;
    }

    static byte[] decompress(byte[] events, Block b) {
        byte[] payload = new byte[b.compressedLen()];
        System.arraycopy(events, b.payloadOffset(), payload, 0, payload.length);
        byte[] raw = Zstd.decompress(payload, b.rawLen());
        if (raw.length != b.rawLen()) {
            throw new IllegalStateException("block at " + b.offset() + " decompressed to " + raw.length + " bytes");
        }
        return raw;
    }

    static List<Event> events(byte[] raw, Block b) {
        List<Event> out = new ArrayList<>();
        ByteBuffer bb = le(raw);
        int at = 0;
        long index = b.firstEvent();
        while (at < raw.length) {
            int len = bb.getInt(at);
            out.add(new Event(index++, raw[at + 4] & 0xff, at, len - 1));
            at += 4 + len;
        }
        if (out.size() != b.eventCount()) {
            throw new IllegalStateException("block at " + b.offset() + " holds " + out.size()
                    + " events, header says " + b.eventCount());
        }
        return out;
    }

    /** A whole block (header and payload) holding {@code raw}, compressed anew, with both crcs right. */
    static byte[] encodeBlock(byte[] raw, int eventCount, long firstEvent) {
        byte[] payload = Zstd.compress(raw, 1);
        byte[] block = new byte[BLOCK_HEADER + payload.length];
        ByteBuffer bb = le(block);
        block[0] = 'R';
        block[1] = 'W';
        block[2] = 'B';
        block[3] = 'K';
        bb.putInt(4, payload.length);
        bb.putInt(8, raw.length);
        bb.putInt(12, eventCount);
        bb.putLong(16, firstEvent);
        bb.putInt(24, crc32c(payload, 0, payload.length));
        bb.putInt(28, crc32c(block, 0, 28));
        System.arraycopy(payload, 0, block, BLOCK_HEADER, payload.length);
        return block;
    }

    /** The events file with {@code b} replaced by a block holding {@code raw}. */
    static byte[] replaceBlock(byte[] events, Block b, byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(events, 0, b.offset());
        out.writeBytes(encodeBlock(raw, b.eventCount(), b.firstEvent()));
        out.write(events, b.end(), events.length - b.end());
        return out.toByteArray();
    }

    /** A syscall event's number (u32 at the start of its body). */
    static int syscallNr(byte[] raw, Event e) {
        return le(raw).getInt(e.bodyOffset());
    }

    /** A syscall event's argument {@code i} (0..5), as recorded at entry. */
    static long syscallArg(byte[] raw, Event e, int i) {
        return le(raw).getLong(e.bodyOffset() + 4 + 8 * i);
    }

    static void setSyscallNr(byte[] raw, Event e, int nr) {
        le(raw).putInt(e.bodyOffset(), nr);
    }

    static void setSyscallArg(byte[] raw, Event e, int i, long value) {
        le(raw).putLong(e.bodyOffset() + 4 + 8 * i, value);
    }

    /** Sets the header's format_version and recomputes its crc, so only the version is "wrong". */
    static void setFormatVersion(Path header, int version) throws IOException {
        byte[] h = Files.readAllBytes(header);
        ByteBuffer bb = le(h);
        int len = bb.getInt(12);
        bb.putInt(8, version);
        bb.putInt(len - 4, crc32c(h, 0, len - 4));
        Files.write(header, h);
    }

    static int formatVersion(Path header) throws IOException {
        return le(Files.readAllBytes(header)).getInt(8);
    }

    /** Flips every bit of the byte at {@code offset} of {@code file}. */
    static void flipByte(Path file, int offset) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[offset] ^= (byte) 0xff;
        Files.write(file, b);
    }
}
