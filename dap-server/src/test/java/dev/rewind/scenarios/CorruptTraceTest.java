package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertContainsIgnoringCase;
import static dev.rewind.scenarios.ReplayAssertions.assertLastLineMessage;
import static dev.rewind.scenarios.ReplayAssertions.assertOneLineMessage;
import static dev.rewind.scenarios.ReplayAssertions.assertPrefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged traces: an event tampered with so that replay diverges, a corrupted block, a truncated
 * events file, a newer-format or corrupted header. Each is refused with one line on stderr starting
 * "rewind: " and exit status 125, never a stack trace and never a replay that silently differs.
 */
class CorruptTraceTest {

    private static final int SYS_WRITE = 1;
    private static final int SYS_GETPID = 39;

    /** A recording made once for the class; each test copies it before damaging the copy. */
    @TempDir
    static Path shared;
    static Path pristine;
    static RunResult recorded;

    @TempDir
    Path tmp;

    @BeforeAll
    static void recordOnce() {
        pristine = shared.resolve("pids-trace");
        recorded = ScenarioRunner.record(pristine, new byte[0], ScenarioRunner.scenario("pids").toString());
        assertEquals(0, recorded.exitCode(), recorded::describe);
    }

    private Path copyOfTrace() throws IOException {
        Path copy = tmp.resolve("trace");
        try (var paths = Files.walk(pristine)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path to = copy.resolve(pristine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return copy;
    }

    /** The first write(1, ...) event of a trace: the block, its payload, and the event. */
    private record Found(TraceFiles.Block block, byte[] raw, TraceFiles.Event event) {}

    private static Found firstWriteToStdout(byte[] events) {
        for (TraceFiles.Block b : TraceFiles.blocks(events)) {
            byte[] raw = TraceFiles.decompress(events, b);
            for (TraceFiles.Event e : TraceFiles.events(raw, b)) {
                if (e.kind() == TraceFiles.KIND_SYSCALL && TraceFiles.syscallNr(raw, e) == SYS_WRITE
                        && TraceFiles.syscallArg(raw, e, 0) == 1) {
                    return new Found(b, raw, e);
                }
            }
        }
        throw new AssertionError("no write(1, ...) event in the trace");
    }

    private void assertDiverged(Path trace, long event) {
        for (int round = 1; round <= 2; round++) {
            RunResult r = ScenarioRunner.replay(trace);
            assertEquals(125, r.exitCode(), r::describe);
            String msg = assertOneLineMessage(r);
            assertTrue(msg.contains("replay diverged at event " + event),
                    () -> "expected 'replay diverged at event " + event + "'\n" + r.describe());
            assertPrefix(recorded.stdout(), r.stdout(), "replay's stdout before the divergence");
            assertTrue(r.stdout().length < recorded.stdout().length, "replay printed everything despite diverging");
        }
    }

    @Test
    void tamperedSyscallArgumentDiverges() throws IOException {
        Path trace = copyOfTrace();
        Path events = trace.resolve("events");
        byte[] bytes = Files.readAllBytes(events);
        Found f = firstWriteToStdout(bytes);
        long count = TraceFiles.syscallArg(f.raw(), f.event(), 2);
        TraceFiles.setSyscallArg(f.raw(), f.event(), 2, count + 1);
        Files.write(events, TraceFiles.replaceBlock(bytes, f.block(), f.raw()));
        assertDiverged(trace, f.event().index());
    }

    @Test
    void tamperedSyscallNumberDiverges() throws IOException {
        Path trace = copyOfTrace();
        Path events = trace.resolve("events");
        byte[] bytes = Files.readAllBytes(events);
        Found f = firstWriteToStdout(bytes);
        TraceFiles.setSyscallNr(f.raw(), f.event(), SYS_GETPID);
        Files.write(events, TraceFiles.replaceBlock(bytes, f.block(), f.raw()));
        assertDiverged(trace, f.event().index());
    }

    @Test
    void untamperedCopyReplays() throws IOException {
        Path trace = copyOfTrace();
        byte[] bytes = Files.readAllBytes(trace.resolve("events"));
        // Re-encoding a block unchanged must keep the trace valid: the tampering above changes only the event.
        Found f = firstWriteToStdout(bytes);
        Files.write(trace.resolve("events"), TraceFiles.replaceBlock(bytes, f.block(), f.raw()));
        ReplayAssertions.assertReplayMatches(recorded, ScenarioRunner.replay(trace), "replay of a re-encoded trace");
    }

    @Test
    void corruptedBlockPayloadIsRefused() throws IOException {
        Path trace = copyOfTrace();
        TraceFiles.Block b = TraceFiles.blocks(Files.readAllBytes(trace.resolve("events"))).get(0);
        TraceFiles.flipByte(trace.resolve("events"), b.payloadOffset() + b.compressedLen() / 2);
        assertRefused(trace, "corrupt");
    }

    @Test
    void corruptedBlockHeaderIsRefused() throws IOException {
        Path trace = copyOfTrace();
        TraceFiles.flipByte(trace.resolve("events"), 17); // first_event of the first block
        assertRefused(trace, "corrupt");
    }

    @Test
    void newerFormatIsRefused() throws IOException {
        Path trace = copyOfTrace();
        assertEquals(5, TraceFiles.formatVersion(trace.resolve("header")));
        TraceFiles.setFormatVersion(trace.resolve("header"), 99);
        String msg = assertRefused(trace, "newer");
        assertTrue(msg.contains("99"), () -> "the message should name the trace's version: " + msg);
    }

    @Test
    void corruptedHeaderIsRefused() throws IOException {
        Path trace = copyOfTrace();
        TraceFiles.flipByte(trace.resolve("header"), 34); // inside the kernel release string
        assertRefused(trace, "corrupt");
    }

    @Test
    void wrongMagicIsRefused() throws IOException {
        Path trace = copyOfTrace();
        TraceFiles.flipByte(trace.resolve("header"), 0);
        assertRefused(trace, "not a rewind trace");
    }

    @Test
    void missingTraceIsRefused() {
        RunResult r = ScenarioRunner.replay(tmp.resolve("no-such-trace"));
        assertNotEquals(0, r.exitCode(), r::describe);
        assertOneLineMessage(r);
        assertEquals(0, r.stdout().length, r::describe);
    }

    /** Replay and dump both refuse the trace: exit 125, one line naming the problem, no program output. */
    private String assertRefused(Path trace, String expected) {
        RunResult r = ScenarioRunner.replay(trace);
        assertEquals(125, r.exitCode(), r::describe);
        String msg = assertOneLineMessage(r);
        assertContainsIgnoringCase(msg, expected, r);
        RunResult d = ScenarioRunner.dump(trace);
        assertEquals(125, d.exitCode(), d::describe);
        String dumpMsg = assertLastLineMessage(d);
        assertContainsIgnoringCase(dumpMsg, expected, d);
        return msg;
    }

    /**
     * A shell loop writing one line per syscall, so its trace has many events; cutting the events
     * file inside its last block must replay the complete blocks' output and then say the recording
     * was cut short.
     */
    @Test
    void truncatedEventsReplayUpToTheCut() throws IOException {
        Path trace = tmp.resolve("loop-trace");
        RunResult rec = ScenarioRunner.record(trace, new byte[0], "/bin/sh", "-c",
                "i=0; while [ $i -lt 3000 ]; do echo line $i; i=$((i+1)); done");
        assertEquals(0, rec.exitCode(), rec::describe);
        Path events = trace.resolve("events");
        byte[] bytes = Files.readAllBytes(events);
        List<TraceFiles.Block> blocks = TraceFiles.blocks(bytes);
        assertEquals(bytes.length, blocks.get(blocks.size() - 1).end(), "the events file ends with a complete block");
        TraceFiles.Block last = blocks.get(blocks.size() - 1);

        for (int cut : new int[] {last.payloadOffset() + last.compressedLen() / 2, last.offset() + 10}) {
            Files.write(events, Arrays.copyOf(bytes, cut));
            for (int round = 1; round <= 2; round++) {
                RunResult r = ScenarioRunner.replay(trace);
                assertEquals(125, r.exitCode(), r::describe);
                String msg = assertLastLineMessage(r);
                assertContainsIgnoringCase(msg, "cut short", r);
                assertPrefix(rec.stdout(), r.stdout(), "replay of the truncated trace");
                if (blocks.size() > 1) {
                    assertFalse(r.stdout().length == 0, "the complete blocks before the cut replayed nothing");
                }
            }
            RunResult d = ScenarioRunner.dump(trace);
            assertNotEquals(0, d.stdout().length, d::describe);
        }
    }
}
