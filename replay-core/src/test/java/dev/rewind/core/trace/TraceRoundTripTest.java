package dev.rewind.core.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the recorder can write, the Java reader reads back exactly: native/tests/
 * test_trace_roundtrip writes a trace through the recorder's own encoders (every event kind the
 * recorder writes, every syscall-table row and numbers outside it, extreme values in every field:
 * 0, -1, 2^31-1, 2^31, 2^32-1, 2^63-1, 2^63, 2^64-1, -4095, non-UTF-8 strings, memory writes at the
 * top of the address space) and lists what it wrote in expected.txt and ends.txt; this test reads
 * the same traces with TraceReader and compares field by field.
 */
class TraceRoundTripTest {
    private static final Path WRITER = Path.of("..", "native", "build", "tests", "test_trace_roundtrip");

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyEventTheRecorderCanWriteReadsBack() throws Exception {
        writeTraces();
        List<String> expected = Files.readAllLines(tmp.resolve("expected.txt"));
        assertTrue(expected.size() > 3000, "the writer wrote " + expected.size() + " events");
        try (TraceReader reader = TraceReader.open(tmp.resolve("trace"))) {
            for (String line : expected) {
                TraceEvent event = reader.next();
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "syscall" -> checkSyscall(assertInstanceOf(SyscallEvent.class, event, line), f);
                    case "signal" -> {
                        SignalEvent s = assertInstanceOf(SignalEvent.class, event, line);
                        assertEquals(Integer.parseInt(f[1]), s.signo(), line);
                        assertEquals(f[2].equals("1"), s.synchronous(), line);
                        assertEquals((byte) Integer.parseInt(f[3]), s.siginfo()[127], line);
                        assertEquals(f[2].equals("2"), s.point().isPresent(), line);
                        if (s.point().isPresent()) {
                            SignalPoint p = s.point().get();
                            assertEquals(Long.parseUnsignedLong(f[4]), p.stackHash(), line);
                            assertEquals(f[5].equals("1"), p.stackReadable(), line);
                            assertEquals(Integer.parseInt(f[6]), p.stack().length, line);
                            assertEquals((byte) Integer.parseInt(f[7]), p.stack()[p.stack().length - 1], line);
                            for (int i = 0; i < 27; i++) {
                                assertEquals(Long.parseUnsignedLong(f[8 + i]), p.registers()[i], line);
                            }
                            assertEquals(Long.parseUnsignedLong(f[35]), p.userCpuNanos(), line);
                        }
                    }
                    case "rdtsc" -> {
                        RdtscEvent r = assertInstanceOf(RdtscEvent.class, event, line);
                        assertEquals(f[1].equals("1"), r.rdtscp(), line);
                        assertEquals(Long.parseUnsignedLong(f[2]), r.tsc(), line);
                        assertEquals(Integer.parseUnsignedInt(f[3]), r.aux(), line);
                    }
                    case "output" -> {
                        OutputEvent o = assertInstanceOf(OutputEvent.class, event, line);
                        assertEquals(Integer.parseInt(f[1]), o.stream() == OutputEvent.Stream.STDOUT ? 1 : 2, line);
                        assertEquals(Integer.parseUnsignedInt(f[2]), o.pid(), line);
                        assertEquals(Integer.parseInt(f[3]), o.bytes().length, line);
                    }
                    case "preempt" -> {
                        PreemptEvent p = assertInstanceOf(PreemptEvent.class, event, line);
                        assertEquals(Integer.parseInt(f[1]), p.signo(), line);
                        assertEquals(f[2].equals("2"), p.point().isPresent(), line);
                        p.point().ifPresent(pt -> assertEquals(Long.parseUnsignedLong(f[3]),
                                pt.pc().value(), line));
                    }
                    case "thread" -> assertEquals(Integer.parseUnsignedInt(f[1]),
                            assertInstanceOf(ThreadEvent.class, event, line).tid(), line);
                    case "enter" -> {
                        SyscallEnterEvent e = assertInstanceOf(SyscallEnterEvent.class, event, line);
                        assertEquals(Integer.parseInt(f[1]), e.nr(), line);
                        for (int i = 0; i < 6; i++) {
                            assertEquals(Long.parseUnsignedLong(f[2 + i]), e.args().get(i), line);
                        }
                    }
                    default -> throw new AssertionError("unknown line " + line);
                }
            }
            assertNull(reader.next(), "no more events than written");
            assertFalse(reader.cutShort());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyEndingReadsBack() throws Exception {
        writeTraces();
        List<String> ends = Files.readAllLines(tmp.resolve("ends.txt"));
        assertTrue(ends.size() >= 10, "endings: " + ends);
        for (String line : ends) {
            String[] f = line.split(" ");
            try (TraceReader reader = TraceReader.open(tmp.resolve(f[0]))) {
                TraceEvent event = reader.next();
                if (f[1].equals("stop")) {
                    StopEvent stop = assertInstanceOf(StopEvent.class, event, line);
                    assertEquals(Integer.parseInt(f[2]) == 0, stop.reason().isEmpty(), line);
                } else {
                    ExitEvent exit = assertInstanceOf(ExitEvent.class, event, line);
                    assertEquals(Integer.parseInt(f[2]), exit.status().raw(), line);
                }
                assertNull(reader.next(), line);
                assertTrue(reader.complete(), line);
            }
        }
    }

    /** syscall NR ARG×6 RESULT FLAGS HAS_BLOB [OFFSET DEV INO] NWRITES ADDR:LEN... [crc=N] */
    private static void checkSyscall(SyscallEvent s, String[] f) {
        String line = String.join(" ", f);
        assertEquals(Integer.parseInt(f[1]), s.number(), line);
        for (int i = 0; i < 6; i++) {
            assertEquals(Long.parseUnsignedLong(f[2 + i]), s.args().get(i), line);
        }
        assertEquals(Long.parseLong(f[8]), s.result(), line);
        assertEquals(Integer.parseInt(f[9]), s.flags(), line);
        int at = 11;
        assertEquals(f[10].equals("1"), s.blob().isPresent(), line);
        if (s.blob().isPresent()) {
            assertEquals(Long.parseUnsignedLong(f[at]), s.blob().get().offset(), line);
            assertEquals(Long.parseUnsignedLong(f[at + 1]), s.file().orElseThrow().device(), line);
            assertEquals(Long.parseUnsignedLong(f[at + 2]), s.file().orElseThrow().inode(), line);
            at += 3;
        }
        int writes = Integer.parseInt(f[at++]);
        assertEquals(writes, s.writes().size(), line);
        for (int i = 0; i < writes; i++) {
            String[] w = f[at++].split(":");
            MemoryChunk chunk = s.writes().get(i);
            long addr = Long.parseUnsignedLong(w[0]);
            assertEquals(addr, chunk.address().value(), line);
            assertEquals(Integer.parseInt(w[1]), chunk.length(), line);
            assertArrayEquals(fakeMemory(addr, chunk.length()), chunk.bytes(), line);
        }
        assertEquals(at < f.length && f[at].startsWith("crc="), s.hasFlag(SyscallEvent.FLAG_CHECKSUM), line);
    }

    /** The writer's fake address space: the byte at a is (a * 31) >> 3. */
    private static byte[] fakeMemory(long addr, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = (byte) (((addr + i) * 31) >>> 3);
        }
        return out;
    }

    private void writeTraces() throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(WRITER), WRITER + " is built by make -C native");
        Process p = new ProcessBuilder(WRITER.toString(), tmp.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(50, TimeUnit.SECONDS), "the writer finished");
        assertEquals(0, p.exitValue(), out);
    }
}
