/*
 * DataBreakpointTest: data breakpoints (write watchpoints by page protection) on watch.c: a
 * global and a static struct's member changed through a pointer; forwards every change stops
 * ("data breakpoint", after the store), stores that leave the value as it was do not; from the end
 * reverse-continue meets the same changes in reverse order ("when did this last change"); bytes the
 * kernel writes (read() into a buffer) stop after that syscall; step back from a data breakpoint
 * stop; what cannot be watched is refused with the reason.
 */
package dev.rewind.dap;

import static dev.rewind.dap.DataBreakpointClient.evaluateInMain;
import static dev.rewind.dap.DataBreakpointClient.info;
import static dev.rewind.dap.DataBreakpointClient.infoResponse;
import static dev.rewind.dap.DataBreakpointClient.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.dap.TravelClient.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataBreakpointTest {
    private static final String FILE = "watch.c";

    @TempDir
    Path tmp;

    @Test
    void everyChangeForwardsAndTheSameBackwards() throws Exception {
        try (DapTestClient client = atLine("LOOP_HEAD")) {
            long loop = TravelClient.event(client);
            // (main's return stops the forward run before the exit code reuses main's stack)
            client.setBreakpoints(Debuggee.source(FILE).toString(), Debuggee.line(FILE, "MAIN_RETURN"));
            Breakpoint[] set = watch(client, info(client, "counter"), info(client, "pt.y"));
            assertTrue(set[0].isVerified() && set[1].isVerified(), () -> set[0].getMessage() + " / " + set[1].getMessage());
            List<State> forwards = new ArrayList<>();
            List<String> values = new ArrayList<>();
            StoppedEventArguments stop = TravelClient.continueToStop(client);
            while (stop.getReason().equals("data breakpoint")) {
                forwards.add(TravelClient.state(client));
                values.add(stop.getDescription() + " " + evaluateInMain(client, "counter") + "," + evaluateInMain(client, "pt.y"));
                stop = TravelClient.continueToStop(client);
            }
            client.assertStopped(stop, "breakpoint");
            client.setBreakpoints(Debuggee.source(FILE).toString());
            // counter: 0 (+0, no change), 1, 3, 6, 10; pt.y: 1 (i=0), 4 (i=2), 9 (i=4), interleaved
            assertEquals(List.of("pt.y changed 0,1", "counter changed 1,1", "counter changed 3,1", "pt.y changed 3,4",
                    "counter changed 6,4", "counter changed 10,4", "pt.y changed 10,9"), values);
            // backwards from main's return: the same moments in reverse order; before the loop the
            // same bytes were stack memory of the dynamic loader, whose stores stop too, then the start
            List<State> backwards = new ArrayList<>();
            stop = TravelClient.reverseContinue(client);
            while (stop.getReason().equals("data breakpoint") && backwards.size() < forwards.size()) {
                backwards.add(TravelClient.state(client));
                stop = TravelClient.reverseContinue(client);
            }
            Collections.reverse(backwards);
            assertEquals(forwards, backwards);
            assertTrue(TravelClient.event(client) <= loop, "the change before the loop's first comes before it");
            while (stop.getReason().equals("data breakpoint")) {
                stop = TravelClient.reverseContinue(client);
            }
            client.assertStopped(stop, "entry");
        }
    }

    @Test
    void whenDidThisLastChangeFromTheEnd() throws Exception {
        try (DapTestClient client = atLine("MAIN_FIRST")) {
            String counter = info(client, "counter");
            assertEquals("end", client.continueToStop().getReason());
            watch(client, counter);
            client.assertStopped(TravelClient.reverseContinue(client), "data breakpoint");
            assertEquals("10", evaluateInMain(client, "counter"));
            assertEquals("4", client.local("i"));
            // and step back from there: an earlier line of main, the watch still set afterwards
            client.assertStopped(TravelClient.stepBack(client), "step");
            assertEquals("main", client.stackTrace()[0].getName());
            client.assertStopped(TravelClient.reverseContinue(client), "data breakpoint");
            assertEquals("6", evaluateInMain(client, "counter"));
        }
    }

    @Test
    void bytesTheKernelWritesStopAfterTheSyscall() throws Exception {
        try (DapTestClient client = atLine("LOOP_HEAD")) {
            watch(client, info(client, "buf"));
            StoppedEventArguments stop = TravelClient.continueToStop(client);
            assertEquals("data breakpoint", stop.getReason(), stop.getDescription());
            assertEquals("buf changed", stop.getDescription());
            assertTrue(evaluateInMain(client, "buf").contains("hello"), evaluateInMain(client, "buf"));
            long afterRead = TravelClient.event(client);
            // from main's return back: the same change, the read
            client.setBreakpoints(Debuggee.source(FILE).toString(), Debuggee.line(FILE, "MAIN_RETURN"));
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            client.setBreakpoints(Debuggee.source(FILE).toString());
            client.assertStopped(TravelClient.reverseContinue(client), "data breakpoint");
            assertTrue(evaluateInMain(client, "buf").contains("hello"), evaluateInMain(client, "buf"));
            assertEquals(afterRead, TravelClient.event(client));
        }
    }

    @Test
    void acrossFaultsAndSignalHandlers() throws Exception {
        // signals.c: each iteration faults (caught: faults++) and raises SIGUSR1 (usr1s += 10);
        // the fault is delivered, and the handler frames written, with the watched page protected
        String file = "signals.c";
        Path program = Debuggee.compile(file, tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setBreakpoints(Debuggee.source(file).toString(), Debuggee.line(file, "FAULT_LINE"));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            client.setBreakpoints(Debuggee.source(file).toString());
            watch(client, info(client, "faults"), info(client, "usr1s"));
            List<String> forwards = new ArrayList<>();
            List<State> changes = new ArrayList<>();
            StoppedEventArguments stop = TravelClient.continueToStop(client);
            while (!stop.getReason().equals("end") && forwards.size() < 20) {
                forwards.add(stop.getReason() + " " + client.evaluate("faults", client.stackTrace()[0].getId(), "watch")
                        .getResult() + "/" + client.evaluate("usr1s", client.stackTrace()[0].getId(), "watch").getResult());
                if (stop.getReason().equals("data breakpoint")) {
                    changes.add(TravelClient.state(client));
                }
                stop = TravelClient.continueToStop(client);
            }
            assertEquals(List.of("exception 0/0", "data breakpoint 1/0", "data breakpoint 1/10",
                    "exception 1/10", "data breakpoint 2/10", "data breakpoint 2/20",
                    "exception 2/20", "data breakpoint 3/20", "data breakpoint 3/30"), forwards);
            client.awaitStdout("i=2 faults=3 usr1s=30 total=3");
            List<State> backwards = new ArrayList<>();
            stop = TravelClient.reverseContinue(client);
            while (stop.getReason().equals("data breakpoint") && backwards.size() < changes.size()) {
                backwards.add(TravelClient.state(client));
                stop = TravelClient.reverseContinue(client);
            }
            Collections.reverse(backwards);
            assertEquals(changes, backwards);
        }
    }

    @Test
    void whatCannotBeWatchedIsRefusedWithTheReason() throws Exception {
        try (DapTestClient client = atLine("MAIN_FIRST")) {
            DataBreakpointInfoResponse computed = infoResponse(client, "counter + 1");
            assertNull(computed.getDataId());
            assertTrue(computed.getDescription().contains("not in memory"), computed.getDescription());
            DataBreakpointInfoResponse unknown = infoResponse(client, "no_such_variable");
            assertNull(unknown.getDataId());
            SetDataBreakpointsArguments args = new SetDataBreakpointsArguments();
            DataBreakpoint read = new DataBreakpoint();
            read.setDataId(info(client, "counter"));
            read.setAccessType(DataBreakpointAccessType.READ);
            DataBreakpoint bogus = new DataBreakpoint();
            bogus.setDataId("not-an-id");
            args.setBreakpoints(new DataBreakpoint[] {read, bogus});
            Breakpoint[] got = DapTestClient.call(client.server().setDataBreakpoints(args)).getBreakpoints();
            assertFalse(got[0].isVerified());
            assertTrue(got[0].getMessage().contains("only write access"), got[0].getMessage());
            assertFalse(got[1].isVerified());
            // nothing is watched: the replay runs to its end
            assertEquals("end", TravelClient.continueToStop(client).getReason());
        }
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
}
