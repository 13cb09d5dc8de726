/*
 * DumpRunner: `rewind dump [--process PID]`: prints a trace (the program's stream, or that
 * process's) as JSON lines on stdout.
 */
package dev.rewind.cli;

import dev.rewind.core.trace.SyscallNames;
import dev.rewind.core.trace.TraceDump;
import dev.rewind.core.trace.TraceException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

final class DumpRunner {
    /** What a shell reports for a writer killed by SIGPIPE: `rewind dump | head` ends quietly. */
    static final int BROKEN_PIPE = 128 + 13;

    private final CliContext ctx;

    DumpRunner(CliContext ctx) {
        this.ctx = ctx;
    }

    int run(Command.Dump cmd) throws CliFailure {
        Path trace = ReplayRunner.resolveStream(ctx, cmd.trace(), cmd.process());
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8), 1 << 16);
        try {
            new TraceDump(SyscallNames.bundled()).dump(trace, out);
        } catch (TraceException e) {
            flushQuietly(out);
            throw new CliFailure(e.getMessage(), ExitStatus.REWIND_FAILED, e);
        } catch (IOException e) {
            throw new CliFailure("cannot write the dump: " + IoMessages.describe(e), ExitStatus.REWIND_FAILED, e);
        }
        // PrintStream hides write errors: a reader that went away (dump | head) shows up here.
        return ctx.out().checkError() ? BROKEN_PIPE : ExitStatus.OK;
    }

    private static void flushQuietly(Writer out) {
        try {
            out.flush();
        } catch (IOException e) {
            // the error being reported matters more
        }
    }
}
