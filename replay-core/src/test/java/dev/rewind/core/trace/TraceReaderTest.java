/*
 * TraceReaderTest: the reader reads back every kind of event, and refuses newer, foreign and
 * corrupted traces with the messages of docs/trace-format.md; a truncated last block is "cut short".
 */
package dev.rewind.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.WaitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsBackEveryKindOfEventAcrossBlocks() throws Exception {
        List<TraceEvent> events = SampleEvents.all();
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), events, 2, 4, 1);
        try (TraceReader reader = TraceReader.open(dir)) {
            assertEquals(TestTraceWriter.sampleHeader(), reader.header());
            List<TraceEvent> read = new ArrayList<>();
            for (TraceEvent e = reader.next(); e != null; e = reader.next()) {
                read.add(e);
            }
            assertEquals(events, read);
            assertTrue(reader.atEnd());
            assertFalse(reader.cutShort());
            assertTrue(reader.complete());
            assertEquals(Optional.of(EventIndex.of(6)), reader.lastEvent());
            assertNull(reader.next());
        }
    }

    @Test
    void validateSummarizesTheTrace() throws Exception {
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), SampleEvents.all(), 7);
        TraceSummary s = TraceReader.validate(dir);
        assertEquals(7, s.eventCount());
        assertTrue(s.complete());
        assertFalse(s.cutShort());
    }

    @Test
    void aTraceWithoutEventsFileHasNoEvents() throws Exception {
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), List.of());
        Files.delete(dir.resolve("events"));
        TraceSummary s = TraceReader.validate(dir);
        assertEquals(0, s.eventCount());
        assertFalse(s.complete());
    }

    @Test
    void truncatedLastBlockMeansCutShort() throws Exception {
        List<TraceEvent> events = SampleEvents.all();
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), events, 3, 4);
        Path log = dir.resolve("events");
        byte[] bytes = Files.readAllBytes(log);
        int firstBlock = TestTraceWriter.block(events.subList(0, 3), 0).length;
        for (int cut : new int[] {firstBlock + 5, firstBlock + 32, bytes.length - 1}) {
            Files.write(log, Arrays.copyOf(bytes, cut));
            try (TraceReader reader = TraceReader.open(dir)) {
                int n = 0;
                while (reader.next() != null) {
                    n++;
                }
                assertEquals(3, n, "cut at " + cut);
                assertTrue(reader.cutShort());
                assertFalse(reader.complete());
                assertEquals(Optional.of(EventIndex.of(2)), reader.lastEvent());
            }
        }
    }

    @Test
    void refusesANewerFormat() throws Exception {
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), List.of());
        Files.write(dir.resolve("header"), TestTraceWriter.header(TestTraceWriter.sampleHeader(), 7));
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.open(dir));
        assertEquals("trace format version 7 is newer than this rewind (supports up to "
                + TraceFormat.MAX_SUPPORTED_VERSION + ")", e.getMessage());
    }

    @Test
    void refusesAForeignFolder() throws Exception {
        Files.writeString(dir.resolve("header"), "hello, I am not a trace");
        assertEquals("not a rewind trace (bad header magic)",
                assertThrows(TraceException.class, () -> TraceReader.open(dir)).getMessage());
        Files.delete(dir.resolve("header"));
        assertTrue(assertThrows(TraceException.class, () -> TraceReader.open(dir)).getMessage()
                .endsWith("is not a rewind trace (no header file)"));
        assertTrue(assertThrows(TraceException.class, () -> TraceReader.open(dir.resolve("nope"))).getMessage()
                .startsWith("no trace at "));
    }

    @Test
    void refusesACorruptedHeader() throws Exception {
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), List.of());
        byte[] h = Files.readAllBytes(dir.resolve("header"));
        h[40] ^= 1;
        Files.write(dir.resolve("header"), h);
        assertEquals("trace header is corrupted (crc mismatch)",
                assertThrows(TraceException.class, () -> TraceReader.open(dir)).getMessage());
        Files.write(dir.resolve("header"), Arrays.copyOf(h, 20));
        assertTrue(assertThrows(TraceException.class, () -> TraceReader.open(dir)).getMessage()
                .startsWith("trace header is corrupted"));
    }

    @Test
    void refusesAFlippedBitInAnyBlock() throws Exception {
        List<TraceEvent> events = SampleEvents.all();
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), events, 7);
        byte[] good = Files.readAllBytes(dir.resolve("events"));
        for (int at : new int[] {0, 5, 17, 26, 29, 40, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            Files.write(dir.resolve("events"), bad);
            TraceException e = assertThrows(TraceException.class, () -> TraceReader.validate(dir), "flip at " + at);
            assertTrue(e.getMessage().startsWith("trace events are corrupted at block starting at byte 0: "),
                    e.getMessage());
        }
    }

    @Test
    void refusesAGapInEventNumbers() throws Exception {
        List<TraceEvent> events = SampleEvents.all();
        byte[] one = TestTraceWriter.block(events.subList(0, 2), 0);
        byte[] two = TestTraceWriter.block(events.subList(3, 4), 3);
        writeEvents(concat(one, two));
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.validate(dir));
        assertEquals("trace events are corrupted at block starting at byte " + one.length
                + ": first event is 3, expected 2", e.getMessage());
    }

    @Test
    void refusesAnUnknownKindAndWrongCounts() throws Exception {
        byte[] unknown = TestTraceWriter.withLength(new byte[] {42, 0, 0});
        writeEvents(TestTraceWriter.blockOfPayload(unknown, 1, 0));
        assertTrue(assertThrows(TraceException.class, () -> TraceReader.validate(dir)).getMessage()
                .endsWith("event 0 has unknown kind 42"));

        byte[] exit = TestTraceWriter.event(SampleEvents.all().get(6));
        byte[] output = TestTraceWriter.event(SampleEvents.all().get(4)); // large enough to hold 2 events' worth
        writeEvents(TestTraceWriter.blockOfPayload(output, 2, 0));
        assertTrue(assertThrows(TraceException.class, () -> TraceReader.validate(dir)).getMessage()
                .contains("block holds 1 events, its header says 2"));
        // A count the payload could not hold (each event is 5 bytes at least) is refused before decoding.
        writeEvents(TestTraceWriter.blockOfPayload(exit, 2, 0));
        assertTrue(assertThrows(TraceException.class, () -> TraceReader.validate(dir)).getMessage()
                .contains("implausible block sizes"));

        writeEvents(TestTraceWriter.blockOfPayload(concat(exit, new byte[] {1, 2}), 1, 0));
        assertTrue(assertThrows(TraceException.class, () -> TraceReader.validate(dir)).getMessage()
                .contains("2 bytes left after the block's 1 events"));
    }

    @Test
    void skipsUnknownTrailingBytesOfAKnownBody() throws Exception {
        byte[] exit = TestTraceWriter.event(SampleEvents.all().get(6));
        byte[] body = Arrays.copyOfRange(exit, 4, exit.length);
        byte[] longer = TestTraceWriter.withLength(concat(body, new byte[] {9, 9, 9}));
        writeEvents(TestTraceWriter.blockOfPayload(longer, 1, 0));
        TraceSummary s = TraceReader.validate(dir);
        assertEquals(new ExitEvent(EventIndex.of(0), WaitStatus.exited(3)), s.lastEvent().orElseThrow());
    }

    @Test
    void refusesAnEventAfterTheEnd() throws Exception {
        List<TraceEvent> events = SampleEvents.all();
        byte[] raw = concat(TestTraceWriter.event(events.get(6)), TestTraceWriter.event(events.get(1)));
        writeEvents(TestTraceWriter.blockOfPayload(raw, 2, 6));
        assertThrows(TraceException.class, () -> TraceReader.validate(dir));
    }

    @Test
    void refusesInvalidFieldValues() throws Exception {
        TestTraceWriter.Bytes signal = new TestTraceWriter.Bytes().u8(3).u32(99).u8(0).raw(new byte[128]);
        writeEvents(TestTraceWriter.blockOfPayload(TestTraceWriter.withLength(signal.toArray()), 1, 0));
        assertTrue(assertThrows(TraceException.class, () -> TraceReader.validate(dir)).getMessage()
                .contains("signal number must be 1..64, got 99"));
    }

    @Test
    void readsASignalInUserCodeWithItsPoint() throws Exception {
        long[] regs = new long[27];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = i == 16 ? 0x401136L : -1L - i;
        }
        SignalEvent alarm = new SignalEvent(EventIndex.of(0), 14, false, new byte[128],
                Optional.of(new SignalPoint(regs, 0x8000000000000001L, true, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), List.of(alarm), 1);
        try (TraceReader reader = TraceReader.open(dir)) {
            SignalEvent read = (SignalEvent) reader.next();
            assertEquals(alarm, read);
            assertEquals("0x401136", read.point().orElseThrow().pc().toString());
        }
    }

    @Test
    void readsFormatTwoSignals() throws Exception {
        TestTraceWriter.Bytes async = new TestTraceWriter.Bytes().u8(3).u32(14).u8(0).raw(new byte[128]);
        TestTraceWriter.Bytes fault = new TestTraceWriter.Bytes().u8(3).u32(11).u8(1).raw(new byte[128]);
        byte[] payload = concat(TestTraceWriter.withLength(async.toArray()),
                TestTraceWriter.withLength(fault.toArray()));
        Files.write(dir.resolve("header"), TestTraceWriter.header(TestTraceWriter.sampleHeader(), 2));
        Files.write(dir.resolve("events"), TestTraceWriter.blockOfPayload(payload, 2, 0));
        try (TraceReader reader = TraceReader.open(dir)) {
            SignalEvent first = (SignalEvent) reader.next();
            SignalEvent second = (SignalEvent) reader.next();
            assertFalse(first.synchronous());
            assertTrue(first.point().isEmpty());
            assertTrue(second.synchronous());
        }
    }

    @Test
    void refusesAnUnknownSignalPlace() throws Exception {
        TestTraceWriter.Bytes signal = new TestTraceWriter.Bytes().u8(3).u32(14).u8(3).raw(new byte[128]);
        writeEvents(TestTraceWriter.blockOfPayload(TestTraceWriter.withLength(signal.toArray()), 1, 0));
        assertTrue(assertThrows(TraceException.class, () -> TraceReader.validate(dir)).getMessage()
                .contains("unknown signal place 3"));
    }

    private void writeEvents(byte[] log) throws IOException {
        Files.write(dir.resolve("header"), TestTraceWriter.header(TestTraceWriter.sampleHeader(), 1));
        Files.write(dir.resolve("events"), log);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
