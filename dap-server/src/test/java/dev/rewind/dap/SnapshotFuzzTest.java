/*
 * SnapshotFuzzTest: a fuzzer over the snapshots of a small real recording. `rewind index` makes
 * them once; then, again and again, one damage is done to a fresh copy of them (SnapshotDamage: a
 * bit flipped or a file cut short, a length or count in a manifest or in the body it holds made
 * huge or off by a little with the checksum recomputed so only the length check can catch it, a
 * page or manifest replaced by a link, a FIFO, /dev/zero or a folder, the snapshots folder or the
 * page store made a link to a copy elsewhere) and the recording is opened: a debugging session
 * at a moment just after the last snapshot, a session at the end ("start": "end"), or
 * `rewind info`. Each time the outcome is a clear message and a correct fallback: the session
 * stands exactly where one without snapshots stands (the same stack, variables and event), a
 * damaged snapshot the session would use is said to be unusable, info answers (listing damage) or
 * refuses in one line, nothing hangs (every wait has a timeout), no stack trace or
 * OutOfMemoryError shows, and nothing is written where a link points. A fixed seed for CI
 * (-Drewind.fuzz.seed), 24 rounds; -Drewind.fuzz.iterations=N runs longer.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rewind.dap.TravelClient.State;
import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.MINUTES) // (every wait inside has its own, far shorter, timeout)
class SnapshotFuzzTest {
    private static final long SEED = Long.getLong("rewind.fuzz.seed", 17);
    private static final int ITERATIONS = Integer.getInteger("rewind.fuzz.iterations", 24);

    @TempDir
    Path tmp;

    @Test
    void damagedSnapshotsAreRefusedAndSessionsStandWhereAPlainReplayDoes() throws Exception {
        Path program = Debuggee.compile("signals.c", tmp, "-O0");
        Path trace = tmp.resolve("trace");
        Path plain = tmp.resolve("plain");
        assertTrue(rewind("record", "-o", trace.toString(), "--", program.toString()).stderrText().isEmpty());
        SnapshotDamage.copyTree(trace, plain);
        RunResult index = rewind("index", "--every", "9", trace.toString());
        assertEquals(0, index.exitCode(), index::describe);
        Path pristine = tmp.resolve("pristine");
        SnapshotDamage.copyTree(trace.resolve("snapshots"), pristine);
        JsonNode info = new ObjectMapper().readTree(rewind("info", trace.toString()).stdoutText());
        List<Long> snapshots = new ArrayList<>();
        info.path("snapshots").forEach(s -> snapshots.add(s.path("event").asLong()));
        assertTrue(snapshots.size() >= 3, info::toString);
        long last = snapshots.get(snapshots.size() - 1);
        long at = last + 2;
        State reference;
        try (DapTestClient client = open(plain, at, "step")) {
            reference = TravelClient.state(client);
        }
        long total = info.path("events").asLong();

        Random random = new Random(SEED);
        for (int round = 0; round < ITERATIONS; round++) {
            SnapshotDamage.deleteTree(trace.resolve("snapshots"));
            SnapshotDamage.copyTree(pristine, trace.resolve("snapshots"));
            SnapshotDamage damage = SnapshotDamage.doOne(random, trace, snapshots, tmp.resolve("elsewhere-" + round));
            String what = "round " + round + " (seed " + SEED + "): " + damage.description();
            switch (round % 3) {
                case 0 -> {
                    try (DapTestClient client = open(trace, at, "step")) {
                        assertEquals(reference, TravelClient.state(client), what + "\nconsole: " + client.console());
                        checkConsole(client.console(), damage, last, what);
                    }
                }
                case 1 -> {
                    try (DapTestClient client = open(trace, "end", "end")) {
                        assertEquals(total, TravelClient.event(client), what + "\nconsole: " + client.console());
                        checkConsole(client.console(), damage, last, what);
                    }
                }
                default -> checkInfo(trace, damage, what);
            }
            damage.checkElsewhereUntouched(what);
        }
    }

    /** No stack trace or Error in the console; a damaged last snapshot is said to be unusable. */
    private static void checkConsole(String console, SnapshotDamage damage, long last, String what) {
        assertFalse(console.contains("\tat ") || console.contains("Exception") || console.contains("OutOfMemory")
                || console.contains("StackOverflow"),
                what + "\nconsole: " + console);
        if (damage.breaks(last)) {
            assertTrue(console.contains("the snapshot at event " + last + " cannot be used")
                    || console.contains("snapshots cannot be used"), what + "\nconsole: " + console);
        }
    }

    /** `rewind info` answers, listing the damaged snapshot as such, or refuses in one line. */
    private void checkInfo(Path trace, SnapshotDamage damage, String what) throws Exception {
        RunResult r = rewind("info", trace.toString());
        assertFalse(r.stderrText().contains("\tat ") || r.stderrText().contains("Exception"), what + r.describe());
        if (r.exitCode() != 0) {
            assertTrue(damage.folderLinked(), what + r.describe());
            assertEquals(1, r.stderrText().lines().count(), what + r.describe());
            assertTrue(r.stderrText().startsWith("rewind: ") && r.stderrText().contains("symbolic link"),
                    what + r.describe());
            return;
        }
        JsonNode info = new ObjectMapper().readTree(r.stdoutText());
        if (damage.manifestDamaged().isPresent()) {
            long event = damage.manifestDamaged().getAsLong();
            for (JsonNode s : info.path("snapshots")) {
                if (s.path("event").asLong() == event) {
                    assertTrue(s.path("damaged").asBoolean(), what + "\n" + info);
                }
            }
        }
    }

    private static DapTestClient open(Path trace, Object start, String reason) throws Exception {
        DapTestClient client = InProcessDap.start();
        try {
            client.launch(Map.of("trace", trace.toString(), "start", start));
            client.configurationDone();
            assertEquals(reason, client.awaitStopped().getReason(), client::console);
            return client;
        } catch (Throwable t) {
            client.close();
            throw t;
        }
    }

    private RunResult rewind(String... args) {
        return ScenarioRunner.rewind(tmp, args);
    }
}
