/*
 * EventBlockReader: walks the `events` file of a trace block by block (docs/trace-format.md,
 * "events"): checks each block header and payload crc, decompresses the zstd frame and decodes
 * its events. A block cut off by the end of the file marks the recording as cut short.
 */
package dev.rewind.core.trace;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

final class EventBlockReader implements AutoCloseable {
    private final FileChannel channel;
    private final long fileSize;
    private long offset;
    private long nextEvent;
    private boolean cutShort;
    private boolean finished;

    /** Reads the events file open on {@code channel} (TraceFileOpener opened it); closes it when closed. */
    EventBlockReader(FileChannel channel) throws IOException {
        this.channel = channel;
        this.fileSize = channel.size();
    }

    /** The next block's events, or null at the end of the log (then see {@link #cutShort()}). */
    List<TraceEvent> nextBlock() throws TraceException {
        if (finished) {
            return null;
        }
        long blockStart = offset;
        long left = fileSize - blockStart;
        if (left == 0) {
            finished = true;
            return null;
        }
        if (left < TraceFormat.BLOCK_HEADER_SIZE) {
            return truncated();
        }
        try {
            byte[] header = read(blockStart, TraceFormat.BLOCK_HEADER_SIZE);
            if (!Arrays.equals(header, 0, 4, TraceFormat.BLOCK_MAGIC, 0, 4)) {
                throw corrupted(blockStart, "bad block magic");
            }
            ByteCursor in = new ByteCursor(header, "block header");
            in.skip(4);
            int compressedLen = in.u32Bits();
            int rawLen = in.u32Bits();
            int eventCount = in.u32Bits();
            long firstEvent = in.u64();
            int payloadCrc = in.u32Bits();
            int headerCrc = in.u32Bits();
            if (crc(header, 0, 28) != headerCrc) {
                throw corrupted(blockStart, "block header crc mismatch");
            }
            if (compressedLen < 0 || compressedLen > TraceFormat.BLOCK_MAX_COMPRESSED
                    || rawLen < 0 || rawLen > TraceFormat.BLOCK_MAX_RAW || eventCount < 0
                    || eventCount > rawLen / TraceFormat.EVENT_MIN_SIZE) {
                throw corrupted(blockStart, "implausible block sizes (compressed " + Integer.toUnsignedString(compressedLen)
                        + ", raw " + Integer.toUnsignedString(rawLen) + ", events " + Integer.toUnsignedString(eventCount) + ")");
            }
            if (firstEvent != nextEvent) {
                throw corrupted(blockStart, "first event is " + firstEvent + ", expected " + nextEvent);
            }
            if (left - TraceFormat.BLOCK_HEADER_SIZE < compressedLen) {
                return truncated();
            }
            byte[] payload = read(blockStart + TraceFormat.BLOCK_HEADER_SIZE, compressedLen);
            if (crc(payload, 0, payload.length) != payloadCrc) {
                throw corrupted(blockStart, "payload crc mismatch");
            }
            byte[] raw = decompress(blockStart, payload, rawLen);
            List<TraceEvent> events;
            try {
                events = EventDecoder.decodeBlock(raw, firstEvent, eventCount);
            } catch (TraceException e) {
                throw corrupted(blockStart, e.getMessage());
            }
            offset = blockStart + TraceFormat.BLOCK_HEADER_SIZE + compressedLen;
            nextEvent = firstEvent + eventCount;
            return events;
        } catch (IOException e) {
            throw new TraceException("cannot read trace events: " + e.getMessage(), e);
        }
    }

    /** True when the log ended in a block cut off by the end of the file. */
    boolean cutShort() {
        return cutShort;
    }

    /** Byte offset just past the last complete block. */
    long validBytes() {
        return offset;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private List<TraceEvent> truncated() {
        cutShort = true;
        finished = true;
        return null;
    }

    private byte[] decompress(long blockStart, byte[] payload, int rawLen) throws TraceException {
        // The frame states its own size (the writer's zstd records it): both must agree before
        // raw_len decides an allocation.
        long declared = Zstd.getFrameContentSize(payload);
        if (declared < 0) {
            throw corrupted(blockStart, "payload is not a zstd frame stating its size");
        }
        if (declared != rawLen) {
            throw corrupted(blockStart, "payload frame holds " + declared + " bytes, block header says " + rawLen);
        }
        byte[] raw = new byte[rawLen];
        long size;
        try {
            size = Zstd.decompressByteArray(raw, 0, rawLen, payload, 0, payload.length);
        } catch (RuntimeException e) {
            throw corrupted(blockStart, "payload does not decompress (" + e.getMessage() + ")");
        }
        if (Zstd.isError(size)) {
            throw corrupted(blockStart, "payload does not decompress (" + Zstd.getErrorName(size) + ")");
        }
        if (size != rawLen) {
            throw corrupted(blockStart, "payload decompresses to " + size + " bytes, expected " + rawLen);
        }
        return raw;
    }

    private byte[] read(long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buf.array();
    }

    private static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    private static TraceException corrupted(long blockStart, String why) {
        return new TraceException("trace events are corrupted at block starting at byte " + blockStart + ": " + why);
    }
}
