/*
 * TestTraceWriter: writes trace folders byte by byte as docs/trace-format.md lays them out, so the
 * reader and dump can be tested without the native recorder, including corrupted and cut-short
 * traces (the raw pieces are exposed for tests to damage).
 */
package dev.rewind.core.trace;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

final class TestTraceWriter {
    private TestTraceWriter() {
    }

    static TraceHeader sampleHeader() {
        return new TraceHeader(1, 4096, 1_700_000_000_123_456_789L, "6.18.44-fc-v669", "x86_64",
                "Test CPU @ 2.0GHz", "/bin/echo", List.of("echo", "hi"));
    }

    /** Writes header and events (in blocks of the given sizes) into {@code dir}. */
    static void write(Path dir, TraceHeader header, List<TraceEvent> events, int... blockSizes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("header"), header(header, header.formatVersion()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int at = 0;
        for (int size : blockSizes) {
            log.writeBytes(block(events.subList(at, at + size), at));
            at += size;
        }
        if (at != events.size()) {
            throw new IllegalArgumentException("block sizes cover " + at + " of " + events.size() + " events");
        }
        Files.write(dir.resolve("events"), log.toByteArray());
    }

    static byte[] header(TraceHeader h, int version) {
        Bytes b = new Bytes();
        b.raw("RWNDTRC\0".getBytes(StandardCharsets.US_ASCII)).u32(version).u32(0).u32(h.pageSize()).u32(0)
                .u64(h.createdNs()).string(h.kernel()).string(h.machine()).string(h.cpuModel()).string(h.program())
                .u32(h.argv().size());
        h.argv().forEach(b::string);
        byte[] body = b.toArray();
        int length = body.length + 4;
        body[12] = (byte) length;
        body[13] = (byte) (length >> 8);
        body[14] = (byte) (length >> 16);
        body[15] = (byte) (length >> 24);
        return new Bytes().raw(body).u32(crc(body, 0, body.length)).toArray();
    }

    /** One block holding {@code events}, the first numbered {@code first}. */
    static byte[] block(List<TraceEvent> events, long first) {
        Bytes raw = new Bytes();
        events.forEach(e -> raw.raw(event(e)));
        return blockOfPayload(raw.toArray(), events.size(), first);
    }

    static byte[] blockOfPayload(byte[] raw, int eventCount, long first) {
        byte[] compressed = Zstd.compress(raw, 1);
        Bytes h = new Bytes().raw("RWBK".getBytes(StandardCharsets.US_ASCII)).u32(compressed.length).u32(raw.length)
                .u32(eventCount).u64(first).u32(crc(compressed, 0, compressed.length));
        byte[] head = h.toArray();
        return new Bytes().raw(head).u32(crc(head, 0, head.length)).raw(compressed).toArray();
    }

    /** u32 body_length, u8 kind, body. */
    static byte[] event(TraceEvent e) {
        Bytes body = new Bytes();
        if (e instanceof ExecEvent x) {
            body.u8(1).string(x.path());
            x.registers().values().forEach(body::u64);
            body.raw(x.fpRegisters()).u64(x.ignoredSignals()).u64(x.blockedSignals()).u32(x.regions().size());
            for (MemoryRegion r : x.regions()) {
                body.u64(r.start().value()).u64(r.end().value()).u32(r.prot()).u32(r.flags()).string(r.name());
                blob(body, r.blob().orElse(null));
                chunks(body, r.chunks());
            }
        } else if (e instanceof SyscallEvent s) {
            body.u8(2).u32(s.number());
            s.args().forEach(body::u64);
            body.u64(s.result()).u32(s.flags());
            blob(body, s.blob().orElse(null));
            chunks(body, s.writes());
        } else if (e instanceof SignalEvent s) {
            body.u8(3).u32(s.signo()).u8(s.synchronous() ? 1 : s.point().isPresent() ? 2 : 0).raw(s.siginfo());
            if (s.point().isPresent()) {
                for (long reg : s.point().get().registers()) {
                    body.u64(reg);
                }
                body.u64(s.point().get().stackHash()).u8(s.point().get().stackReadable() ? 1 : 0)
                        .u32(s.point().get().stack().length).raw(s.point().get().stack())
                        .u64(s.point().get().userCpuNanos());
            }
        } else if (e instanceof RdtscEvent r) {
            body.u8(4).u8(r.rdtscp() ? 1 : 0).u64(r.tsc()).u32(r.aux());
        } else if (e instanceof OutputEvent o) {
            body.u8(5).u8(o.stream().code).u32(o.pid()).u32(o.bytes().length).raw(o.bytes());
        } else if (e instanceof ExitEvent x) {
            body.u8(6).u32(x.status().raw());
        } else if (e instanceof StopEvent s) {
            body.u8(7).string(s.reason());
        }
        return withLength(body.toArray());
    }

    /** Prefixes {@code kindAndBody} with its u32 length. */
    static byte[] withLength(byte[] kindAndBody) {
        return new Bytes().u32(kindAndBody.length).raw(kindAndBody).toArray();
    }

    private static void blob(Bytes b, BlobRef blob) {
        if (blob == null) {
            b.u8(0);
        } else {
            b.u8(1).raw(HexFormat.of().parseHex(blob.sha256())).u64(blob.offset());
        }
    }

    private static void chunks(Bytes b, List<MemoryChunk> chunks) {
        b.u32(chunks.size());
        for (MemoryChunk c : chunks) {
            b.u64(c.address().value()).u32(c.length()).raw(c.bytes());
        }
    }

    static int crc(byte[] bytes, int from, int length) {
        CRC32C c = new CRC32C();
        c.update(bytes, from, length);
        return (int) c.getValue();
    }

    /** Little-endian byte builder. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u32(int v) {
            for (int i = 0; i < 4; i++) {
                out.write(v >>> (8 * i));
            }
            return this;
        }

        Bytes u64(long v) {
            for (int i = 0; i < 8; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Bytes raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Bytes string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u32(b.length).raw(b);
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
