/*
 * HostileTraceReaderTest: the Java reader treats a trace as hostile input: a FIFO, a link or a
 * folder in place of a file is refused at once and named; a header past its bound, an implausible
 * page size and forged block sizes (checksums right) are refused before they decide an allocation;
 * validateForReplay refuses a missing, linked or FIFO blob and accepts an intact one (the agent
 * checks blob content against the names: HostileTraceTest, native test_trace_files).
 */
package dev.rewind.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostileTraceReaderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private void writeSample() throws Exception {
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), SampleEvents.all(), 7);
    }

    private String refusal(ThrowingCall call) {
        return assertTimeoutPreemptively(TIMEOUT, () -> assertThrows(TraceException.class, call::run).getMessage());
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    private void mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        assertTrue(mk.waitFor(30, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo " + p);
    }

    @Test
    void specialFilesInPlaceOfHeaderOrEventsAreRefusedNamed() throws Exception {
        for (String file : List.of("header", "events")) {
            writeSample();
            Files.delete(dir.resolve(file));
            mkfifo(dir.resolve(file));
            String fifo = refusal(() -> TraceReader.validate(dir));
            assertTrue(fifo.contains("trace file " + file) && fifo.contains("a FIFO"), fifo);

            Files.delete(dir.resolve(file));
            Files.createSymbolicLink(dir.resolve(file), Path.of("/etc/passwd"));
            String link = refusal(() -> TraceReader.validate(dir));
            assertTrue(link.contains("trace file " + file) && link.contains("symbolic link"), link);

            Files.delete(dir.resolve(file));
            Files.createDirectory(dir.resolve(file));
            String folder = refusal(() -> TraceReader.validate(dir));
            assertTrue(folder.contains("trace file " + file) && folder.contains("a folder"), folder);
            Files.delete(dir.resolve(file));
        }
    }

    @Test
    void aTraceFolderReachedThroughALinkIsRead() throws Exception {
        writeSample();
        Path link = dir.resolveSibling(dir.getFileName() + "-link");
        Files.createSymbolicLink(link, dir);
        try {
            assertEquals(7, TraceReader.validate(link).eventCount());
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void aHeaderPastItsBoundIsRefusedBeforeItIsRead() throws Exception {
        writeSample();
        try (FileChannel ch = FileChannel.open(dir.resolve("header"), StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(new byte[] {0}), TraceFormat.HEADER_MAX_SIZE); // sparse: 16 MiB + 1
        }
        String msg = refusal(() -> TraceReader.validate(dir));
        assertTrue(msg.contains("corrupted"), msg);
    }

    @Test
    void implausiblePageSizesAreRefused() throws Exception {
        for (int pageSize : new int[] {0, -1, 2048, 4096 * 3, 1 << 31}) {
            writeSample();
            byte[] h = Files.readAllBytes(dir.resolve("header"));
            ByteBuffer bb = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
            bb.putInt(16, pageSize);
            bb.putInt(h.length - 4, TestTraceWriter.crc(h, 0, h.length - 4));
            Files.write(dir.resolve("header"), h);
            String msg = refusal(() -> TraceReader.validate(dir));
            assertTrue(msg.contains("page size " + Integer.toUnsignedString(pageSize)), msg);
        }
    }

    /** The sample trace with the u32 at {@code offset} of its single block header forged, crc right. */
    private void forgeBlock(int offset, int value) throws Exception {
        writeSample();
        byte[] events = Files.readAllBytes(dir.resolve("events"));
        ByteBuffer bb = ByteBuffer.wrap(events).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(offset, value);
        bb.putInt(28, TestTraceWriter.crc(events, 0, 28));
        Files.write(dir.resolve("events"), events);
    }

    @Test
    void forgedBlockSizesAreRefusedBeforeTheyDecideAnAllocation() throws Exception {
        forgeBlock(12, 0x7fffffff); // event_count
        assertTrue(refusal(() -> TraceReader.validate(dir)).contains("implausible block sizes"));
        forgeBlock(8, 0x3fffffff); // raw_len within the bound, but not what the frame holds
        assertTrue(refusal(() -> TraceReader.validate(dir)).contains("block header says"));
        forgeBlock(4, 0x7fffffff); // compressed_len
        assertTrue(refusal(() -> TraceReader.validate(dir)).contains("implausible block sizes"));
    }

    /** A trace whose exec maps one blob holding {@code content}, written under its SHA-256 name. */
    private String writeTraceWithBlob(byte[] content) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        ExecEvent sample = SampleEvents.exec(0);
        List<MemoryRegion> regions = new ArrayList<>();
        for (MemoryRegion r : sample.regions()) {
            regions.add(r.blob().isEmpty() ? r : new MemoryRegion(r.start(), r.end(), r.prot(), r.flags(), r.name(),
                    Optional.of(new BlobRef(hash, 0)), r.chunks()));
        }
        ExecEvent exec = new ExecEvent(sample.index(), sample.path(), sample.registers(), sample.fpRegisters(),
                sample.ignoredSignals(), sample.blockedSignals(), regions);
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), List.of(exec), 1);
        Files.createDirectories(dir.resolve("blobs"));
        Files.write(dir.resolve("blobs/" + hash), content);
        return "blobs/" + hash;
    }

    @Test
    void validateForReplayChecksEveryBlobIsARegularFile() throws Exception {
        byte[] content = "the bytes of a mapped file\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        String blob = writeTraceWithBlob(content);
        assertEquals(1, TraceReader.validateForReplay(dir).eventCount());

        Files.delete(dir.resolve(blob));
        assertEquals(1, TraceReader.validate(dir).eventCount(), "validate alone looks at no blob");

        String missing = refusal(() -> TraceReader.validateForReplay(dir));
        assertTrue(missing.contains(blob) && missing.contains("missing"), missing);

        Files.createSymbolicLink(dir.resolve(blob), Path.of("/etc/passwd"));
        String link = refusal(() -> TraceReader.validateForReplay(dir));
        assertTrue(link.contains(blob) && link.contains("symbolic link"), link);

        Files.delete(dir.resolve(blob));
        mkfifo(dir.resolve(blob));
        String fifo = refusal(() -> TraceReader.validateForReplay(dir));
        assertTrue(fifo.contains(blob) && fifo.contains("FIFO"), fifo);
    }
}
