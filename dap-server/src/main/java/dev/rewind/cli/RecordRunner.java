/*
 * RecordRunner: `rewind record`: resolves the program, picks the trace folder, has the agent record
 * the program in the foreground, points `latest` at the recording, and exits as the program did
 * (128 + N when rewind itself was sent signal N: TERM or HUP end the recording cleanly, see
 * InterruptShield). rewind prints nothing of its own unless something went wrong.
 */
package dev.rewind.cli;

import dev.rewind.core.agent.AgentClient;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.agent.RecordRequest;
import dev.rewind.core.snapshot.SnapshotException;
import dev.rewind.core.snapshot.Snapshots;
import dev.rewind.core.agent.RunResult;
import dev.rewind.core.trace.TraceFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.stream.Stream;

final class RecordRunner {
    private final CliContext ctx;

    RecordRunner(CliContext ctx) {
        this.ctx = ctx;
    }

    int run(Command.Record cmd) throws CliFailure {
        Path program = ProgramResolver.resolve(cmd.program(), ctx.env().get("PATH"), ctx.cwd());
        AgentLaunch launch = launch();
        if (cmd.chaos()) {
            long seed = cmd.chaosSeed().orElseGet(() -> new SecureRandom().nextLong());
            ctx.err().println("rewind: chaos mode, seed " + Long.toUnsignedString(seed)
                    + " (rewind record --chaos --seed " + Long.toUnsignedString(seed) + " to use it again)");
            launch = launch.withChaosSeed(seed);
        }
        if (cmd.children().rootOnly()) {
            launch = launch.withEnvironment(AgentLaunch.CHILDREN_VARIABLE, "none");
        }
        if (!cmd.children().noRecord().isEmpty()) {
            launch = launch.withEnvironment(AgentLaunch.NO_RECORD_VARIABLE, String.join(",", cmd.children().noRecord()));
        }
        boolean created = cmd.output().isEmpty();
        Path trace = cmd.output().isPresent() ? checkOutput(cmd.output().get()) : newTraceDir(program);
        RecordRequest request = new RecordRequest(trace, program, cmd.argv(), ctx.cwd(),
                ProcessEnvironment.forProgram(ctx.environ(), program.toString()), cmd.snapshotEvery());
        RunResult result;
        InterruptShield shield = InterruptShield.ignoreInterrupts();
        try (shield; AgentClient agent = AgentClient.start(launch)) {
            shield.relayTo(agent::terminate);
            result = agent.record(request);
        } catch (AgentException e) {
            if (cmd.snapshotEvery() > 0) {
                storeSnapshots(trace); // those taken before the recording failed (a full disk) are kept
            }
            throw AgentFailures.toCliFailure(e);
        } finally {
            finish(trace, created);
        }
        if (cmd.snapshotEvery() > 0) {
            storeSnapshots(trace);
        }
        if (!result.message().isEmpty()) {
            ctx.err().println("rewind: " + result.message());
        }
        if (shield.signalled().isPresent()) {
            // told to end (TERM, HUP): the program was passed the signal; end as it would have
            return 128 + shield.signalled().getAsInt();
        }
        if (!result.complete()) {
            if (result.message().isEmpty()) {
                ctx.err().println("rewind: the recording stopped before the program ended");
            }
            return ExitStatus.REWIND_FAILED;
        }
        return ExitStatus.of(result.status());
    }

    /**
     * Takes the snapshots the agent wrote while recording into the recording's page store; says
     * so (one line) when some could not be kept.
     */
    private void storeSnapshots(Path trace) {
        try {
            Snapshots.Incoming done = new Snapshots(trace).storeIncoming();
            if (done.dropped() > 0) {
                ctx.err().println("rewind: " + done.dropped() + " of the " + (done.stored() + done.dropped())
                        + " snapshots taken while recording could not be stored (" + done.reason() + "); the others"
                        + " are kept, the recording is unaffected, and `rewind index` can make the missing ones again");
            }
        } catch (SnapshotException e) {
            ctx.err().println("rewind: the snapshots taken while recording cannot be stored: " + e.getMessage()
                    + " (the recording itself is unaffected; `rewind index` can make them again)");
        }
    }

    static AgentLaunch launch() throws CliFailure {
        try {
            return AgentLaunch.inheritIO();
        } catch (AgentException e) {
            throw AgentFailures.toCliFailure(e);
        }
    }

    /** -o DIR: must be new or an empty folder. */
    private Path checkOutput(String output) throws CliFailure {
        Path dir = ctx.cwd().resolve(output).normalize();
        if (Files.exists(dir)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(dir)) {
                empty = entries.findAny().isEmpty();
            } catch (IOException e) {
                empty = false;
            }
            if (!Files.isDirectory(dir) || !empty) {
                throw new CliFailure("'" + output + "' already exists and is not an empty folder", ExitStatus.REWIND_FAILED);
            }
        }
        return dir;
    }

    private Path newTraceDir(Path program) throws CliFailure {
        try {
            return ctx.store().createTraceDir(program.toString(), LocalDateTime.now());
        } catch (IOException e) {
            throw new CliFailure("cannot create a folder for the recording in " + ctx.store().root() + ": "
                    + IoMessages.describe(e), ExitStatus.REWIND_FAILED, e);
        }
    }

    /** After recording: `latest` points at a trace that has a header; an unused new folder goes away. */
    private void finish(Path trace, boolean created) {
        if (Files.exists(trace.resolve(TraceFormat.HEADER_FILE))) {
            try {
                ctx.store().markLatest(trace);
            } catch (IOException e) {
                ctx.err().println("rewind: cannot update " + ctx.store().latest() + ": " + IoMessages.describe(e));
            }
        } else if (created) {
            try {
                Files.deleteIfExists(trace);
            } catch (IOException e) {
                // not empty after all: leave it
            }
        }
    }
}
