/*
 * ConditionalPauseTest: a continue that runs past thousands of breakpoint hits whose condition is
 * false (each evaluated in Java) still answers pause at once, and stops inside the loop; so does a
 * reverse-continue searching the past for such a hit, which then leaves the replay usable.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionalPauseTest {
    @TempDir
    Path tmp;

    @Test
    void pauseStopsARunOfFalseConditions() throws Exception {
        try (DapTestClient client = launchHot()) {
            client.setSourceBreakpoints(Debuggee.source("hot.c").toString(),
                    DapTestClient.breakpoint(Debuggee.line("hot.c", "/* HOT */"), "i == -1", null, null));
            client.configurationDone();
            Thread.sleep(500);
            PauseArguments pause = new PauseArguments();
            pause.setThreadId(1);
            long asked = System.nanoTime();
            DapTestClient.call(client.server().pause(pause));
            StoppedEventArguments stop = client.awaitStopped();
            long tookMs = (System.nanoTime() - asked) / 1_000_000;
            client.assertStopped(stop, "pause");
            assertTrue(tookMs < 5_000, "paused within " + tookMs + " ms");
            StackFrame main = null;
            for (StackFrame f : client.stackTrace()) {
                if (f.getName().equals("main")) {
                    main = f;
                }
            }
            assertTrue(main != null, "paused in the program's loop");
            long rounds = Long.parseLong(client.evaluate("i", main.getId(), "watch").getResult());
            assertTrue(rounds > 0 && rounds < 100_000, "paused inside the loop, at round " + rounds);
            assertEquals("-1", client.evaluate("rounds == 100000 ? -1 : 0", main.getId(), "repl").getResult());
        }
    }

    @Test
    void pauseStopsABackwardSearch() throws Exception {
        try (DapTestClient client = launchHot()) {
            client.configurationDone();
            assertEquals("end", client.awaitStopped().getReason());
            client.setSourceBreakpoints(Debuggee.source("hot.c").toString(),
                    DapTestClient.breakpoint(Debuggee.line("hot.c", "/* HOT */"), "i == -1", null, null));
            ReverseContinueArguments back = new ReverseContinueArguments();
            back.setThreadId(1);
            DapTestClient.call(client.server().reverseContinue(back));
            Thread.sleep(500);
            PauseArguments pause = new PauseArguments();
            pause.setThreadId(1);
            DapTestClient.call(client.server().pause(pause));
            StoppedEventArguments stop = client.awaitStopped();
            client.assertStopped(stop, "pause");
            // the replay is usable where the search was: forwards again to the end
            client.setSourceBreakpoints(Debuggee.source("hot.c").toString());
            assertEquals("end", client.continueToStop().getReason());
        }
    }

    /** hot.c with 100000 rounds, recorded and launched (not stopping on entry). */
    private DapTestClient launchHot() throws Exception {
        Path program = Debuggee.compile("hot.c", tmp, "-O0");
        DapTestClient client = InProcessDap.start();
        Map<String, Object> launch = new HashMap<>();
        launch.put("program", program.toString());
        launch.put("args", java.util.List.of("100000"));
        launch.put("stopOnEntry", false);
        client.launch(launch);
        return client;
    }
}
