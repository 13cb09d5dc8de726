/*
 * StackTopPositionTest: moments whose registers repeat, told apart by the stack, near the top of
 * the stack. hot.c stops 20 times at DEEP within one event, each time with the same registers;
 * only main's locals (the loop counter) differ, a few hundred bytes above the stack pointer, where
 * the stack ends less than 4 KiB higher. The agent answers a memory read all or nothing, so the
 * Fingerprint's read past the end of the stack once came back empty: every arrival was taken for
 * the first (positions #1, reverse-continue to the start). Now the read stops at the unreadable
 * page, and each arrival has its own position.
 */
package dev.rewind.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.timeline.Position;
import dev.rewind.core.timeline.Timeline;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class StackTopPositionTest {
    @TempDir
    Path tmp;

    @Test
    void arrivalsWithTheSameRegistersHaveTheirOwnPositions() throws Exception {
        Path source = ScenarioRunner.root().resolve("native/tests/debuggee/hot.c");
        Path bin = tmp.resolve("hot");
        Process gcc = new ProcessBuilder("gcc", "-g", "-O0", "-o", bin.toString(), source.toString()).inheritIO().start();
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc failed");
        List<String> lines = Files.readAllLines(source);
        int deep = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("/* DEEP */")) {
                deep = i + 1;
            }
        }
        SessionLauncher launcher = new SessionLauncher(AgentLaunch.inheritIO(), OutputListener.IGNORE);
        try (ReplaySession session = launcher.recordAndOpen(new SessionLauncher.Program(bin, List.of("hot", "50"),
                tmp, List.of("LANG=C")), OutputListener.IGNORE, OutputListener.IGNORE).session()) {
            Timeline timeline = new Timeline(session);
            session.setBreakpoints(session.lineAddresses(source.toString(), deep).addresses());
            Position first = null;
            for (int hit = 1; hit <= 4; hit++) {
                assertEquals(StopReason.BREAKPOINT, timeline.resume().reason());
                Position p = timeline.position();
                first = first == null ? p : first;
                assertEquals(Position.at(first.event(), first.pc(), hit), p);
            }
            // a read across the end of the stack gives the readable part
            long sp = session.registers().sp().value();
            int got = session.readMemory(RemoteAddress.of(sp), 1 << 16).length;
            assertTrue(got > 0 && got < 1 << 16, "read " + got + " bytes at the stack pointer");

            assertEquals(StopReason.BREAKPOINT, timeline.reverseContinue().reason());
            assertEquals(Position.at(first.event(), first.pc(), 3), timeline.position());
        }
    }
}
