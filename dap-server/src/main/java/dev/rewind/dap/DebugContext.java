/*
 * DebugContext: the state of one DAP connection: the client, the replay session once launched, the
 * user's breakpoints, the variable references of the current stop, and the work to run after a
 * response (running the replay). Used by handlers on the engine thread; interrupt() may come from
 * the reader thread to stop a running replay.
 *
 * When the agent dies (killed, crashed, out of memory), restartAgent() starts a new one and brings
 * the user back to their stop (RestartingHandler decides when, per request; a motion that was
 * running stops at that stop); when it cannot, the session ends with `terminated`.
 */
package dev.rewind.dap;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.eval.Evaluator;
import dev.rewind.core.eval.SessionScope;
import dev.rewind.core.eval.TypeTable;
import dev.rewind.core.session.Frame;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Stepper;
import dev.rewind.core.session.Stop;
import dev.rewind.core.timeline.Timeline;
import dev.rewind.core.values.ValueFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.debug.InvalidatedAreas;
import org.eclipse.lsp4j.debug.InvalidatedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

public final class DebugContext {
    private static final Logger LOG = Logger.getLogger(DebugContext.class.getName());
    /** The most frames a stackTrace lists. */
    static final int MAX_FRAMES = 256;

    /** Work that runs the replay after a response has gone out; may fail like a request. */
    @FunctionalInterface
    public interface FollowUp {
        void run() throws DapException, AgentException;
    }

    private final AgentLaunch agentLaunch;
    private final List<FollowUp> followUps = new ArrayList<>();
    private final BreakpointTable breakpoints = new BreakpointTable();
    private final DataBreakpoints dataBreakpoints = new DataBreakpoints();
    private final VariableHandles handles = new VariableHandles();
    private final OutputEvents output;
    private volatile IDebugProtocolClient client;
    private volatile ReplaySession session;
    private RequestDispatcher dispatcher;
    private Stepper stepper;
    private TypeTable types;
    private ValueFormatter formatter;
    private BreakpointConditions conditions;
    private TimeTravel timeTravel;
    private StopReporter reporter;
    /** The frames listed at the current stop, by thread as the agent takes it (0: the stop's thread). */
    private final java.util.Map<Integer, List<Frame>> frames = new java.util.HashMap<>();
    private ThreadView threadView;
    private String programName = "program";
    private boolean stopOnEntry;
    private Optional<LaunchArguments.Start> start = Optional.empty();
    private Indexed indexed;
    private Recording recording;
    private boolean configured;
    private boolean clientTakesInvalidated;
    private boolean terminatedSent;
    /** An agent was restarted and has not answered a request since: it must not be restarted again. */
    private boolean restartUnproven;

    DebugContext(AgentLaunch agentLaunch) {
        this.agentLaunch = Objects.requireNonNull(agentLaunch, "agentLaunch");
        this.output = new OutputEvents(() -> client);
    }

    void attach(RequestDispatcher d) {
        this.dispatcher = d;
    }

    void connect(IDebugProtocolClient c) {
        this.client = c;
        this.reporter = new StopReporter(c, output,
                pc -> conditions == null ? breakpoints.idsAt(pc) : conditions.hitIds(pc), dataBreakpoints::at);
    }

    public IDebugProtocolClient client() {
        return client;
    }

    public RequestDispatcher dispatcher() {
        return dispatcher;
    }

    public AgentLaunch agentLaunch() {
        return agentLaunch;
    }

    OutputEvents output() {
        return output;
    }

    /** Rewind's own message in the debug console. */
    public void log(String message) {
        output.console(message);
    }

    // ---- the session ----

    public boolean isLaunched() {
        return session != null;
    }

    /** Called by launch once the recording is open and stopped at its entry. */
    public void startSession(ReplaySession s, String program, boolean entryStop, Optional<LaunchArguments.Start> at) {
        this.session = Objects.requireNonNull(s, "session");
        this.types = new TypeTable(s);
        this.formatter = new ValueFormatter(types);
        this.conditions = new BreakpointConditions(breakpoints, output, s, types, formatter);
        this.stepper = new Stepper(s, conditions);
        this.timeTravel = TimeTravel.start(s, conditions);
        timeTravel.available().ifPresent(t -> {
            stepper.setRunner(t::run);
            stepper.setSavePlan(t.savePlan());
            t.setPastFilter(new PastHits(breakpoints, conditions));
        });
        this.programName = program;
        this.threadView = new ThreadView(s, false, program);
        this.stopOnEntry = entryStop;
        this.start = Objects.requireNonNull(at, "start");
    }

    /** The session, or NOT_LAUNCHED for a request that came before launch. */
    public ReplaySession session() throws DapException {
        ReplaySession s = session;
        if (s == null) {
            throw new DapException(DapError.NOT_LAUNCHED, "no program is being debugged yet: send 'launch' first");
        }
        return s;
    }

    /** Going back in time (the Timeline of the session). */
    public TimeTravel timeTravel() throws DapException {
        session();
        return timeTravel;
    }

    public Stepper stepper() throws DapException {
        session();
        return stepper;
    }

    /** Formats values of the program's types and of the types expressions make up. */
    public ValueFormatter formatter() throws DapException {
        session();
        return formatter;
    }

    /**
     * An evaluator for C expressions in frame {@code frameIndex} (0 innermost; a frame id - 1, which
     * names the frame's thread too) of the current stop.
     */
    public Evaluator evaluator(int frameIndex) throws DapException {
        if (frameIndex < ThreadView.FRAME_STRIDE) {
            return evaluators().apply(frameIndex);
        }
        try {
            ThreadView.FrameRef ref = frameRef(frameIndex);
            return new Evaluator(types, new SessionScope(session(), ref.index(), ref.tid()));
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot read the call stack: " + e.getMessage(), e);
        }
    }

    /** Evaluators for any frame of whatever stop the session is at when one is asked for (for scans). */
    public java.util.function.IntFunction<Evaluator> evaluators() throws DapException {
        ReplaySession s = session();
        return frame -> new Evaluator(types, new SessionScope(s, frame));
    }

    public String programName() {
        return programName;
    }

    /** Launch found a recording of {@code recordedThreads} threads: several make DAP threads of them. */
    public void knowThreads(int recordedThreads) throws DapException {
        threadView = new ThreadView(session(), recordedThreads > 1, programName);
    }

    /**
     * A step (forwards or back) acts on the thread that stopped: the thread the replay moves at
     * this moment. Asked of another thread, it is refused with why (the others do not move on
     * their own: they run when the recorded schedule switches to them).
     */
    public void requireStopThread(Integer threadId, String what) throws DapException {
        try {
            if (threadId == null || !threadView.multithreaded() || threadId == threadView.stopThread()) {
                return;
            }
            throw new DapException(DapError.BAD_ARGUMENTS, what + " in thread " + threadId + ": only the thread "
                    + "that runs at this moment (" + threadView.stopThread() + ") can step; continue, or set a "
                    + "breakpoint where thread " + threadId + " goes next");
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot list the threads: " + e.getMessage(), e);
        }
    }

    /** The threads as the client sees them. */
    public ThreadView threads() throws DapException {
        session();
        return threadView;
    }

    /** A recording with snapshots (rewind index): where it is, and its snapshots. */
    public record Indexed(java.nio.file.Path trace, dev.rewind.core.snapshot.Snapshots snapshots) {
    }

    /** The recording's snapshots, when launch found some. */
    public Optional<Indexed> indexed() {
        return Optional.ofNullable(indexed);
    }

    public void indexed(Indexed i) {
        this.indexed = i;
    }

    /**
     * The recording being debugged: its folder (the root's stream) and the stream of the process
     * opened (the folder itself for the root, TRACE/procs/PID for a child).
     */
    public record Recording(java.nio.file.Path trace, java.nio.file.Path openedStream) {
        public Recording {
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(openedStream, "openedStream");
        }
    }

    /** The recording launch opened, once it has. */
    public Optional<Recording> recording() {
        return Optional.ofNullable(recording);
    }

    public void recording(Recording r) {
        this.recording = r;
    }

    /** Where the launch asked to open the recording ("start"), if it did. */
    public Optional<LaunchArguments.Start> start() {
        return start;
    }

    public boolean stopOnEntry() {
        return stopOnEntry;
    }

    /** What initialize said: the client refreshes its views on an `invalidated` event. */
    public void clientTakesInvalidated(boolean yes) {
        clientTakesInvalidated = yes;
    }

    public boolean markConfigured() {
        boolean first = !configured;
        configured = true;
        return first;
    }

    public BreakpointTable breakpoints() {
        return breakpoints;
    }

    public DataBreakpoints dataBreakpoints() {
        return dataBreakpoints;
    }

    public VariableHandles handles() {
        return handles;
    }

    /** The frames of the current stop (fetched once per stop). */
    public List<Frame> frames() throws DapException, AgentException {
        return framesOf(0);
    }

    /**
     * The frames of thread {@code tid} (a recorded tid, 0: the stop's thread) at the current stop;
     * the agent then answers VARIABLES for them (listed again when another thread's were listed
     * since).
     */
    public List<Frame> framesOf(int tid) throws DapException, AgentException {
        ReplaySession s = session();
        List<Frame> listed = frames.get(tid);
        if (listed == null || s.listedThread() != tid) {
            listed = s.stackOf(tid, MAX_FRAMES);
            frames.put(tid, listed);
        }
        return listed;
    }

    /** The thread and index a frame index (a frame id - 1) names, its thread's frames listed; or NOT_FOUND. */
    public ThreadView.FrameRef frameRef(int encodedIndex) throws DapException, AgentException {
        ThreadView.FrameRef ref = threads().frame(encodedIndex);
        if (ref.tid() < 0) {
            throw new DapException(DapError.NOT_FOUND, "there is no frame " + encodedIndex + " at this stop");
        }
        List<Frame> all;
        try {
            all = framesOf(ref.tid());
        } catch (AgentException e) {
            if (e.code() == dev.rewind.core.agent.AgentErrorCode.NOT_AVAILABLE) {
                throw new DapException(DapError.NOT_FOUND, "thread " + ref.tid() + " does not exist at this moment", e);
            }
            throw e;
        }
        if (ref.index() >= all.size()) {
            throw new DapException(DapError.NOT_FOUND, "there is no frame " + ref.index() + " at this stop");
        }
        return ref;
    }

    /** The variables of the frame a frame index (a frame id - 1) names. */
    public List<dev.rewind.core.session.Variable> variables(int encodedIndex, dev.rewind.core.session.Scope scope)
            throws DapException, AgentException {
        ThreadView.FrameRef ref = frameRef(encodedIndex);
        return session().variables(ref.index(), scope);
    }

    /** The registers of the thread a frame index (a frame id - 1) names. */
    public dev.rewind.core.session.Registers registers(int encodedIndex) throws DapException, AgentException {
        return session().registersOf(frameRef(encodedIndex).tid());
    }

    /**
     * Lists the frames of the current stop again, after a travel that came back to the same moment
     * (the agent answers only for frames listed at its latest stop); variable references stay valid.
     */
    public void relistFrames() throws DapException {
        frames.clear();
        try {
            frames();
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot list the frames again: " + e.getMessage(), e);
        }
    }

    /** The frame a frame index (a frame id - 1: the stop's thread's frame index + thread slot) names, or NOT_FOUND. */
    public Frame frame(int index) throws DapException, AgentException {
        if (index < 0) {
            throw new DapException(DapError.NOT_FOUND, "there is no frame " + index + " at this stop");
        }
        ThreadView.FrameRef ref = frameRef(index);
        return framesOf(ref.tid()).get(ref.index());
    }

    // ---- running ----

    /** Queues work to run right after the current request's response is sent. */
    public void afterResponse(FollowUp work) {
        followUps.add(work);
    }

    void clearFollowUps() {
        followUps.clear();
    }

    void runFollowUps() {
        List<FollowUp> work = List.copyOf(followUps);
        followUps.clear();
        for (FollowUp f : work) {
            try {
                f.run();
            } catch (DapException | AgentException e) {
                if (session != null && session.isClosed()) {
                    // disconnect closed the session under the running replay: that is how it ends
                    output.console("rewind: the replay was stopped by disconnect");
                    continue;
                }
                if (agentDied()) {
                    // the motion is lost: the replay stops where the user was (or the session ends)
                    restartAgent().ifPresent(this::report);
                    continue;
                }
                reporter.failed(e.getMessage());
            } catch (Throwable e) {
                // The work after a response (running the replay, conditions) fails like a request:
                // reported, and the engine thread goes on.
                LOG.log(Level.SEVERE, "running the replay failed", e);
                reporter.failed(RequestDispatcher.internalError("running the replay", e));
            }
        }
    }

    /**
     * Runs the replay with {@code motion} (after the response): forgets the current stop's frames
     * and variable references, then reports where it stopped.
     */
    public void run(Motion motion) {
        afterResponse(() -> {
            frames.clear();
            threadView.moved();
            handles.clear();
            stepper().clearPause();
            Stop stop = motion.run(stepper());
            if (timeTravel.available().isPresent()) {
                timeTravel.available().get().markUserStop();
            }
            agentAnswered();
            report(stop);
        });
    }

    /** A way to move the replay forwards. */
    @FunctionalInterface
    public interface Motion {
        Stop run(Stepper stepper) throws AgentException;
    }

    /** Reports the stop the session is at (the entry stop, after configurationDone with stopOnEntry). */
    public void reportCurrentStop() throws DapException {
        report(session().lastStop());
    }

    /** Reports a stop in the thread that moves there, after `thread` events for what changed. */
    private void report(Stop stop) {
        try {
            threadView.announce(client);
            reporter.inThread(threadView.stopThread());
        } catch (AgentException e) {
            output.console("rewind: cannot list the threads: " + e.getMessage());
        }
        reporter.report(stop);
    }

    /** The session if launched, without failing (for requests that run off the engine thread). */
    public java.util.Optional<ReplaySession> currentSession() {
        return java.util.Optional.ofNullable(session);
    }

    // ---- the agent's death ----

    /** Whether the session's agent has died (not closed on purpose). */
    public boolean agentDied() {
        ReplaySession s = session;
        return s != null && s.agentDeath().isPresent();
    }

    /**
     * The agent died: starts a new one on the same recording and brings the replay back to the
     * user's stop (Timeline.recover), with the user's breakpoints, function breakpoints and data
     * breakpoints armed again; the references to values and the types read from the dead agent
     * are forgotten (scopes stay: the frames are the same). Says so in the debug console and
     * returns that stop. When it cannot (no Timeline, the new agent fails or dies too), it gives
     * up: says why, closes the session and sends `terminated`; then empty.
     */
    public Optional<Stop> restartAgent() {
        ReplaySession s = session;
        String death = death(s.agentDeath());
        if (restartUnproven) {
            giveUp("the replay agent died again (" + death + ") before it answered a request after its restart");
            return Optional.empty();
        }
        restartUnproven = true;
        try {
            Timeline timeline = timeTravel.timeline();
            s.restartAgent();
            s.setWatches(dataBreakpoints.watches());
            Stop at = timeline.recover();
            s.setBreakpoints(breakpoints.addresses());
            types.forgetProgramTypes();
            handles.forgetValues();
            frames.clear();
            threadView.moved();
            listFramesAgain(s);
            output.console("rewind: the replay agent died (" + death + "); restarted it and returned to event "
                    + at.event().value());
            return Optional.of(at);
        } catch (DapException | AgentException | RuntimeException e) {
            giveUp("the replay agent died (" + death + ") and could not be restarted: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A request was answered by the agent (after a restart: the new agent works). */
    public void agentAnswered() {
        restartUnproven = false;
    }

    /** The agent answers VARIABLES only for frames it listed at its latest stop: list them (if there are any). */
    private void listFramesAgain(ReplaySession s) throws DapException, AgentException {
        try {
            frames();
        } catch (AgentException e) {
            if (s.agentDeath().isPresent()) {
                throw e;
            }
            frames.clear(); // no stack here (the end of the recording): no scope stays valid
            handles.clear();
        }
    }

    /** Ends the session after an agent's death that could not be mended: says why, then `terminated`. */
    public void giveUp(String why) {
        ReplaySession s = session;
        if (s == null || s.isClosed()) {
            return; // disconnect came first: it ends the session itself
        }
        output.console("rewind: " + why + "; the debugging session ends");
        interrupt();
        if (!terminatedSent) {
            terminatedSent = true;
            client.terminated(new TerminatedEventArguments());
        }
    }

    /**
     * After a request that restarted the agent: the client should fetch the stack and variables
     * again (`invalidated`, all areas, when it takes it; else the stop is reported again).
     */
    public void refreshClient() {
        ReplaySession s = session;
        if (s == null || s.isClosed()) {
            return;
        }
        if (clientTakesInvalidated) {
            InvalidatedEventArguments args = new InvalidatedEventArguments();
            args.setAreas(new String[] {InvalidatedAreas.ALL});
            client.invalidated(args);
        } else {
            report(s.lastStop());
        }
    }

    /** "signal 9", "exit status 3": how the agent ended, from its exit value. */
    static String death(OptionalInt exit) {
        if (exit.isEmpty()) {
            return "connection lost";
        }
        int v = exit.getAsInt();
        return v > 128 ? "signal " + (v - 128) : "exit status " + v;
    }

    /** Ends the session for good (disconnect). */
    public void endSession() {
        interrupt();
    }

    /** Stops everything now (disconnect, or the client went away): closes the session. */
    void interrupt() {
        ReplaySession s = session;
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (AgentException e) {
            output.console("rewind: " + e.getMessage());
        }
    }
}
