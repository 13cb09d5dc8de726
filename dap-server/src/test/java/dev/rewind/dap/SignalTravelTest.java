/*
 * SignalTravelTest: time travel across signals in the past. signals.c faults (a caught SIGSEGV)
 * and raises SIGUSR1 in every iteration: forwards, the breakpoint hits (in both handlers and after
 * them) and the fault stops ("exception") are the ground truth; from the end reverse-continue must
 * meet the same breakpoint stops in reverse order, a seek to every event of the recording must land
 * there, and step back works right after a fault was handled. A crash (crash.c): from the fatal
 * fault, reverse-continue and step back reach the moments before it.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.dap.TravelClient.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalTravelTest {
    @TempDir
    Path tmp;

    @Test
    void reverseContinueRetracesHitsAcrossCaughtSignals() throws Exception {
        String file = "signals.c";
        Path program = Debuggee.compile(file, tmp, "-O0");
        int[] lines = {Debuggee.line(file, "SEGV_HANDLER"), Debuggee.line(file, "USR1_HANDLER"),
                Debuggee.line(file, "AFTER_SIGNALS")};
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source(file).toString(), lines);
            client.configurationDone();
            List<State> forwards = new ArrayList<>();
            int faults = 0;
            StoppedEventArguments stop = client.awaitStopped();
            while (stop.getReason().equals("breakpoint") || stop.getReason().equals("exception")) {
                if (stop.getReason().equals("exception")) {
                    faults++;
                    assertEquals(Debuggee.line(file, "FAULT_LINE"), client.stackTrace()[0].getLine());
                } else {
                    forwards.add(TravelClient.state(client));
                }
                stop = TravelClient.continueToStop(client);
            }
            assertEquals("end", stop.getReason());
            assertEquals(3, faults, "one fault per iteration");
            assertEquals(9, forwards.size(), "three breakpoints, three iterations: " + forwards);

            assertEquals(forwards, TravelClient.reverseContinueToStart(client));
        }
    }

    @Test
    void seekLandsOnEveryEventAcrossSignals() throws Exception {
        Path program = Debuggee.compile("signals.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, true);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "entry");
            long start = TravelClient.event(client);
            long total = ((Number) DapTestClient.call(client.rewind().position(Map.of())).get("totalEvents")).longValue();
            // backwards from the end, then forwards: each seek crosses the signals of the past
            List<Long> order = new ArrayList<>();
            for (long e = total - 1; e > start; e -= 3) {
                order.add(e);
            }
            for (long e = start + 1; e < total; e += 5) {
                order.add(e);
            }
            for (long e : order) {
                DapTestClient.call(client.rewind().seek(Map.of("event", e)));
                StoppedEventArguments stop = client.awaitStopped();
                assertEquals("step", stop.getReason(), () -> "seek to " + e + ": " + stop.getDescription());
                assertEquals(e, TravelClient.event(client));
            }
        }
    }

    @Test
    void stepBackFromAHandledFaultsAftermath() throws Exception {
        String file = "signals.c";
        Path program = Debuggee.compile(file, tmp, "-O0");
        int after = Debuggee.line(file, "AFTER_SIGNALS");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source(file).toString(), new int[] {after});
            client.configurationDone();
            StoppedEventArguments stop = client.awaitStopped();
            while (!stop.getReason().equals("breakpoint")) {
                stop = TravelClient.continueToStop(client); // past the first fault
            }
            State first = TravelClient.state(client);
            assertEquals(after, first.line());
            // forwards one line, then back: the same state again
            TravelClient.next(client);
            client.assertStopped(TravelClient.stepBack(client), "step");
            assertEquals(first, TravelClient.state(client));
            // back past the raise(SIGUSR1) and the handled fault: an earlier line of main
            client.assertStopped(TravelClient.stepBack(client), "step");
            StackFrame top = client.stackTrace()[0];
            assertEquals("main", top.getName());
            assertTrue(top.getLine() < after, "stepped back to line " + top.getLine());
        }
    }

    @Test
    void fromACrashBackToTheMomentsBeforeIt() throws Exception {
        String file = "crash.c";
        Path program = Debuggee.compile(file, tmp, "-O0");
        int call = Debuggee.line(file, "CRASH_CALL");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source(file).toString(), new int[] {call});
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            State atCall = TravelClient.state(client);
            client.assertStopped(TravelClient.continueToStop(client), "exception");
            assertEquals(Debuggee.line(file, "CRASH_LINE"), client.stackTrace()[0].getLine());
            // reverse-continue from the fault: the breakpoint before it
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals(atCall, TravelClient.state(client));
            // forwards to the fault again, then the end (the recorded death), then back from the very end
            client.assertStopped(TravelClient.continueToStop(client), "exception");
            assertEquals("end", TravelClient.continueToStop(client).getReason());
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals(atCall, TravelClient.state(client));
        }
    }
}
