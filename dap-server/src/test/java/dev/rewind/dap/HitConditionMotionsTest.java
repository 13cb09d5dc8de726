/*
 * HitConditionMotionsTest: a "% 7" hit condition on a loop's body (motions.c, work(3) then
 * work(40): hits 1-3, then 4-43) stops at hits 7, 14, ... 42 of the whole recording, forwards
 * and backwards: continue stops at each, reverseContinue lands on the last one before now, and
 * going on forwards after a travel counts on from the hits up to the new moment.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(240)
class HitConditionMotionsTest {
    private static final String FILE = "motions.c";
    /** i at hits 7, 14, 21, 28, 35, 42 (hit h of work(40) is i = h - 4). */
    private static final List<String> EVERY_7TH = List.of("3", "10", "17", "24", "31", "38");

    @TempDir
    Path tmp;

    @Test
    void moduloStopsAtTheSameHitsForwardsAndBackwards() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            Map<String, Object> launch = new HashMap<>();
            launch.put("program", program.toString());
            launch.put("args", List.of("40"));
            client.launch(launch);
            client.setSourceBreakpoints(Debuggee.source(FILE).toString(),
                    DapTestClient.breakpoint(Debuggee.line(FILE, "WORK_BODY"), null, "% 7", null));
            client.configurationDone();
            List<String> forwards = new ArrayList<>();
            StoppedEventArguments stop = client.awaitStopped();
            while (stop.getReason().equals("breakpoint")) {
                forwards.add(client.local("i"));
                stop = TravelClient.continueToStop(client);
            }
            assertEquals("end", stop.getReason(), client::console);
            assertEquals(EVERY_7TH, forwards);

            List<String> backwards = new ArrayList<>();
            stop = TravelClient.reverseContinue(client);
            while (stop.getReason().equals("breakpoint")) {
                backwards.add(client.local("i"));
                stop = TravelClient.reverseContinue(client);
            }
            client.assertStopped(stop, "entry");
            List<String> reversed = new ArrayList<>(EVERY_7TH);
            Collections.reverse(reversed);
            assertEquals(reversed, backwards);

            // forwards from the start to the third stop, back one, on again: the same hits
            for (int k = 0; k < 3; k++) {
                client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            }
            assertEquals("17", client.local("i"));
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals("10", client.local("i"));
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals("17", client.local("i"));
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals("24", client.local("i"));
        }
    }
}
