/*
 * PsRunner: `rewind ps [TRACE]`: the processes a recording holds, one line each: pid, parent pid,
 * how it ended, its events and the command line it last ran. The root comes first (a trace of
 * formats 1 to 4 has only the root, its pid unknown: "-").
 */
package dev.rewind.cli;

import dev.rewind.core.model.WaitStatus;
import dev.rewind.core.trace.ProcessTable;
import dev.rewind.core.trace.RecordedProcess;
import dev.rewind.core.trace.TraceException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

final class PsRunner {
    private final CliContext ctx;

    PsRunner(CliContext ctx) {
        this.ctx = ctx;
    }

    int run(Command.Ps cmd) throws CliFailure {
        Path trace = ReplayRunner.resolveTrace(ctx, cmd.trace());
        List<RecordedProcess> processes;
        try {
            processes = ProcessTable.read(trace);
        } catch (TraceException e) {
            throw new CliFailure(e.getMessage(), ExitStatus.REWIND_FAILED, e);
        }
        ctx.out().printf("%-8s %-8s %-12s %10s  %s%n", "PID", "PARENT", "STATUS", "EVENTS", "COMMAND");
        for (RecordedProcess p : processes) {
            ctx.out().printf("%-8s %-8s %-12s %10d  %s%n", number(p.pid()), number(p.parent()), status(p.end()),
                    p.events(), String.join(" ", p.argv()));
        }
        return ExitStatus.OK;
    }

    private static String number(OptionalInt n) {
        return n.isPresent() ? Integer.toString(n.getAsInt()) : "-";
    }

    /** "exit N", "signal N", or "-" when its recording ended before the process did. */
    static String status(Optional<WaitStatus> end) {
        if (end.isEmpty()) {
            return "-";
        }
        WaitStatus s = end.get();
        if (s.isExited()) {
            return "exit " + s.exitCode();
        }
        return s.isSignaled() ? "signal " + s.termSignal() : "-";
    }
}
