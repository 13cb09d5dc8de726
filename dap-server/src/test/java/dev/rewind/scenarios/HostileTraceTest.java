package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertOneLineMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces treated as hostile input by `rewind replay` and `rewind dump`: a blob with a byte flipped,
 * with another blob's content, or missing is refused before the program prints anything; a FIFO,
 * a link (inside or outside the trace), a folder or a link to a device in place of the header, the
 * events or a blob is refused at once with one line naming the file, never followed and never a
 * hang; so is a link in place of `blobs/`. A trace folder reached through a link replays. Forged
 * lengths with valid checksums (page size 0 or 0xFFFFFFFF, a block claiming 2 GiB) are refused
 * without allocating what they claim. Every run leaves no process behind.
 */
class HostileTraceTest {

    @TempDir
    static Path shared;
    static Path pristine;
    static RunResult original;

    @TempDir
    Path tmp;

    @BeforeAll
    static void recordOnce() {
        pristine = shared.resolve("pids-trace");
        RunResult recorded = ScenarioRunner.record(pristine, new byte[0], ScenarioRunner.scenario("pids").toString());
        assertEquals(0, recorded.exitCode(), recorded::describe);
        original = HostileTraces.rewind(shared, "replay", pristine.toString());
        ReplayAssertions.assertReplayMatches(recorded, original, "replay of the pristine trace");
    }

    private Path copy(String name) throws IOException {
        return HostileTraces.copy(pristine, tmp.resolve(name));
    }

    /** `rewind replay` refuses the trace before the program prints anything: 125, one line holding all of {@code parts}. */
    private String assertReplayRefused(Path trace, String... parts) {
        RunResult r = HostileTraces.rewind(tmp, "replay", trace.toString());
        assertEquals(125, r.exitCode(), r::describe);
        String msg = assertOneLineMessage(r);
        for (String part : parts) {
            assertTrue(msg.contains(part), () -> "the message should say '" + part + "'\n" + r.describe());
        }
        assertEquals(0, r.stdout().length, () -> "the program printed something before the refusal\n" + r.describe());
        return msg;
    }

    private static List<String> blobs(Path trace) throws IOException {
        return HostileTraces.files(trace).stream().filter(f -> f.startsWith("blobs/")).toList();
    }

    @Test
    void aBlobWithAByteFlippedInTheMiddleIsRefused() throws IOException {
        for (String blob : blobs(pristine)) {
            Path trace = copy("flip-" + blob.substring(6, 14));
            Path file = trace.resolve(blob);
            TraceFiles.flipByte(file, (int) (Files.size(file) / 2));
            assertReplayRefused(trace, blob, "damaged");
        }
    }

    @Test
    void aBlobHoldingAnotherBlobsContentIsRefused() throws IOException {
        List<String> blobs = blobs(pristine);
        assertTrue(blobs.size() >= 2, "the recording maps several files: " + blobs);
        Path trace = copy("renamed");
        Files.copy(trace.resolve(blobs.get(1)), trace.resolve(blobs.get(0)), StandardCopyOption.REPLACE_EXISTING);
        assertReplayRefused(trace, blobs.get(0), "damaged");
    }

    @Test
    void aMissingBlobIsRefusedBeforeAnyOutput() throws IOException {
        for (String blob : blobs(pristine)) {
            Path trace = copy("missing-" + blob.substring(6, 14));
            Files.delete(trace.resolve(blob));
            assertReplayRefused(trace, blob, "missing");
        }
    }

    @Test
    void aFifoInPlaceOfAnyFileIsRefusedNeverAHang() throws IOException {
        for (String file : HostileTraces.files(pristine)) {
            Path trace = copy("fifo-" + file.replace('/', '-'));
            HostileTraces.Special.FIFO.replace(trace.resolve(file));
            assertReplayRefused(trace, file, "FIFO");
            RunResult d = HostileTraces.rewind(tmp, "dump", trace.toString());
            if (file.startsWith("blobs/")) {
                assertEquals(0, d.exitCode(), () -> "dump does not read blobs\n" + d.describe());
            } else {
                assertEquals(125, d.exitCode(), d::describe);
                assertTrue(ReplayAssertions.assertLastLineMessage(d).contains(file + " in "), d::describe);
            }
        }
    }

    @Test
    void linksFoldersAndDevicesInPlaceOfAFileAreRefused() throws IOException {
        List<String> files = List.of("header", "events", blobs(pristine).get(0));
        for (HostileTraces.Special kind : HostileTraces.Special.values()) {
            for (String file : files) {
                Path trace = copy(kind + "-" + file.replace('/', '-'));
                kind.replace(trace.resolve(file));
                String what = switch (kind) {
                    case FIFO -> "FIFO";
                    case FOLDER -> "a folder";
                    case LINK_INSIDE, LINK_TO_OUTSIDE, DEVICE_LINK -> "symbolic link";
                };
                assertReplayRefused(trace, file, what);
            }
        }
    }

    @Test
    void aLinkInPlaceOfTheBlobsFolderIsRefused() throws IOException {
        Path trace = copy("blobs-link");
        Files.move(trace.resolve("blobs"), tmp.resolve("elsewhere"));
        Files.createSymbolicLink(trace.resolve("blobs"), tmp.resolve("elsewhere"));
        assertReplayRefused(trace, "blobs", "symbolic link");
    }

    @Test
    void aTraceFolderReachedThroughALinkReplays() throws IOException {
        Path link = tmp.resolve("latest");
        Files.createSymbolicLink(link, pristine);
        ReplayAssertions.assertReplayMatches(original, HostileTraces.rewind(tmp, "replay", link.toString()),
                "replay through a link to the trace folder");
    }

    /** The header with the u32 at {@code offset} set to {@code value} and its crc made right again. */
    private static void forgeHeader(Path header, int offset, int value) throws IOException {
        byte[] h = Files.readAllBytes(header);
        ByteBuffer bb = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        int length = bb.getInt(12);
        bb.putInt(offset, value);
        bb.putInt(length - 4, TraceFiles.crc32c(h, 0, length - 4));
        Files.write(header, h);
    }

    @Test
    void implausiblePageSizesAreRefused() throws IOException {
        for (int pageSize : new int[] {0, -1, 4095, 12288, 1 << 31}) {
            Path trace = copy("page-" + Integer.toUnsignedString(pageSize));
            forgeHeader(trace.resolve("header"), 16, pageSize);
            assertReplayRefused(trace, "page size");
        }
    }

    @Test
    void forgedBlockLengthsAreRefusedWithoutAllocatingThem() throws IOException {
        // compressed_len, raw_len, event_count of the first block; crcs right, so only the bounds refuse it
        int[][] forged = {{4, 0x7fffffff}, {4, -1}, {8, 0x7fffffff}, {8, 0x3fffffff}, {12, 0x7fffffff}, {12, -1}};
        for (int[] f : forged) {
            Path trace = copy("block-" + f[0] + "-" + Integer.toHexString(f[1]));
            Path events = trace.resolve("events");
            byte[] bytes = Files.readAllBytes(events);
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            bb.putInt(f[0], f[1]);
            bb.putInt(28, TraceFiles.crc32c(bytes, 0, 28));
            Files.write(events, bytes);
            RunResult r = HostileTraces.rewind(tmp, "replay", trace.toString());
            assertEquals(125, r.exitCode(), r::describe);
            String msg = assertOneLineMessage(r);
            assertTrue(msg.contains("corrupted") || msg.contains("cut short"), r::describe);
            RunResult d = HostileTraces.rewind(tmp, "dump", trace.toString());
            ReplayAssertions.assertLastLineMessage(d);
        }
    }
}
