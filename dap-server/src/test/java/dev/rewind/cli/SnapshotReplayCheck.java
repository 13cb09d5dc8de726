/*
 * SnapshotReplayCheck: the check indexed-recording tests share. A plain replay runs to each
 * snapshot's event and on to the end, noting where its output stood at each; then every snapshot
 * is restored into one session in turn and replayed to the end, which must print exactly the rest
 * of the plain replay's output, byte for byte, and end at the same event the same way.
 */
package dev.rewind.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.session.OutputChannel;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.ResumeMode;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.snapshot.Snapshots;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

final class SnapshotReplayCheck {
    private SnapshotReplayCheck() {
    }

    /**
     * Checks every snapshot of {@code trace} at {@code events} as above; returns the plain
     * replay's whole output for the caller's own checks.
     */
    static byte[] everySnapshotReplaysTheRest(Path trace, List<Long> events) throws Exception {
        Output out = new Output();
        Map<Long, Integer> mark = new HashMap<>();
        byte[] whole;
        Stop end;
        try (ReplaySession plain = new SessionLauncher(IndexRunner.launch(), OutputListener.IGNORE).open(trace, out)) {
            for (long e : events) {
                assertEquals(StopReason.AT_EVENT, plain.runToEvent(EventIndex.of(e)).reason());
                mark.put(e, out.taken().length);
            }
            end = toEnd(plain);
            whole = out.taken();
        }
        Snapshots snapshots = new Snapshots(trace);
        try (ReplaySession restored = new SessionLauncher(IndexRunner.launch(), OutputListener.IGNORE).open(trace,
                out)) {
            for (long e : events) {
                out.clear();
                assertEquals(e, snapshots.restoreInto(restored, e).event().value(), "opened at event " + e);
                Stop last = toEnd(restored);
                assertEquals(end.reason(), last.reason(), "the end, from event " + e + ": " + last);
                assertEquals(end.event(), last.event(), "the end, from event " + e);
                assertArrayEquals(Arrays.copyOfRange(whole, mark.get(e), whole.length), out.taken(),
                        "the output from event " + e + " on: " + new String(out.taken()));
            }
        }
        return whole;
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

    /** The replay's output, appended as it comes. */
    private static final class Output implements OutputListener {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void output(OutputChannel channel, byte[] b) {
            bytes.writeBytes(b);
        }

        synchronized byte[] taken() {
            return bytes.toByteArray();
        }

        synchronized void clear() {
            bytes.reset();
        }
    }
}
