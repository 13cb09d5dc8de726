/*
 * WatchBisectionTest: reverse-continue with a data breakpoint on a local in a loop without
 * syscalls (one event) finds its changes by cutting the loop into stretches (WatchBisection) and
 * must stop exactly where the old search (the whole event run with the watched page protected,
 * -Drewind.watchBisection=false) stops: the same moments, values, descriptions and breakpoint ids,
 * for several stores per iteration, a store in a callee through a pointer, and a value that goes
 * 7 → 8 → 7 within one iteration (equal at both ends of every stretch around it).
 */
package dev.rewind.dap;

import static dev.rewind.dap.DataBreakpointClient.info;
import static dev.rewind.dap.DataBreakpointClient.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(600)
class WatchBisectionTest {
    private static final String FILE = "watch_bisect.c";
    private static final String PROPERTY = "rewind.watchBisection";
    /** How many reverse stops are compared per case. */
    private static final int STOPS = 7;

    @TempDir
    Path tmp;

    @Test
    void severalStoresPerIteration() throws Exception {
        List<String> fast = assertSameAsOldSearch("SEVERAL_RETURN");
        assertTrue(fast.get(0).contains("several"), fast::toString);
    }

    @Test
    void aStoreInACalleeThroughAPointer() throws Exception {
        List<String> fast = assertSameAsOldSearch("POINTER_RETURN");
        assertTrue(fast.get(0).contains("bump:") && fast.get(0).contains("by=197"), fast::toString);
    }

    /** 7 → 8 → 7 at i = 160, 110, 60, 10: every change is met, none skipped for equal ends. */
    @Test
    void aValueThatChangesBackAndForth() throws Exception {
        List<String> fast = assertSameAsOldSearch("FLIP_RETURN");
        int[][] want = {{7, 160}, {8, 160}, {7, 110}, {8, 110}, {7, 60}, {8, 60}, {7, 10}};
        for (int k = 0; k < want.length; k++) {
            int[] w = want[k];
            String got = fast.get(k);
            assertTrue(Pattern.compile("[{ ]v=" + w[0] + "[ ,}]").matcher(got).find()
                    && Pattern.compile("[{ ]i=" + w[1] + "[ ,}]").matcher(got).find(),
                    () -> "stop v=" + w[0] + " i=" + w[1] + ": " + got + " in " + fast);
        }
    }

    /** The reverse stops with bisection, asserted equal to those of the old search; returns them. */
    private List<String> assertSameAsOldSearch(String at) throws Exception {
        List<String> fast = reverseStops(at, true);
        List<String> slow = reverseStops(at, false);
        assertEquals(slow, fast);
        assertEquals(STOPS, fast.size(), fast::toString);
        return fast;
    }

    /** From the line marked {@code at}, with v watched: STOPS reverse-continues, each stop as the user sees it. */
    private List<String> reverseStops(String at, boolean bisect) throws Exception {
        String before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, Boolean.toString(bisect));
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            Map<String, Object> args = new HashMap<>();
            args.put("program", program.toString());
            args.put("args", List.of("200"));
            client.launch(args);
            String src = Debuggee.source(FILE).toString();
            client.setBreakpoints(src, Debuggee.line(FILE, at));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.setBreakpoints(src);
            watch(client, info(client, "v"));
            List<String> stops = new ArrayList<>();
            for (int k = 0; k < STOPS; k++) {
                StoppedEventArguments stop = TravelClient.reverseContinue(client);
                client.assertStopped(stop, "data breakpoint");
                stops.add(stop.getDescription() + " | " + stop.getText() + " | "
                        + Arrays.toString(stop.getHitBreakpointIds()) + " | " + TravelClient.state(client));
            }
            return stops;
        } finally {
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
        }
    }
}
