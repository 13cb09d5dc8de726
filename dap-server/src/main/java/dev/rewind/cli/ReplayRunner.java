/*
 * ReplayRunner: `rewind replay`: checks the whole trace first (a clear error beats a divergence):
 * every event block, and every file copy the events map is a regular file (the agent checks
 * their content against their SHA-256 names before it replays anything); then has the agent replay it in the foreground and exits as the recorded program did. A recording
 * that was cut short, or stopped on something unsupported, replays up to there and exits 125.
 * Sent TERM or HUP, it ends the replay (the agent and the replayed process) and exits 128 + N.
 */
package dev.rewind.cli;

import dev.rewind.core.agent.AgentClient;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.agent.RunResult;
import dev.rewind.core.trace.ProcessTable;
import dev.rewind.core.trace.TraceException;
import dev.rewind.core.trace.StopEvent;
import dev.rewind.core.trace.TraceReader;
import dev.rewind.core.trace.TraceSummary;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

final class ReplayRunner {
    private final CliContext ctx;

    ReplayRunner(CliContext ctx) {
        this.ctx = ctx;
    }

    int run(Command.Replay cmd) throws CliFailure {
        Path trace = resolveTrace(ctx, cmd.trace());
        AgentLaunch launch = RecordRunner.launch();
        if (cmd.process().isPresent()) {
            trace = processStream(trace, cmd.process().getAsInt());
            launch = launch.withEnvironment(AgentLaunch.REPLAY_ALONE_VARIABLE, "1");
        }
        TraceSummary summary = validate(trace);
        RunResult result;
        InterruptShield shield = InterruptShield.ignoreInterrupts();
        try (shield; AgentClient agent = AgentClient.start(launch)) {
            shield.relayTo(agent::terminate);
            result = agent.replay(trace.toAbsolutePath());
        } catch (AgentException e) {
            if (shield.signalled().isPresent()) {
                return 128 + shield.signalled().getAsInt(); // told to end: the agent ended the replay
            }
            throw AgentFailures.toCliFailure(e);
        }
        if (shield.signalled().isPresent()) {
            return 128 + shield.signalled().getAsInt();
        }
        if (!result.complete()) {
            String why = result.message().isEmpty()
                    ? "replayed its " + result.eventCount() + " events" : result.message();
            ctx.err().println("rewind: " + (why.toLowerCase(Locale.ROOT).contains("cut short")
                    ? why : "the recording was cut short: " + why));
            return ExitStatus.REWIND_FAILED;
        }
        Optional<StopEvent> stop = summary.lastEvent().filter(StopEvent.class::isInstance).map(StopEvent.class::cast);
        if (stop.isPresent()) {
            // The recording itself stopped on something unsupported: replay reproduced up to there.
            ctx.err().println("rewind: " + (result.message().isEmpty() ? stop.get().reason() : result.message()));
            return ExitStatus.REWIND_FAILED;
        }
        if (!result.message().isEmpty()) {
            ctx.err().println("rewind: " + result.message());
        }
        return ExitStatus.of(result.status());
    }

    /** The stream to read: TRACE's (the program's), or with a pid that process's. */
    static Path resolveStream(CliContext ctx, Optional<String> trace, java.util.OptionalInt process) throws CliFailure {
        Path folder = resolveTrace(ctx, trace);
        return process.isPresent() ? processStream(folder, process.getAsInt()) : folder;
    }

    /** The stream folder of one process of the recording (rewind ps lists them), or a CliFailure. */
    static Path processStream(Path trace, int pid) throws CliFailure {
        try {
            return ProcessTable.streamOf(trace, pid).orElseThrow(() -> new CliFailure("the recording "
                    + trace + " has no process " + pid + " (rewind ps lists its processes)", ExitStatus.REWIND_FAILED));
        } catch (TraceException e) {
            throw new CliFailure(e.getMessage(), ExitStatus.REWIND_FAILED, e);
        }
    }

    /** TRACE as given (a folder or a name in the store), or the store's `latest`. */
    static Path resolveTrace(CliContext ctx, Optional<String> trace) throws CliFailure {
        if (trace.isPresent()) {
            return ctx.store().resolve(trace.get());
        }
        Path latest = ctx.store().latest();
        if (!Files.exists(latest, LinkOption.NOFOLLOW_LINKS)) {
            throw new CliFailure("no recordings yet in " + ctx.store().root()
                    + " (make one with: rewind record PROGRAM)", ExitStatus.REWIND_FAILED);
        }
        return latest;
    }

    /** The whole trace as a replay needs it (TraceReader.validateForReplay), or a CliFailure (125). */
    static TraceSummary validate(Path trace) throws CliFailure {
        try {
            return TraceReader.validateForReplay(trace);
        } catch (TraceException e) {
            throw new CliFailure(e.getMessage(), ExitStatus.REWIND_FAILED, e);
        }
    }
}
