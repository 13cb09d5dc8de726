/*
 * AgentTempFilesTest: the agent's temporary folders (copies of shared files, System V segment
 * files, under $TMPDIR) are gone once `rewind replay` or `rewind index` ends, including when the
 * agent ends because its connection closed rather than by a reply. Each program below makes the
 * replay create such a folder.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.scenarios.ScenarioRunner;
import dev.rewind.scenarios.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AgentTempFilesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"mem_mprotect_shared_readonly", "mem_sysv_shm"})
    void replayAndIndexLeaveNothingInTmpdir(String name) throws Exception {
        Path program = ScenarioRunner.root().resolve("native/build/fidelity/" + name);
        Path agentTmp = Files.createDirectory(tmp.resolve("agent-tmp"));
        Path trace = tmp.resolve("trace");
        assertEquals(0, rewind(agentTmp, "record", "-o", trace.toString(), "--", program.toString()).exitCode());
        RunResult replay = rewind(agentTmp, "replay", trace.toString());
        assertEquals(0, replay.exitCode(), replay::describe);
        assertEquals(List.of(), leftIn(agentTmp), "left behind by rewind replay");
        RunResult index = rewind(agentTmp, "index", "--every", "1", trace.toString());
        assertEquals(0, index.exitCode(), index::describe);
        assertEquals(List.of(), leftIn(agentTmp), "left behind by rewind index");
    }

    private RunResult rewind(Path agentTmp, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ScenarioRunner.rewindScript().toString()));
        cmd.addAll(List.of(args));
        return ScenarioRunner.run(cmd, new byte[0], tmp, Map.of("TMPDIR", agentTmp.toString()),
                Duration.ofMinutes(2));
    }

    private static List<String> leftIn(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
