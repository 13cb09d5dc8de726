/*
 * ShmReattachTravelTest: a System V segment attached again after the replay travelled back (a save
 * point restored while an earlier attach of it is still mapped) is the same segment, not a fresh
 * copy: shm_reattach.c's read-only attach must show a store made through the earlier attach, on
 * the first pass and again after reverseContinue, and the replay reaches the recording's end.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rewind.dap.TravelClient.State;
import java.nio.file.Path;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class ShmReattachTravelTest {
    private static final String FILE = "shm_reattach.c";

    @TempDir
    Path tmp;

    @Test
    void anAttachReplayedAgainAfterTravellingBackAliasesTheEarlierOne() throws Exception {
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(Debuggee.compile(FILE, tmp, "-O0"), false);
            String source = Debuggee.source(FILE).toString();
            int beforeRo = Debuggee.line(FILE, "BEFORE_RO");
            int atEnd = Debuggee.line(FILE, "AT_END");
            client.setBreakpoints(source, beforeRo, atEnd);
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            for (int pass = 1; pass <= 3; pass++) {
                assertEquals(beforeRo, TravelClient.state(client).line(), "pass " + pass);
                client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
                State end = TravelClient.state(client);
                assertEquals(atEnd, end.line(), () -> "landed at " + end);
                assertEquals("2", end.locals().get("checks"), () -> "pass: at " + end + "\n" + client.console());
                client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            }
            client.setBreakpoints(source);
            assertEquals("end", TravelClient.continueToStop(client).getReason(), client.console());
            assertEquals(0, client.all("exited", ExitedEventArguments.class).get(0).getExitCode());
        }
    }
}
