/*
 * TimelineTest: the Timeline through a real ReplaySession, without DAP: going forwards it places
 * save points and keeps them under the budget (count and memory reported); seeking to every
 * breakpoint position seen forwards, in a shuffled order, lands on the same state (the same
 * variables); reverse-continue from the end meets the same hits in reverse order, then the start.
 */
package dev.rewind.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Scope;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.session.Stepper;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.session.Variable;
import dev.rewind.core.timeline.Position;
import dev.rewind.core.timeline.Timeline;
import dev.rewind.core.timeline.TimelineConfig;
import dev.rewind.core.values.ValueFormatter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {
    @TempDir
    Path tmp;

    static final String PROGRAM = """
            #include <stdio.h>
            #include <time.h>
            static int step(int i) {
                int sq = i * i;
                return sq;
            }
            int main(void) {
                long total = 0;
                for (int i = 0; i < 30; i++) {
                    struct timespec ts;
                    clock_gettime(CLOCK_REALTIME, &ts);
                    total += step(i) + ts.tv_nsec % 7;
                    printf("i=%d total=%ld\\n", i, total);
                    fflush(stdout);
                }
                return (int) (total % 100);
            }
            """;

    /** One stop seen: where, and the innermost frame's variables there. */
    record Seen(Position position, List<String> values) {
    }

    static Path build(Path dir, String program) throws Exception {
        Path src = dir.resolve("prog.c");
        Files.writeString(src, program);
        Path bin = dir.resolve("prog");
        Process gcc = new ProcessBuilder("gcc", "-g", "-O0", "-o", bin.toString(), src.toString()).inheritIO().start();
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc failed");
        return bin;
    }

    static ReplaySession open(Path dir, Path bin) throws Exception {
        SessionLauncher launcher = new SessionLauncher(AgentLaunch.inheritIO(), OutputListener.IGNORE);
        return launcher.recordAndOpen(new SessionLauncher.Program(bin, List.of("prog"), dir, List.of("LANG=C")),
                OutputListener.IGNORE, OutputListener.IGNORE).session();
    }

    static List<String> values(ReplaySession session) throws Exception {
        ValueFormatter f = new ValueFormatter(session);
        List<String> out = new ArrayList<>();
        session.stack(1);
        for (Variable v : session.variables(0, Scope.LOCALS)) {
            out.add(v.name() + "=" + f.ofVariable(v).display());
        }
        return out;
    }

    @Test
    void seeksAndReverseContinueMatchTheForwardRun() throws Exception {
        Path bin = build(tmp, PROGRAM);
        try (ReplaySession session = open(tmp, bin)) {
            Timeline timeline = new Timeline(session, new TimelineConfig(10, 5, 1L << 40));
            session.setBreakpoints(session.functionAddresses("step"));
            List<Seen> forwards = new ArrayList<>();
            long t0 = System.nanoTime();
            while (true) {
                Stop stop = timeline.resume();
                if (stop.reason() != StopReason.BREAKPOINT) {
                    break;
                }
                forwards.add(new Seen(timeline.position(), values(session)));
                assertTrue(timeline.savePointCount() <= 5, "save points within the count budget");
            }
            long forwardMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(30, forwards.size());
            assertTrue(timeline.savePointCount() >= 3, "save points were placed: " + timeline.savePoints());
            assertTrue(timeline.savePointCount() <= 5, "count budget kept: " + timeline.savePoints());
            assertTrue(timeline.savePointMemory() > 0, "save points hold memory");
            Position end = timeline.position();
            assertEquals(Position.Kind.END, end.kind());

            List<Seen> shuffled = new ArrayList<>(forwards);
            Collections.shuffle(shuffled, new Random(7));
            for (Seen s : shuffled.subList(0, 8)) {
                timeline.seek(s.position());
                assertEquals(s.position(), timeline.position());
                assertEquals(s.values(), values(session), () -> "values at " + s.position());
            }
            timeline.seek(end);

            List<Seen> backwards = new ArrayList<>();
            long worst = 0;
            while (true) {
                long t = System.nanoTime();
                Stop stop = timeline.reverseContinue();
                worst = Math.max(worst, System.nanoTime() - t);
                if (stop.reason() == StopReason.ENTRY) {
                    break;
                }
                assertEquals(StopReason.BREAKPOINT, stop.reason());
                backwards.add(new Seen(timeline.position(), values(session)));
            }
            Collections.reverse(backwards);
            assertEquals(forwards, backwards);
            assertEquals(timeline.start(), timeline.position());
            assertTrue(timeline.savePointCount() <= 5, "count budget kept going backwards");
            System.out.printf("timeline: forward run %d ms, worst reverseContinue %d ms, %d save points, %d bytes%n",
                    forwardMs, worst / 1_000_000, timeline.savePointCount(), timeline.savePointMemory());
        }
    }

    @Test
    void theMemoryBudgetEvictsSavePoints() throws Exception {
        Path bin = build(tmp, PROGRAM);
        long unlimited;
        int count;
        try (ReplaySession session = open(tmp, bin)) {
            Timeline timeline = new Timeline(session, new TimelineConfig(5, 1000, 1L << 40));
            while (timeline.resume().reason() == StopReason.AT_EVENT) {
                // runs to the end
            }
            unlimited = timeline.savePointMemory();
            count = timeline.savePointCount();
        }
        assertTrue(unlimited > 0 && count > 4, "save points were made: " + count + ", " + unlimited + " bytes");
        long budget = unlimited / 3;
        try (ReplaySession session = open(tmp, bin)) {
            Timeline timeline = new Timeline(session, new TimelineConfig(5, 1000, budget));
            timeline.resume();
            long memory = timeline.savePointMemory();
            assertTrue(memory <= budget || timeline.savePointCount() == 1, "memory " + memory + " within " + budget);
            assertTrue(timeline.savePointCount() < count, "some save points were evicted");
            assertTrue(timeline.savePointCount() >= 1);
            System.out.printf("timeline: %d save points hold %d bytes; with a budget of %d: %d hold %d%n", count,
                    unlimited, budget, timeline.savePointCount(), memory);
        }
    }

    static final String LONG_CALL = """
            #include <stdio.h>
            #include <unistd.h>
            static long busy(int n) {
                long sum = 0;
                for (int i = 0; i < n; i++)
                    sum += getppid() % 3;
                return sum;
            }
            int main(void) {
                long s = busy(300);
                printf("%ld\\n", s);
                return 0;
            }
            """;

    @Test
    void stepsOverLongCallsLeaveSavePointsBehind() throws Exception {
        Path bin = build(tmp, LONG_CALL);
        try (ReplaySession session = open(tmp, bin)) {
            Timeline timeline = new Timeline(session, new TimelineConfig(50, 64, 1L << 40));
            Stepper stepper = new Stepper(session);
            stepper.setRunner(timeline::run);
            stepper.setSavePlan(timeline.savePlan());
            session.setBreakpoints(session.functionAddresses("main"));
            assertEquals(StopReason.BREAKPOINT, stepper.resume().reason());
            session.setBreakpoints(List.of());
            int before = timeline.savePointCount();
            Stop stop = stepper.next(); // over busy(300): 300 syscalls
            assertEquals(StopReason.STEP, stop.reason());
            assertTrue(timeline.savePointCount() >= before + 5, "save points placed while stepping over the call: "
                    + before + " -> " + timeline.savePoints());
            // and the moment after the step is reached again from them
            Position here = timeline.position();
            List<String> vars = values(session);
            timeline.seek(timeline.start());
            timeline.seek(here);
            assertEquals(vars, values(session));
        }
    }
}
