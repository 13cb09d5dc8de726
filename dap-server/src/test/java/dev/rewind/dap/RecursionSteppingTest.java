/*
 * RecursionSteppingTest: stepping where one function is on the stack several times: next over a
 * recursive call comes back to the same frame (not an inner one returning through the same
 * address), stepOut returns one level at a time, and a user breakpoint met on the way ends a step.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecursionSteppingTest {
    @TempDir
    Path tmp;

    @Test
    void nextOverARecursiveCallStaysInTheFrame() throws Exception {
        try (DapTestClient client = atFirstBase()) {
            assertEquals("4", client.local("n"));
            client.setBreakpoints(source());
            next(client);
            assertEquals(Debuggee.line("fact.c", "FACT_RECURSE"), client.line());
            next(client);
            assertEquals(Debuggee.line("fact.c", "FACT_RETURN"), client.line());
            assertEquals("4", client.local("n"));
            assertEquals("24", client.local("r"));
            assertEquals(2, client.stackTrace().length - frameCountBelowMain(client));
        }
    }

    @Test
    void stepOutReturnsOneLevelAtATime() throws Exception {
        try (DapTestClient client = atFirstBase()) {
            for (int hit = 2; hit <= 4; hit++) {
                client.assertStopped(client.continueToStop(), "breakpoint");
            }
            assertEquals("1", client.local("n"));
            client.setBreakpoints(source());
            for (String n : new String[] {"2", "3", "4"}) {
                DapTestClient.call(client.server().stepOut(new StepOutArguments()));
                client.assertStopped(client.awaitStopped(), "step");
                assertEquals("fact", client.stackTrace()[0].getName());
                assertEquals(Debuggee.line("fact.c", "FACT_RECURSE"), client.line());
                assertEquals(n, client.local("n"));
            }
            DapTestClient.call(client.server().stepOut(new StepOutArguments()));
            client.assertStopped(client.awaitStopped(), "step");
            assertEquals("main", client.stackTrace()[0].getName());
            assertEquals(Debuggee.line("fact.c", "MAIN_CALL"), client.line());
        }
    }

    @Test
    void aBreakpointInAnInnerFrameEndsTheStep() throws Exception {
        try (DapTestClient client = atFirstBase()) {
            client.setBreakpoints(source(), Debuggee.line("fact.c", "FACT_RETURN"));
            next(client); // to FACT_RECURSE, n = 4
            NextArguments args = new NextArguments();
            args.setThreadId(1);
            DapTestClient.call(client.server().next(args));
            client.assertStopped(client.awaitStopped(), "breakpoint");
            assertEquals(Debuggee.line("fact.c", "FACT_RETURN"), client.line());
            assertEquals("2", client.local("n"));
        }
    }

    private DapTestClient atFirstBase() throws Exception {
        Path program = Debuggee.compile("fact.c", tmp, "-O0");
        DapTestClient client = InProcessDap.start();
        client.launchProgram(program, false);
        client.setBreakpoints(source(), Debuggee.line("fact.c", "FACT_BASE"));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "breakpoint");
        return client;
    }

    private static String source() {
        return Debuggee.source("fact.c").toString();
    }

    private static void next(DapTestClient client) throws Exception {
        NextArguments args = new NextArguments();
        args.setThreadId(1);
        DapTestClient.call(client.server().next(args));
        client.assertStopped(client.awaitStopped(), "step");
    }

    /** Frames below main (libc's start code), which vary with the C library. */
    private static int frameCountBelowMain(DapTestClient client) throws Exception {
        var frames = client.stackTrace();
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getName().equals("main")) {
                return frames.length - i - 1;
            }
        }
        throw new AssertionError("no main on the stack");
    }
}
