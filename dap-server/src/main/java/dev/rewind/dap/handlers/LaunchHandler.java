/*
 * LaunchHandler: opens the replay to debug: an existing recording ("trace"), or a program recorded
 * first ("program", "args", "cwd", "env"; its output sent as output events while it runs). The
 * session then waits at the program's entry; `initialized` follows the response.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.segments.LocalSegmentRunner;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.snapshot.SnapshotException;
import dev.rewind.core.snapshot.Snapshots;
import dev.rewind.core.trace.ProcessTable;
import dev.rewind.core.trace.TraceException;
import dev.rewind.core.trace.TraceReader;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.LaunchArguments;
import dev.rewind.dap.ProgramOutput;
import dev.rewind.dap.RequestHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class LaunchHandler implements RequestHandler<Map<String, Object>, Void> {
    @Override
    public String command() {
        return "launch";
    }

    @Override
    public Void handle(Map<String, Object> raw, DebugContext ctx) throws DapException {
        if (ctx.isLaunched()) {
            throw new DapException(DapError.ALREADY_LAUNCHED, "a program is already being debugged in this session");
        }
        LaunchArguments args = LaunchArguments.parse(raw);
        SessionLauncher launcher = new SessionLauncher(ctx.agentLaunch(), (channel, bytes) -> ctx.log(
                "rewind-agent: " + new String(bytes, StandardCharsets.UTF_8).stripTrailing()));
        ProgramOutput output = ProgramOutput.of(ctx);
        ReplaySession session;
        String name;
        long events = -1;
        try {
            if (args.trace().isPresent()) {
                Path trace = Path.of(args.trace().get()).toAbsolutePath().normalize();
                if (!Files.isDirectory(trace)) {
                    throw new DapException(DapError.TRACE_UNREADABLE, "cannot open the recording '" + args.trace().get()
                            + "': no such folder");
                }
                trace = chosenProcess(trace, args);
                checkBeforeReplay(trace, args);
                session = launcher.open(trace, output::write);
                name = trace.getFileName().toString();
            } else {
                SessionLauncher.Program program = program(args);
                name = program.program().getFileName().toString();
                ctx.log("rewind: recording " + program.program() + " ...");
                SessionLauncher.Recorded recorded = launcher.recordAndOpen(program, output::write, output::write);
                ctx.log("rewind: recorded: the program " + recorded.recording().status() + " ("
                        + recorded.recording().eventCount() + " events); debugging the replay"
                        + (recorded.recording().message().isEmpty() ? "" : " — " + recorded.recording().message()));
                session = recorded.session();
                events = recorded.recording().eventCount();
            }
        } catch (AgentException e) {
            throw failure(e, args);
        }
        ctx.startSession(session, name, args.stopOnEntry(), args.start());
        try {
            ctx.knowThreads(session.threads().recorded());
        } catch (AgentException e) {
            throw failure(e, args);
        }
        if (events >= 0) {
            ctx.timeTravel().knowTotal(events);
        }
        if (args.trace().isPresent()) {
            useSnapshots(ctx, chosenProcess(Path.of(args.trace().get()).toAbsolutePath().normalize(), args),
                    args.workers().orElse(Runtime.getRuntime().availableProcessors()));
        }
        ctx.afterResponse(() -> ctx.client().initialized());
        return null;
    }

    /** The stream of the process "process" names (the recorded program's when it is absent). */
    private static Path chosenProcess(Path trace, LaunchArguments args) throws DapException {
        if (args.process().isEmpty()) {
            return trace;
        }
        int pid = args.process().getAsInt();
        try {
            return ProcessTable.streamOf(trace, pid).orElseThrow(() -> new DapException(DapError.TRACE_UNREADABLE,
                    "the recording '" + args.trace().orElse("") + "' has no process " + pid
                            + " (rewind ps lists its processes)"));
        } catch (TraceException e) {
            throw new DapException(DapError.TRACE_UNREADABLE, "cannot open the recording '" + args.trace().orElse("")
                    + "': " + e.getMessage(), e);
        }
    }

    /**
     * The recording is read whole before any replay of it starts: its events, and the file copies
     * they map (regular files inside the trace; the agent checks their content against their
     * SHA-256 names when it opens the trace), so that a damaged recording is refused at launch
     * with one line naming what is wrong, never replayed differently or left hanging.
     */
    private static void checkBeforeReplay(Path trace, LaunchArguments args) throws DapException {
        try {
            TraceReader.validateForReplay(trace);
        } catch (TraceException e) {
            throw new DapException(DapError.TRACE_UNREADABLE, "cannot open the recording '" + args.trace().orElse("")
                    + "': " + e.getMessage(), e);
        }
    }

    /**
     * Seeks and searches of the past start from the recording's snapshots too (rewind index), and
     * backward searches ask {@code workers} sessions at once which earlier segments they can skip.
     */
    private static void useSnapshots(DebugContext ctx, Path trace, int workers) throws DapException {
        var timeline = ctx.timeTravel().available();
        if (timeline.isEmpty()) {
            return;
        }
        try {
            Snapshots snapshots = new Snapshots(trace);
            timeline.get().useSnapshots(snapshots, ctx::log);
            if (!snapshots.events().isEmpty()) {
                ctx.indexed(new DebugContext.Indexed(trace, snapshots));
                if (workers > 1) {
                    timeline.get().useWorkers(new LocalSegmentRunner(
                            new SessionLauncher(ctx.agentLaunch(), OutputListener.IGNORE), trace, snapshots, workers),
                            workers);
                }
            }
        } catch (SnapshotException e) {
            ctx.log("rewind: the recording's snapshots cannot be used (" + e.getMessage() + "): replaying instead");
        }
    }

    private static SessionLauncher.Program program(LaunchArguments args) throws DapException {
        Path cwd = Path.of(args.cwd().orElse(System.getProperty("user.dir"))).toAbsolutePath().normalize();
        if (!Files.isDirectory(cwd)) {
            throw new DapException(DapError.BAD_ARGUMENTS, "\"cwd\" '" + cwd + "' is not a folder");
        }
        Path program = cwd.resolve(args.program().get()).normalize();
        if (!Files.isRegularFile(program)) {
            throw new DapException(DapError.PROGRAM_NOT_FOUND, "cannot record '" + args.program().get()
                    + "': no such file (" + program + ")");
        }
        if (!Files.isExecutable(program)) {
            throw new DapException(DapError.PROGRAM_NOT_FOUND, "cannot record '" + program + "': it is not executable");
        }
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        argv.addAll(args.args());
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.putAll(args.env());
        List<String> environ = new ArrayList<>();
        env.forEach((k, v) -> environ.add(k + "=" + v));
        return new SessionLauncher.Program(program, argv, cwd, environ);
    }

    private static DapException failure(AgentException e, LaunchArguments args) {
        AgentErrorCode code = e.code();
        if (code == AgentErrorCode.CANNOT_START_PROGRAM) {
            return new DapException(DapError.PROGRAM_NOT_FOUND, e.getMessage(), e);
        }
        if (code == AgentErrorCode.TRACE_UNREADABLE) {
            return new DapException(DapError.TRACE_UNREADABLE, "cannot open the recording '"
                    + args.trace().orElse("") + "': " + e.getMessage(), e);
        }
        return new DapException(DapError.AGENT_FAILED, "rewind could not start the replay: " + e.getMessage(), e);
    }
}
