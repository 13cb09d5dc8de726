/*
 * DataBreakpointTravelTest: data breakpoints and travel together on watch.c: a stop made by a data
 * breakpoint (forwards or backwards) stays a place the replay can leave and come back to after the
 * data breakpoints change or are removed (reverse-continue, stepBack, continue from there), and a
 * backward data breakpoint stop reads like the forward one (the watched expression named, the
 * breakpoint's id in hitBreakpointIds), for stores and for bytes a syscall wrote.
 */
package dev.rewind.dap;

import static dev.rewind.dap.DataBreakpointClient.evaluateInMain;
import static dev.rewind.dap.DataBreakpointClient.info;
import static dev.rewind.dap.DataBreakpointClient.watch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class DataBreakpointTravelTest {
    private static final String FILE = "watch.c";

    @TempDir
    Path tmp;

    @Test
    void aForwardWatchStopIsLeftAndFoundAgainAfterTheWatchIsRemoved() throws Exception {
        try (DapTestClient client = atLine("LOOP_HEAD")) {
            watch(client, info(client, "counter"));
            StoppedEventArguments stop = TravelClient.continueToStop(client);
            client.assertStopped(stop, "data breakpoint");
            stop = TravelClient.continueToStop(client);
            client.assertStopped(stop, "data breakpoint");
            assertEquals("3", evaluateInMain(client, "counter"));
            watch(client);
            // a line breakpoint before: its last hit; then none at all: the start, not the program's exit
            int add = Debuggee.line(FILE, "COUNTER_ADD");
            client.setBreakpoints(Debuggee.source(FILE).toString(), add);
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals(add, client.stackTrace()[0].getLine());
            assertEquals("1", evaluateInMain(client, "counter"));
            assertEquals("2", client.local("i"));
            client.setBreakpoints(Debuggee.source(FILE).toString());
            client.assertStopped(TravelClient.reverseContinue(client), "entry");
        }
        try (DapTestClient client = atLine("LOOP_HEAD")) {
            watch(client, info(client, "counter"));
            client.assertStopped(TravelClient.continueToStop(client), "data breakpoint");
            client.assertStopped(TravelClient.continueToStop(client), "data breakpoint");
            watch(client);
            // (the stop is mid-way in counter += i: back to that line's start, before the store)
            client.assertStopped(TravelClient.stepBack(client), "step");
            assertEquals("main", client.stackTrace()[0].getName());
            assertEquals(Debuggee.line(FILE, "COUNTER_ADD"), client.stackTrace()[0].getLine());
            assertEquals("1", evaluateInMain(client, "counter"));
            assertEquals("2", client.local("i"));
            // and another set of data breakpoints from here: pt.y last changed at i == 2, before
            watch(client, info(client, "pt.y"));
            client.assertStopped(TravelClient.reverseContinue(client), "data breakpoint");
            assertEquals("1", evaluateInMain(client, "pt.y"));
            assertEquals("0", localOfMain(client, "i"));
        }
    }

    @Test
    void aBackwardWatchStopIsLeftAndFoundAgainAfterTheWatchIsRemoved() throws Exception {
        try (DapTestClient client = atLine("MAIN_FIRST")) {
            String counter = info(client, "counter");
            client.setBreakpoints(Debuggee.source(FILE).toString(), Debuggee.line(FILE, "MAIN_RETURN"));
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            client.setBreakpoints(Debuggee.source(FILE).toString());
            watch(client, counter);
            client.assertStopped(TravelClient.reverseContinue(client), "data breakpoint");
            assertEquals("10", evaluateInMain(client, "counter"));
            watch(client);
            client.assertStopped(TravelClient.stepBack(client), "step");
            assertEquals("main", client.stackTrace()[0].getName());
            assertEquals("4", client.local("i"));
            int add = Debuggee.line(FILE, "COUNTER_ADD");
            client.setBreakpoints(Debuggee.source(FILE).toString(), add);
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals(add, client.stackTrace()[0].getLine());
            client.setBreakpoints(Debuggee.source(FILE).toString());
            client.assertStopped(TravelClient.reverseContinue(client), "entry");
        }
        try (DapTestClient client = atLine("MAIN_FIRST")) {
            String counter = info(client, "counter");
            client.setBreakpoints(Debuggee.source(FILE).toString(), Debuggee.line(FILE, "MAIN_RETURN"));
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            client.setBreakpoints(Debuggee.source(FILE).toString());
            watch(client, counter);
            client.assertStopped(TravelClient.reverseContinue(client), "data breakpoint");
            watch(client);
            client.assertStopped(TravelClient.reverseContinue(client), "entry");
            // forwards from the start with nothing set: the end
            assertEquals("end", TravelClient.continueToStop(client).getReason());
        }
    }

    @Test
    void backwardWatchStopsReadLikeForwardOnes() throws Exception {
        try (DapTestClient client = atLine("LOOP_HEAD")) {
            Breakpoint[] set = watch(client, info(client, "counter"), info(client, "buf"));
            List<String> forwards = new ArrayList<>();
            StoppedEventArguments stop = TravelClient.continueToStop(client);
            while (stop.getReason().equals("data breakpoint")) {
                forwards.add(describe(stop));
                stop = TravelClient.continueToStop(client);
            }
            assertEquals(List.of("counter changed " + set[0].getId(), "counter changed " + set[0].getId(),
                    "counter changed " + set[0].getId(), "counter changed " + set[0].getId(),
                    "buf changed " + set[1].getId()), forwards);
            List<String> backwards = new ArrayList<>();
            stop = TravelClient.reverseContinue(client);
            while (stop.getReason().equals("data breakpoint") && backwards.size() < forwards.size()) {
                backwards.add(0, describe(stop));
                stop = TravelClient.reverseContinue(client);
            }
            assertEquals(forwards, backwards);
        }
    }

    private static String describe(StoppedEventArguments stop) {
        Integer[] ids = stop.getHitBreakpointIds();
        assertTrue(ids != null && ids.length == 1, () -> stop.getDescription() + ": ids " + java.util.Arrays.toString(ids));
        assertArrayEquals(new Integer[] {ids[0]}, ids);
        return stop.getDescription() + " " + ids[0];
    }

    /** A session stopped at the line with {@code marker}, the line breakpoint removed. */
    private DapTestClient atLine(String marker) throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        DapTestClient client = InProcessDap.start();
        try {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source(FILE).toString(), Debuggee.line(FILE, marker));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.setBreakpoints(Debuggee.source(FILE).toString());
            return client;
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
    }

    private static String localOfMain(DapTestClient client, String name) throws Exception {
        return evaluateInMain(client, name);
    }
}
