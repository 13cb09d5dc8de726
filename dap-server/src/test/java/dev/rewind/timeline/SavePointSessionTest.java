/*
 * SavePointSessionTest: the engine's time-travel primitives through the real agent, without DAP:
 * run to an event, make a save point there, run to the end, restore, run to the end again: the
 * same output and end; restoring twice; breakpoint positions (event, pc, hits) repeat exactly.
 */
package dev.rewind.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SavePoint;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavePointSessionTest {
    @TempDir
    Path tmp;

    private static final String PROGRAM = """
            #include <stdio.h>
            #include <time.h>
            static int step(int i) { return i * i; }
            int main(void) {
                long total = 0;
                for (int i = 0; i < 20; i++) {
                    struct timespec ts;
                    clock_gettime(CLOCK_REALTIME, &ts);
                    total += step(i) + ts.tv_nsec % 7;
                    printf("i=%d total=%ld\\n", i, total);
                    fflush(stdout);
                }
                return (int) (total % 100);
            }
            """;

    private Path build() throws Exception {
        Path src = tmp.resolve("prog.c");
        Files.writeString(src, PROGRAM);
        Path bin = tmp.resolve("prog");
        Process gcc = new ProcessBuilder("gcc", "-g", "-O0", "-o", bin.toString(), src.toString()).inheritIO().start();
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc failed");
        return bin;
    }

    /** Runs to the end, collecting breakpoint stops as "event/pc/hits" until the end of the recording. */
    private static List<String> runToEnd(ReplaySession session) throws Exception {
        List<String> positions = new ArrayList<>();
        while (true) {
            Stop stop = session.resume(dev.rewind.core.session.ResumeMode.CONTINUE);
            if (stop.reason() == StopReason.BREAKPOINT) {
                positions.add(stop.event().value() + "/" + Long.toHexString(stop.pc().value()) + "/" + stop.hits());
            } else if (stop.reason() == StopReason.EXITED) {
                positions.add("exited " + stop.waitStatus().raw());
            } else {
                assertEquals(StopReason.END, stop.reason(), stop::toString);
                return positions;
            }
        }
    }

    @Test
    void restoringASavePointReplaysTheSameFuture() throws Exception {
        Path bin = build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputListener collect = (channel, bytes) -> out.writeBytes(bytes);
        SessionLauncher launcher = new SessionLauncher(AgentLaunch.inheritIO(), OutputListener.IGNORE);
        SessionLauncher.Recorded recorded = launcher.recordAndOpen(
                new SessionLauncher.Program(bin, List.of("prog"), tmp, List.of("LANG=C")), OutputListener.IGNORE,
                collect);
        try (ReplaySession session = recorded.session()) {
            List<RemoteAddress> step = session.functionAddresses("step");
            assertFalse(step.isEmpty(), "step() has an address");
            session.setBreakpoints(step);

            Stop middle = session.runToEvent(EventIndex.of(60));
            assertTrue(middle.reason() == StopReason.AT_EVENT || middle.reason() == StopReason.BREAKPOINT,
                    middle::toString);
            while (middle.reason() == StopReason.BREAKPOINT) {
                middle = session.runToEvent(EventIndex.of(60));
            }
            assertEquals(60, middle.event().value(), middle::toString);
            SavePoint point = session.save();
            assertEquals(60, point.event().value());
            assertTrue(point.memoryBytes() > 0, "a save point holds some memory");

            out.reset();
            List<String> first = runToEnd(session);
            String firstOutput = out.toString();
            assertFalse(first.isEmpty());

            for (int round = 0; round < 2; round++) {
                Stop back = session.restore(point);
                assertEquals(StopReason.AT_EVENT, back.reason(), back::toString);
                assertEquals(60, back.event().value());
                out.reset();
                assertEquals(first, runToEnd(session), "the same breakpoint positions after restore " + round);
                assertEquals(firstOutput, out.toString(), "the same output after restore " + round);
            }
            session.drop(point);
        }
    }
}
