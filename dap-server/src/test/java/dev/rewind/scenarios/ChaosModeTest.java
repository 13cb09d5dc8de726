package dev.rewind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `rewind record --chaos [--seed N]` on thread_order_race, an order violation that round-robin
 * scheduling hides: plain recordings never show it; chaos recordings with the seeds below do (found
 * by trying seeds 1..12: 1, 2, 3, 4, 6, 9, 11 show it), the same seed gives the same schedule, and
 * every recorded outcome, race or not, replays exactly. The seed is printed on stderr and kept in
 * the trace folder (file `chaos`).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ChaosModeTest {
    private static final String RACE = "RACE: table used early";
    private static final String COMPLETE = "table complete\n";

    @TempDir
    Path tmp;

    private RunResult record(String name, String... options) {
        List<String> cmd = new ArrayList<>(List.of(ScenarioRunner.rewindScript().toString(), "record"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-o", tmp.resolve(name).toString(), "--",
                ScenarioRunner.scenario("thread_order_race").toString()));
        RunResult r = ScenarioRunner.run(cmd, new byte[0], tmp, ScenarioRunner.scenarioEnv(), ScenarioRunner.TIMEOUT);
        assertEquals(0, r.exitCode(), () -> "recording " + name + "\n" + r.describe());
        return r;
    }

    private void assertReplays(String name, RunResult recorded) {
        RunResult replayed = ScenarioRunner.replay(tmp.resolve(name));
        assertEquals(recorded.exitCode(), replayed.exitCode(), () -> "replay of " + name + "\n" + replayed.describe());
        assertEquals(recorded.stdoutText(), replayed.stdoutText(), () -> "replay of " + name + "\n" + replayed.describe());
    }

    /**
     * The trace folder keeps the seed (docs/trace-format.md, the file `chaos`) and `rewind info`
     * shows it with the thread count; neither without chaos.
     */
    private void assertChaosFile(String name, String seed) {
        Path file = tmp.resolve(name).resolve("chaos");
        try {
            if (seed == null) {
                assertTrue(Files.notExists(file), file::toString);
            } else {
                assertEquals("seed " + seed + "\n", Files.readString(file));
            }
            RunResult info = ScenarioRunner.rewind(tmp, "info", tmp.resolve(name).toString());
            assertEquals(0, info.exitCode(), info::describe);
            JsonNode json = new ObjectMapper().readTree(info.stdoutText());
            assertEquals(seed, json.path("chaosSeed").textValue(), info::describe);
            assertTrue(json.path("threads").asInt() > 1, info::describe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFairScheduleHidesTheRace() {
        for (int i = 0; i < 10; i++) {
            RunResult r = record("plain" + i);
            assertEquals(COMPLETE, r.stdoutText(), r::describe);
            assertTrue(r.stderrText().isEmpty(), r::describe);
            assertChaosFile("plain" + i, null);
        }
    }

    @Test
    void chaosSeedsShowTheRaceAndReplaysReproduceEachOutcome() {
        for (long seed : new long[] {2, 9, 11}) {
            RunResult r = record("race" + seed, "--chaos", "--seed", Long.toString(seed));
            assertTrue(r.stdoutText().startsWith(RACE), () -> "seed " + seed + "\n" + r.describe());
            assertTrue(r.stderrText().contains("rewind: chaos mode, seed " + seed + " "), r::describe);
            assertChaosFile("race" + seed, Long.toString(seed));
            assertReplays("race" + seed, r);
        }
        RunResult fine = record("fine5", "--chaos", "--seed=5"); // a seed whose schedule keeps the order
        assertEquals(COMPLETE, fine.stdoutText(), fine::describe);
        assertReplays("fine5", fine);
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        RunResult first = record("a", "--chaos", "--seed", "2");
        RunResult again = record("b", "--chaos", "--seed", "2");
        assertEquals(first.stdoutText(), again.stdoutText()); // how far the builder got, too
    }

    @Test
    void withoutASeedOneIsDrawnAndPrinted() {
        RunResult r = record("drawn", "--chaos");
        Matcher m = Pattern.compile("rewind: chaos mode, seed (\\d+) \\(rewind record --chaos --seed \\1 ").matcher(r.stderrText());
        assertTrue(m.find(), r::describe);
        assertChaosFile("drawn", m.group(1));
        assertTrue(r.stdoutText().equals(COMPLETE) || r.stdoutText().startsWith(RACE), r::describe);
        assertReplays("drawn", r);
    }
}
