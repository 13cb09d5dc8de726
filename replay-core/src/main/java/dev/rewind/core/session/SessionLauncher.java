/*
 * SessionLauncher: the ways to get a ReplaySession: open an existing recording, or record a program
 * into a private temporary trace folder first (its output streamed while it runs) and open that,
 * the folder going away with the session. Each agent's own stdout/stderr are piped to a listener,
 * so nothing reaches this process's streams (which may carry a protocol, as DAP's stdio does).
 */
package dev.rewind.core.session;

import dev.rewind.core.agent.AgentClient;
import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.agent.RecordRequest;
import dev.rewind.core.agent.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

public final class SessionLauncher {
    /** How long to wait for a recorded program's pipes to drain after the recording ended. */
    private static final long DRAIN_MS = 2_000;

    private final AgentLaunch launch;
    private final OutputListener diagnostics;

    /**
     * @param launch      how to start agents (its stdout and stderr are replaced by pipes)
     * @param diagnostics receives what a session agent writes to its own stdout/stderr
     */
    public SessionLauncher(AgentLaunch launch, OutputListener diagnostics) {
        this.launch = Objects.requireNonNull(launch, "launch").withPipedOutput();
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /** What to record: the program, argv (argv[0] included), working folder and full environment. */
    public record Program(Path program, List<String> argv, Path cwd, List<String> env) {
        public Program {
            Objects.requireNonNull(program, "program");
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("argv must hold at least argv[0]");
            }
            Objects.requireNonNull(cwd, "cwd");
            env = List.copyOf(env);
        }
    }

    /**
     * A session on a fresh recording, how the recorded run ended, and the recording's folder (a
     * private one, removed when the session closes).
     */
    public record Recorded(ReplaySession session, RunResult recording, Path trace) {
        public Recorded {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(recording, "recording");
            Objects.requireNonNull(trace, "trace");
        }
    }

    /**
     * Opens the recording in {@code trace}; the replay's output goes to {@code output}. An agent
     * that dies can be replaced (ReplaySession.restartAgent) by another started the same way.
     */
    public ReplaySession open(Path trace, OutputListener output) throws AgentException {
        ReplaySession.Restarted first = startOn(trace, output);
        ReplaySession session = new ReplaySession(first.agent(), first.entry(), output);
        session.restartWith(() -> startOn(trace, OutputListener.IGNORE));
        return session;
    }

    /** A new agent with {@code trace} open in it (its own output going to the diagnostics). */
    private ReplaySession.Restarted startOn(Path trace, OutputListener output) throws AgentException {
        AgentClient agent = AgentClient.start(launch);
        StreamPump.start(agent.agentStdout(), OutputChannel.STDOUT, diagnostics, "rewind-agent-stdout");
        StreamPump.start(agent.agentStderr(), OutputChannel.STDERR, diagnostics, "rewind-agent-stderr");
        try {
            return new ReplaySession.Restarted(agent, agent.open(trace, output));
        } catch (AgentException e) {
            agent.close();
            throw e;
        }
    }

    /**
     * Records {@code program} (what it writes goes to {@code programOutput} as it runs), then opens
     * the recording. A recording that did not even start (no header written) is an error.
     */
    public Recorded recordAndOpen(Program program, OutputListener programOutput, OutputListener replayOutput)
            throws AgentException {
        Path folder = privateFolder();
        Path trace = folder.resolve("trace");
        try {
            RunResult result = record(program, trace, programOutput);
            ReplaySession session = open(trace, replayOutput);
            session.onClose(() -> deleteTree(folder));
            return new Recorded(session, result, trace);
        } catch (AgentException | RuntimeException e) {
            try {
                deleteTree(folder);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private RunResult record(Program program, Path trace, OutputListener programOutput) throws AgentException {
        RunResult result;
        StreamPump out;
        StreamPump err;
        try (AgentClient agent = AgentClient.start(launch)) {
            out = StreamPump.start(agent.agentStdout(), OutputChannel.STDOUT, programOutput, "recorded-stdout");
            err = StreamPump.start(agent.agentStderr(), OutputChannel.STDERR, programOutput, "recorded-stderr");
            result = agent.record(new RecordRequest(trace, program.program(), program.argv(), program.cwd(), program.env()));
        }
        try {
            out.await(DRAIN_MS);
            err.await(DRAIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException(AgentErrorCode.AGENT_LOST, "interrupted while the recording's output drained", e);
        }
        return result;
    }

    private static Path privateFolder() throws AgentException {
        try {
            return Files.createTempDirectory("rewind-recording-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new AgentException(AgentErrorCode.TRACE_IO, "cannot create a folder for the recording: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
