/*
 * ReverseConditionsTest: breakpoint options going backwards mean what they mean forwards: a
 * condition holds at the past arrival; a hit condition counts hits from the start of the
 * recording (the 2nd hit is the 2nd of the whole run, whichever way it is reached), and after a
 * travel the counting goes on from the hits up to the new moment; a log point neither stops nor
 * prints again while the past is searched.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReverseConditionsTest {
    private static final String FILE = "travel.c";

    @TempDir
    Path tmp;

    @Test
    void conditionsHoldAtThePastArrival() throws Exception {
        try (DapTestClient client = atTheEnd()) {
            client.setSourceBreakpoints(Debuggee.source(FILE).toString(),
                    DapTestClient.breakpoint(line("SQUARE_FIRST"), "v % 2 == 1", null, null));
            assertEquals(List.of("3", "1"), backToTheStart(client));
        }
    }

    @Test
    void hitConditionsCountFromTheStartOfTheRecording() throws Exception {
        try (DapTestClient client = atTheEnd()) {
            // square(v) runs for v = 0, 1, 2, 3: hits 1 to 4
            client.setSourceBreakpoints(Debuggee.source(FILE).toString(),
                    DapTestClient.breakpoint(line("SQUARE_FIRST"), null, "== 2", null));
            assertEquals(List.of("1"), backToTheStart(client));
            // at the start there is no past: it stays there
            client.assertStopped(TravelClient.reverseContinue(client), "entry");
            client.setSourceBreakpoints(Debuggee.source(FILE).toString(),
                    DapTestClient.breakpoint(line("SQUARE_FIRST"), null, ">= 3", null));
            DapTestClient.call(client.rewind().seek(java.util.Map.of("event", 1_000_000)));
            assertEquals("end", client.awaitStopped().getReason());
            assertEquals(List.of("3", "2"), backToTheStart(client));
            // forwards from the start: hits 1 and 2 do not stop, the 3rd does
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals("2", client.local("v"));
            // back to the 4th hit's moment and on: counting goes on from there (the end comes next)
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals("3", client.local("v"));
            client.assertStopped(TravelClient.reverseContinue(client), "breakpoint");
            assertEquals("2", client.local("v"));
            client.assertStopped(TravelClient.continueToStop(client), "breakpoint");
            assertEquals("3", client.local("v"));
            assertEquals("end", TravelClient.continueToStop(client).getReason());
        }
    }

    @Test
    void logPointsNeitherStopNorPrintAgainGoingBack() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            client.setSourceBreakpoints(Debuggee.source(FILE).toString(),
                    DapTestClient.breakpoint(line("SQUARE_FIRST"), null, null, "square of {v}"),
                    DapTestClient.breakpoint(line("MAIN_SUM"), null, null, null));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "breakpoint");
            String printed = client.console();
            assertEquals(4, count(printed, "square of "), printed);
            // back over all four log point arrivals: the start, nothing printed again
            client.assertStopped(TravelClient.reverseContinue(client), "entry");
            assertEquals(4, count(client.console(), "square of "), client.console());
        }
    }

    private DapTestClient atTheEnd() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.configurationDone();
        assertEquals("end", client.awaitStopped().getReason());
        return client;
    }

    /** The values of v at each reverse-continue stop, back to the start. */
    private static List<String> backToTheStart(DapTestClient client) throws Exception {
        List<String> seen = new ArrayList<>();
        StoppedEventArguments stop = TravelClient.reverseContinue(client);
        while (stop.getReason().equals("breakpoint")) {
            seen.add(client.local("v"));
            stop = TravelClient.reverseContinue(client);
        }
        client.assertStopped(stop, "entry");
        return seen;
    }

    private static int line(String marker) throws Exception {
        return Debuggee.line(FILE, marker);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
