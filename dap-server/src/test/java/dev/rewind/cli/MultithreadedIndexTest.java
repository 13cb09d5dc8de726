/*
 * MultithreadedIndexTest: `rewind index` on a multithreaded recording (two producers and two
 * consumers on a mutex and condition variables) writes snapshots of every thread (snapshot format
 * 4), and a replay opened from each of them, in a fresh process with all its threads recreated,
 * prints from there exactly what a plain replay prints from that event on, byte for byte, and
 * ends at the same event the same way.
 */
package dev.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.ResumeMode;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.snapshot.Snapshots;
import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultithreadedIndexTest {
    @TempDir
    Path tmp;

    /** The replay's output, appended as it comes. */
    private static final class Output implements OutputListener {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void output(dev.rewind.core.session.OutputChannel channel, byte[] b) {
            bytes.writeBytes(b);
        }

        synchronized byte[] taken() {
            return bytes.toByteArray();
        }

        synchronized void clear() {
            bytes.reset();
        }
    }

    @Test
    void snapshotsOfEveryThreadOpenAndReplayTheRestExactly() {
        assertTimeoutPreemptively(Duration.ofSeconds(300), () -> {
            ScenarioRunner.ensureScenariosBuilt();
            String program = ScenarioRunner.root().resolve("native/build/fidelity/thr_mutex_condvar").toString();
            Path trace = tmp.resolve("mt");
            RunResult rec = ScenarioRunner.record(trace, new byte[0], program);
            assertEquals(0, rec.exitCode(), rec::describe);
            RunResult index = ScenarioRunner.rewind(tmp, "index", trace.toString());
            assertEquals(0, index.exitCode(), index::describe);
            assertTrue(index.stdoutText().contains("snapshots of"), index::describe);
            List<Long> events = new Snapshots(trace).events();
            assertTrue(events.size() >= 5, "snapshots over the run: " + events);

            Output out = new Output();
            Map<Long, Integer> mark = new HashMap<>();
            byte[] whole;
            Stop end;
            try (ReplaySession plain = new SessionLauncher(IndexRunner.launch(), OutputListener.IGNORE).open(trace,
                    out)) {
                for (long e : events) {
                    assertEquals(StopReason.AT_EVENT, plain.runToEvent(EventIndex.of(e)).reason());
                    mark.put(e, out.taken().length);
                }
                end = toEnd(plain);
                whole = out.taken();
            }
            assertTrue(new String(whole).contains("consumer 0 took"), new String(whole));

            Snapshots snapshots = new Snapshots(trace);
            try (ReplaySession restored = new SessionLauncher(IndexRunner.launch(), OutputListener.IGNORE).open(trace,
                    out)) {
                for (long e : events) {
                    out.clear();
                    assertEquals(e, snapshots.restoreInto(restored, e).event().value(), "opened at event " + e);
                    Stop last = toEnd(restored);
                    assertEquals(end.reason(), last.reason(), "the end, from event " + e);
                    assertEquals(end.event(), last.event(), "the end, from event " + e);
                    assertArrayEquals(Arrays.copyOfRange(whole, mark.get(e), whole.length), out.taken(),
                            "the output from event " + e + " on");
                }
            }
        });
    }

    /** Resumes to the end of the recording (past the program's exit); the last stop. */
    private static Stop toEnd(ReplaySession session) throws Exception {
        Stop stop;
        do {
            stop = session.resume(ResumeMode.CONTINUE);
        } while (stop.reason() == StopReason.EXITED || stop.reason() == StopReason.SIGNAL
                || stop.reason() == StopReason.BREAKPOINT);
        return stop;
    }
}
