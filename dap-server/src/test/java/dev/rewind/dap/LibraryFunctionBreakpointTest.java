/*
 * LibraryFunctionBreakpointTest: function breakpoints on libc's malloc, write and free, set at the
 * start of the recording (libc not mapped yet), are verified and stop in the library, in the order
 * the program calls them, with the program's frame below; the look-ahead that finds them prints nothing.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LibraryFunctionBreakpointTest {
    @TempDir
    Path tmp;

    @Test
    void breakpointsOnLibcFunctionsStopThere() throws Exception {
        Path program = Debuggee.compile("library.c", tmp, "-O0");
        try (DapTestClient client = InProcessDap.start()) {
            client.launchProgram(program, false);
            SetFunctionBreakpointsArguments args = new SetFunctionBreakpointsArguments();
            args.setBreakpoints(new FunctionBreakpoint[] {named("malloc"), named("write"), named("free"),
                    named("no_such_function")});
            Breakpoint[] set = DapTestClient.call(client.server().setFunctionBreakpoints(args)).getBreakpoints();
            assertTrue(set[0].isVerified() && set[1].isVerified() && set[2].isVerified(), "libc functions verified");
            assertTrue(!set[3].isVerified());
            client.configurationDone();
            StoppedEventArguments stop = client.awaitStopped();
            // malloc may be called before main (by libc itself): go on to the one main calls
            for (String expected : new String[] {"malloc", "write", "free"}) {
                StackFrame[] frames = client.stackTrace();
                int stops = 0;
                while (!(frames[0].getName().contains(expected) && calledFromMain(frames))) {
                    assertTrue(++stops < 50, "no stop in " + expected + " called by main");
                    client.assertStopped(stop, "breakpoint");
                    stop = client.continueToStop();
                    frames = client.stackTrace();
                }
                client.assertStopped(stop, "breakpoint");
                if (!expected.equals("free")) {
                    stop = client.continueToStop();
                }
            }
            assertEquals("end", client.continueToStop().getReason());
            // what the recording printed, then the replay once more: the look-ahead printed nothing
            assertEquals("library calls\nlibrary calls\n", client.stdout());
        }
    }

    private static boolean calledFromMain(StackFrame[] frames) {
        return frames.length > 1 && frames[1].getName().equals("main");
    }

    private static FunctionBreakpoint named(String name) {
        FunctionBreakpoint b = new FunctionBreakpoint();
        b.setName(name);
        return b;
    }
}
