/*
 * ParallelReverseSearchTest: on an indexed recording, a reverse-continue whose breakpoint lies many
 * segments back asks workers which earlier segments hold an arrival at all, several at once, and
 * skips the empty ones (the debug console says how many); it stops exactly where the same
 * reverse-continue stops without workers and without snapshots, also with a condition that only an
 * earlier arrival meets, and when no arrival exists at all it goes back to the start.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.dap.TravelClient.State;
import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelReverseSearchTest {
    private static final String FILE = "far.c";
    private static final String SKIPPED = "searched on 2 workers at once";

    @TempDir
    Path tmp;

    @Test
    void emptySegmentsAreSkippedByWorkersAndTheStopIsTheSame() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        Path trace = tmp.resolve("trace");
        Path plain = tmp.resolve("plain");
        run("record", "-o", trace.toString(), "--", program.toString());
        assertEquals(0, new ProcessBuilder("cp", "-a", trace.toString(), plain.toString()).start().waitFor());
        RunResult index = run("index", "--every", "30", trace.toString());
        assertEquals(0, index.exitCode(), index::describe);
        int line = Debuggee.line(FILE, "FAR_EARLY");

        // plain breakpoint: the third call
        State parallel;
        try (DapTestClient c = openAtEnd(trace, 2, line, null)) {
            parallel = backToBreakpoint(c);
            assertTrue(c.console().contains(SKIPPED), c.console());
        }
        try (DapTestClient c = openAtEnd(trace, 1, line, null)) {
            assertEquals(parallel, backToBreakpoint(c), "the same stop without workers");
            assertFalse(c.console().contains("workers at once"), c.console());
        }
        try (DapTestClient c = openAtEnd(plain, 2, line, null)) {
            assertEquals(parallel, backToBreakpoint(c), "the same stop without snapshots");
        }
        assertEquals("3", parallel.locals().get("n"), parallel.toString());

        // a condition only the first call meets: the segment found holds arrivals the condition refuses
        try (DapTestClient c = openAtEnd(trace, 2, line, "n == 1")) {
            State first = backToBreakpoint(c);
            assertEquals("1", first.locals().get("n"), first.toString());
            try (DapTestClient reference = openAtEnd(plain, 2, line, "n == 1")) {
                assertEquals(backToBreakpoint(reference), first);
            }
        }

        // a hit count (counted from the start of the recording): the second arrival
        try (DapTestClient c = openAtEnd(trace, 2, line, null, "== 2")) {
            State second = backToBreakpoint(c);
            assertEquals("2", second.locals().get("n"), second.toString());
            assertTrue(c.console().contains(SKIPPED), c.console());
        }
    }

    @Test
    void withNoArrivalAnywhereTheSearchEndsAtTheStart() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        Path trace = tmp.resolve("trace");
        run("record", "-o", trace.toString(), "--", program.toString());
        assertEquals(0, run("index", "--every", "30", trace.toString()).exitCode());
        try (DapTestClient c = openAtEnd(trace, 2, Debuggee.line(FILE, "FAR_EARLY"), "n == 7")) {
            c.assertStopped(TravelClient.reverseContinue(c), "entry");
            assertTrue(c.console().contains(SKIPPED), c.console());
        }
    }

    /** A session at the end of trace with "workers", a breakpoint at line of far.c (with a condition). */
    private DapTestClient openAtEnd(Path trace, int workers, int line, String condition) throws Exception {
        return openAtEnd(trace, workers, line, condition, null);
    }

    private DapTestClient openAtEnd(Path trace, int workers, int line, String condition, String hitCondition)
            throws Exception {
        DapTestClient client = InProcessDap.start();
        client.launch(Map.of("trace", trace.toString(), "start", "end", "workers", workers));
        client.setSourceBreakpoints(Debuggee.source(FILE).toString(),
                DapTestClient.breakpoint(line, condition, hitCondition, null));
        client.configurationDone();
        client.awaitStopped();
        return client;
    }

    private static State backToBreakpoint(DapTestClient c) throws Exception {
        c.assertStopped(TravelClient.reverseContinue(c), "breakpoint");
        return TravelClient.state(c);
    }

    private RunResult run(String... args) {
        return ScenarioRunner.rewind(tmp, args);
    }
}
