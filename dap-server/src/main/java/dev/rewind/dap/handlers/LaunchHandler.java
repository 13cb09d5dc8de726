/*
 * LaunchHandler: opens the replay to debug: an existing recording ("trace"), or a program recorded
 * first ("program", "args", "cwd", "env"; its output sent as output events while it runs). The
 * session then waits at the program's entry; `initialized` follows the response. Of a recording
 * of several processes it opens the one "process" names, else the first that crashed, else the
 * root.
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
import dev.rewind.core.model.SignalNames;
import dev.rewind.core.trace.DefaultProcess;
import dev.rewind.core.trace.ProcessTable;
import dev.rewind.core.trace.RecordedProcess;
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
        DebugContext.Recording recording;
        try {
            if (args.trace().isPresent()) {
                Path trace = Path.of(args.trace().get()).toAbsolutePath().normalize();
                if (!Files.isDirectory(trace)) {
                    throw new DapException(DapError.TRACE_UNREADABLE, "cannot open the recording '" + args.trace().get()
                            + "': no such folder");
                }
                Path stream = chosenProcess(trace, args, ctx);
                recording = new DebugContext.Recording(trace, stream);
                checkBeforeReplay(stream, args);
                session = launcher.open(stream, output::write);
                name = stream.getFileName().toString();
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
                recording = new DebugContext.Recording(recorded.trace(), recorded.trace());
            }
        } catch (AgentException e) {
            throw failure(e, args);
        }
        ctx.startSession(session, name, args.stopOnEntry(), args.start());
        ctx.recording(recording);
        try {
            ctx.knowThreads(session.threads().recorded());
        } catch (AgentException e) {
            throw failure(e, args);
        }
        if (events >= 0) {
            ctx.timeTravel().knowTotal(events);
        }
        if (args.trace().isPresent()) {
            useSnapshots(ctx, recording.openedStream(), args.workers().orElse(Runtime.getRuntime().availableProcessors()));
        }
        ctx.afterResponse(() -> ctx.client().initialized());
        return null;
    }

    /**
     * The stream of the process "process" names; without it, of the first process that crashed,
     * else of the root (DefaultProcess). When the recording holds more than one process, the
     * debug console says which was opened and how to choose another.
     */
    private static Path chosenProcess(Path trace, LaunchArguments args, DebugContext ctx) throws DapException {
        String named = args.trace().orElse("");
        try {
            if (args.process().isPresent()) {
                int pid = args.process().getAsInt();
                return ProcessTable.streamOf(trace, pid).orElseThrow(() -> new DapException(DapError.TRACE_UNREADABLE,
                        "the recording '" + named + "' has no process " + pid + " (rewind ps lists its processes)"));
            }
            if (!ProcessTable.hasChildren(trace)) {
                return trace; // one process: nothing to choose (and its stream is read once, below)
            }
            List<RecordedProcess> processes = ProcessTable.read(trace);
            DefaultProcess.Choice choice = DefaultProcess.choose(processes);
            ctx.log(openedMessage(choice, processes.size(), trace));
            return choice.opened().stream();
        } catch (TraceException e) {
            throw new DapException(DapError.TRACE_UNREADABLE, "cannot open the recording '" + named + "': "
                    + e.getMessage(), e);
        }
    }

    /** "rewind: this recording holds 3 processes; debugging process 12 (...), the first that crashed ..." */
    static String openedMessage(DefaultProcess.Choice choice, int count, Path trace) {
        RecordedProcess p = choice.opened();
        String who = "process " + pidText(p) + " (" + String.join(" ", p.argv()) + ")";
        String why;
        if (choice.crashed().isEmpty()) {
            why = "the recorded program itself: no process crashed";
        } else {
            why = "killed by " + SignalNames.name(p.end().orElseThrow().termSignal());
            if (choice.crashed().size() > 1) {
                why += "; the first in rewind ps order of the " + choice.crashed().size() + " that crashed (pids "
                        + String.join(", ", choice.crashed().stream().map(LaunchHandler::pidText).toList()) + ")";
            }
        }
        return "rewind: this recording holds " + count + " processes; debugging " + who + ", " + why
                + ". To debug another, launch with \"process\": PID (`rewind ps " + trace + "` lists them).";
    }

    private static String pidText(RecordedProcess p) {
        return p.pid().isPresent() ? Integer.toString(p.pid().getAsInt()) : "-";
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
