package dev.rewind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `rewind dump` prints any trace as JSON lines: a header, every event numbered from 0, an end line. */
class DumpTest {

    private static final Set<String> EVENT_KINDS = Set.of("syscall", "exec", "signal", "rdtsc", "output", "exit", "stop");

    @TempDir
    Path tmp;

    @Test
    void dumpListsEveryEventBetweenHeaderAndEnd() throws IOException {
        Path trace = tmp.resolve("t");
        RunResult rec = ScenarioRunner.record(trace, new byte[0], ScenarioRunner.scenario("execve").toString());
        assertEquals(0, rec.exitCode(), rec::describe);
        RunResult d = ScenarioRunner.dump(trace);
        assertEquals(0, d.exitCode(), d::describe);
        ReplayAssertions.assertNoStackTrace(d);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : d.stdoutText().split("\n")) {
            lines.add(json.readTree(line));
        }
        assertTrue(lines.size() >= 3, d::describe);
        assertEquals("header", lines.get(0).path("kind").asText(), "first line");
        assertEquals("end", lines.get(lines.size() - 1).path("kind").asText(), "last line");
        List<JsonNode> events = lines.subList(1, lines.size() - 1);
        int execs = 0;
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertEquals(i, e.path("event").asLong(-1), "events numbered from 0 without gaps: " + e);
            String kind = e.path("kind").asText();
            assertTrue(EVENT_KINDS.contains(kind), "unknown event kind: " + e);
            if (kind.equals("exec")) {
                execs++;
            }
        }
        assertEquals("exec", events.get(0).path("kind").asText(), "the first event is the program's start");
        assertEquals("exit", events.get(events.size() - 1).path("kind").asText(), "a complete recording ends with exit");
        assertEquals(3, execs, "the start, the exec of itself and the exec of /bin/echo");
    }
}
