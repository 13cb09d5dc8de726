/*
 * TraceDumpTest: `rewind dump` prints a header line, one JSON object per event with its fields,
 * and an end line; syscall names come from the bundled syscall table.
 */
package dev.rewind.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceDumpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void dumpsEveryEventAsOneJsonLine() throws Exception {
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), SampleEvents.all(), 7);
        SyscallNames names = SyscallNames.parse(new StringReader("SC(0, read, EMULATE, 0)\nSC(1, write, EMULATE, 0)\n"));
        List<JsonNode> lines = dump(names);
        assertEquals(9, lines.size());

        JsonNode header = lines.get(0);
        assertEquals("header", header.get("kind").asText());
        assertEquals(1, header.get("formatVersion").asInt());
        assertEquals("x86_64", header.get("machine").asText());
        assertEquals("[\"echo\",\"hi\"]", header.get("argv").toString());

        JsonNode exec = lines.get(1);
        assertEquals(0, exec.get("event").asInt());
        assertEquals("exec", exec.get("kind").asText());
        assertEquals("0x7ffff7fe3290", exec.get("rip").asText());
        assertEquals("r-x", exec.get("regions").get(0).get("prot").asText());
        assertEquals(SampleEvents.HASH, exec.get("regions").get(0).get("blob").asText());
        assertEquals("[\"stack\"]", exec.get("regions").get(1).get("flags").toString());
        assertEquals(100, exec.get("regions").get(1).get("chunkBytes").asInt());

        JsonNode read = lines.get(2);
        assertEquals("syscall", read.get("kind").asText());
        assertEquals("read", read.get("name").asText());
        assertEquals("0x7fffffffd000", read.get("args").get(1).asText());
        assertEquals(12, read.get("result").asInt());
        assertEquals("68656c6c6f20776f726c640a", read.get("writes").get(0).get("bytes").asText());

        assertEquals("rdtsc", lines.get(3).get("kind").asText());
        JsonNode signal = lines.get(4);
        assertEquals("SIGSEGV", signal.get("name").asText());
        assertTrue(signal.get("synchronous").asBoolean());
        assertEquals(1, signal.get("siCode").asInt());
        assertEquals("0xdead", signal.get("addr").asText());
        assertEquals("child says hi\n", lines.get(5).get("text").asText());
        assertEquals("[\"stdout\"]", lines.get(6).get("flags").toString());
        assertEquals("0xffffffffffffffff", lines.get(6).get("args").get(5).asText());
        assertEquals(3, lines.get(7).get("exitCode").asInt());

        JsonNode end = lines.get(8);
        assertEquals("end", end.get("kind").asText());
        assertEquals(7, end.get("events").asInt());
        assertTrue(end.get("complete").asBoolean());
        assertEquals(false, end.get("cutShort").asBoolean());
    }

    @Test
    void limitsDumpedBytesAndReportsCutShort() throws Exception {
        List<TraceEvent> events = SampleEvents.all();
        TestTraceWriter.write(dir, TestTraceWriter.sampleHeader(), events, 2, 5);
        byte[] log = Files.readAllBytes(dir.resolve("events"));
        Files.write(dir.resolve("events"), Arrays.copyOf(log, log.length - 3));
        List<JsonNode> lines = dump(SyscallNames.parse(new StringReader("")));
        JsonNode end = lines.get(lines.size() - 1);
        assertEquals(2, end.get("events").asInt());
        assertEquals(false, end.get("complete").asBoolean());
        assertEquals(true, end.get("cutShort").asBoolean());
        assertTrue(lines.get(2).get("name").isNull());
    }

    @Test
    void bundledSyscallTableNamesReadAndWrite() {
        SyscallNames names = SyscallNames.bundled();
        assertEquals("read", names.name(0).orElseThrow());
        assertEquals("write", names.name(1).orElseThrow());
    }

    private List<JsonNode> dump(SyscallNames names) throws Exception {
        StringWriter out = new StringWriter();
        new TraceDump(names).dump(dir, out);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
