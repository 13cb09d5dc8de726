/*
 * SignalPointTravelTest: time travel around an asynchronous signal that arrived in user code (a
 * SIGALRM in a loop without syscalls, signal_spin.c): the replay delivers it at the recorded
 * iteration, so a breakpoint in the handler stops there, over main's interrupted loop; a line on
 * and a step back (a replay from before the signal) give the same state; from the end,
 * reverse-continue finds the handler's stop again in the same state.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.dap.TravelClient.State;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SignalPointTravelTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theHandlerIsHitInTheSameStateForwardsAndBackwards() throws Exception {
        String file = "signal_spin.c";
        Path program = Debuggee.compile(file, tmp, "-O0");
        int handler = Debuggee.line(file, "HANDLER_LINE");
        int spin = Debuggee.line(file, "SPIN_LINE");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source(file).toString(), new int[] {handler});
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            State inHandler = TravelClient.state(client);
            assertEquals("on_alarm", inHandler.function());
            assertEquals(handler, inHandler.line());

            // a line on in the handler, then back: the same state (replayed from before the signal)
            TravelClient.next(client);
            assertEquals(handler + 1, client.stackTrace()[0].getLine());
            client.assertStopped(TravelClient.stepBack(client), "step");
            assertEquals(inHandler, TravelClient.state(client));
            StackFrame[] frames = client.stackTrace();
            // (main's loop: its condition or its body, wherever the signal came)
            assertTrue(Arrays.stream(frames).anyMatch(f -> f.getName().equals("main")
                    && (f.getLine() == spin || f.getLine() == spin - 1)),
                    () -> "the handler interrupted main's loop: "
                            + Arrays.stream(frames).map(f -> f.getName() + ":" + f.getLine()).toList());

            // to the end, then back to the handler's stop
            StoppedEventArguments end = TravelClient.continueToStop(client);
            assertEquals("end", end.getReason());
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals(inHandler, TravelClient.state(client));
        }
    }
}
