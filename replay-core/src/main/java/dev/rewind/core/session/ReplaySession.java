/*
 * ReplaySession: one debugging session on a recording, driven through the agent's session
 * messages (protocol/wire-protocol.md, "Debugging sessions"): resume, breakpoints, registers,
 * memory, and the symbol queries (lines, functions, stack, variables, types). Knows nothing of DAP.
 *
 * Calls are serialized (one request on the wire at a time). close() may come from another thread
 * while a resume runs: it kills the agent, and the running call fails with AGENT_LOST.
 *
 * An agent that dies (killed, crashed) can be replaced: restartAgent() starts a new one on the same
 * recording, standing at its entry, with no breakpoints, data breakpoints or save points (those
 * died with the old one) and the type cache forgotten (type ids are the agent's own); the Timeline
 * then brings the replay back to where it was (Timeline.recover).
 */
package dev.rewind.core.session;

import dev.rewind.core.agent.AgentClient;
import dev.rewind.core.agent.SearchMessages;
import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.MotionRequest;
import dev.rewind.core.agent.SessionReply;
import dev.rewind.core.agent.SessionRequest;
import dev.rewind.core.agent.WireMessage;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.values.ValueSource;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

public final class ReplaySession implements ValueSource, AutoCloseable {
    /** Starts a new agent with this session's recording open in it, standing at its entry. */
    @FunctionalInterface
    public interface AgentRestarter {
        Restarted restart() throws AgentException;
    }

    /** A new agent and its entry stop (OPEN's reply). */
    public record Restarted(AgentClient agent, Stop entry) {
        public Restarted {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** Guards the swap of the agent against a concurrent close(). */
    private final Object agentLock = new Object();
    private volatile AgentClient agent;
    private AgentRestarter restarter;
    private final OutputListener output;
    private final Map<Integer, TypeInfo> types = new ConcurrentHashMap<>();
    private final Map<Integer, CxxFacts> cxxFacts = new ConcurrentHashMap<>();
    private final Map<Integer, RustVariants> rustVariants = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closeActions = new ArrayList<>();
    private volatile Stop lastStop;
    private List<RemoteAddress> breakpoints = List.of();
    private List<Watch> watches = List.of();
    private volatile boolean closed;
    private volatile boolean pauseRequested;
    private volatile boolean outputMuted;
    /** The recorded tid whose registers the agent reads for READ_REGISTERS and STACK (0: the one that moves). */
    private int shownThread;
    /** Whose stack STACK listed last (VARIABLES answers for its frames): a recorded tid, 0 the moving one, -1 none. */
    private volatile int listedThread = -1;

    /** Made by AgentClient.openSession, with the entry stop OPEN answered. */
    public ReplaySession(AgentClient agent, Stop entry, OutputListener output) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.lastStop = Objects.requireNonNull(entry, "entry");
        this.output = Objects.requireNonNull(output, "output");
    }

    /** Lets restartAgent() replace a dead agent by what {@code r} starts (SessionLauncher sets it). */
    public synchronized void restartWith(AgentRestarter r) {
        this.restarter = Objects.requireNonNull(r, "restarter");
    }

    /**
     * How the agent died (its exit value: 128+N when signal N killed it), or empty while it runs
     * and once the session is closed (close() ends the agent on purpose).
     */
    public OptionalInt agentDeath() {
        return closed ? OptionalInt.empty() : agent.exitValue();
    }

    /**
     * Replaces the dead agent by a new one on the same recording (AgentRestarter): the replay then
     * stands at the recording's entry with nothing armed (breakpoints and data breakpoints are
     * empty: the caller sets them again) and the save points of the old agent are gone. Returns
     * the entry stop. Fails when there is no restarter, the session is closed, or the new agent
     * fails to start or open the recording.
     */
    public synchronized Stop restartAgent() throws AgentException {
        if (restarter == null) {
            throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "this session cannot start a new rewind-agent");
        }
        if (closed) {
            throw new AgentException(AgentErrorCode.AGENT_LOST, "the replay session is closed");
        }
        agent.close(); // dead: this only removes its socket folder
        Restarted fresh = restarter.restart();
        synchronized (agentLock) {
            if (closed) {
                fresh.agent().close();
                throw new AgentException(AgentErrorCode.AGENT_LOST, "the replay session is closed");
            }
            agent = fresh.agent();
        }
        types.clear();
        cxxFacts.clear();
        rustVariants.clear();
        breakpoints = List.of();
        watches = List.of();
        pauseRequested = false;
        shownThread = 0;
        listedThread = -1;
        lastStop = fresh.entry();
        return lastStop;
    }

    /**
     * After a travel back to the moment of {@code stop} (found again after restartAgent): the
     * current stop is reported as {@code stop} was. Refused when the replay is not at its event and pc.
     */
    public synchronized void relabel(Stop stop) throws AgentException {
        Stop here = lastStop;
        if (!here.event().equals(stop.event()) || !here.pc().equals(stop.pc())) {
            throw new AgentException(AgentErrorCode.AGENT_INTERNAL, "the replay came back to " + here.pc() + " at "
                    + here.event() + ", not to " + stop.pc() + " at " + stop.event());
        }
        lastStop = stop;
    }

    /** The most recent stop (the entry stop right after opening). */
    public Stop lastStop() {
        return lastStop;
    }

    /** Runs the replay until it stops; the recorded output it passes goes to the OutputListener. */
    public synchronized Stop resume(ResumeMode mode) throws AgentException {
        Stop stop = expect(SessionReply.Stopped.class, new SessionRequest.Resume(mode), "RESUME").stop();
        lastStop = stop;
        return stop;
    }

    /**
     * Runs one motion in the agent (MotionRequest: a line step, a step out, an instruction step over
     * calls, or going on with the live one), which answers once; stopping on the way at the boundary
     * of {@code saveEvent} (0: never) for a save point. A pause stops it too (PAUSED).
     */
    public synchronized Stop motion(MotionRequest.Kind kind, long saveEvent) throws AgentException {
        Stop stop = expect(SessionReply.Stopped.class, new MotionRequest(kind, saveEvent), "a motion").stop();
        lastStop = stop;
        return stop;
    }

    /** Requests sent to the agent of this session so far (its current agent's count). */
    public long requestsSent() {
        return agent.requestsSent();
    }

    /**
     * Asks a running resume to stop (it then answers a PAUSED stop); from any thread. Also marks
     * the request for multi-step motions (the Stepper), which check it between their resumes.
     */
    public void pause() throws AgentException {
        pauseRequested = true;
        agent.sendWithoutReply(new SessionRequest.Pause());
    }

    /** True (once) when pause() was called since the last call; clears the request. */
    public boolean takePauseRequest() {
        boolean requested = pauseRequested;
        pauseRequested = false;
        return requested;
    }

    /**
     * While muted, the recorded output the replay passes is not handed on: the Timeline replays
     * stretches of the past again to go backwards, and the program must not seem to print twice.
     */
    public void muteOutput(boolean muted) {
        outputMuted = muted;
    }

    /**
     * FIND_LAST: from an event boundary (hit counts canonical from there), runs to the request's
     * target with its addresses armed and answers once with the last arrival that passed its rule.
     * The breakpoints armed afterwards are the request's addresses and the target's pc.
     */
    public synchronized SearchMessages.LastArrival findLast(SearchMessages.FindLast request) throws AgentException {
        SearchMessages.LastArrival reply = expect(SearchMessages.LastArrival.class, request, "FIND_LAST");
        List<RemoteAddress> armed = new ArrayList<>();
        for (SearchMessages.ArmedAddress a : request.addresses()) {
            if (!armed.contains(a.address())) {
                armed.add(a.address());
            }
        }
        if (request.kind() == SearchMessages.TargetKind.PC && !armed.contains(request.pc())) {
            armed.add(request.pc());
        }
        breakpoints = List.copyOf(armed);
        lastStop = reply.stop();
        return reply;
    }

    /** Runs until the next event to replay is {@code event} (breakpoints on the way stop it first). */
    public synchronized Stop runToEvent(EventIndex event) throws AgentException {
        Stop stop = expect(SessionReply.Stopped.class, new SessionRequest.RunToEvent(event), "RUN_TO_EVENT").stop();
        lastStop = stop;
        return stop;
    }

    /** Makes a save point where the replay stands (between events: at entry, after runToEvent or restore). */
    public synchronized SavePoint save() throws AgentException {
        SessionReply.Saved saved = expect(SessionReply.Saved.class, new SessionRequest.Save(), "SAVE");
        return new SavePoint(saved.savepoint(), saved.event(), saved.memoryBytes());
    }

    /**
     * SAVE_AT_HIT: at the breakpoint arrival the last run stopped at, the replay steps back to just
     * before it (the next run reports it again, same count) and a save point is made there; the
     * reply names it (savepoint 0: none could be made) and the counts it keeps.
     */
    public synchronized SearchMessages.SavedAtHit saveAtHit() throws AgentException {
        return expect(SearchMessages.SavedAtHit.class, new SearchMessages.SaveAtHit(), "SAVE_AT_HIT");
    }

    /** Continues from a save point (the replay stands at its event afterwards). */
    public synchronized Stop restore(SavePoint point) throws AgentException {
        Stop stop = expect(SessionReply.Stopped.class, new SessionRequest.Restore(point.id()), "RESTORE").stop();
        lastStop = stop;
        return stop;
    }

    /** The save point's memory now (it grows as the replay moves on and copy-on-write pages part). */
    public synchronized SavePoint refresh(SavePoint point) throws AgentException {
        SessionReply.Saved saved = expect(SessionReply.Saved.class, new SessionRequest.SavepointInfo(point.id()),
                "SAVEPOINT_INFO");
        return new SavePoint(saved.savepoint(), saved.event(), saved.memoryBytes());
    }

    /**
     * Calls the function containing {@code function} (its entry), named {@code name}, with up to 6
     * integer/pointer arguments, in call world {@code world} (0: a new throwaway fork of the current stop;
     * otherwise an earlier CallResult's world, so the calls of one evaluation see each other's writes): the
     * replay is untouched. {@code data} is written into the world first and the arguments whose bit is set
     * in {@code dataArguments} are offsets into it. A call that needs a syscall (which has no recorded
     * result), gets a signal or does not return within 2 s fails with the reason (and its world is gone).
     */
    public synchronized CallResult call(RemoteAddress function, String name, int world, List<Long> arguments,
                                        int dataArguments, byte[] data) throws AgentException {
        SessionReply.CallResult r = expect(SessionReply.CallResult.class,
                new SessionRequest.Call(function, name, world, arguments, dataArguments, data), "CALL");
        return new CallResult(r.ok(), r.rax(), r.returnType() == -1 ? OptionalInt.empty() : OptionalInt.of(r.returnType()),
                r.world(), r.error());
    }

    /** A call with plain integer/pointer arguments in a new world. */
    public synchronized CallResult call(RemoteAddress function, List<Long> arguments) throws AgentException {
        return call(function, "", 0, arguments, 0, new byte[0]);
    }

    /**
     * Writes the snapshot of this moment (docs/snapshot-format.md) into a new file at {@code file}:
     * only between events at a syscall stop, as save points (NOT_AVAILABLE elsewhere). Returns the
     * event it stands before and its size. A full snapshot: write tracking stays as it is.
     */
    public synchronized SessionReply.SnapshotDone snapshot(java.nio.file.Path file) throws AgentException {
        return snapshot(file, false, -1);
    }

    /**
     * As {@link #snapshot(java.nio.file.Path)}, with write tracking: {@code track} keeps track of
     * the pages written from now on; {@code base} (or -1) is the event of this session's tracked
     * snapshot the page store holds. The reply says whether the body names that base's pages.
     */
    public synchronized SessionReply.SnapshotDone snapshot(java.nio.file.Path file, boolean track, long base)
            throws AgentException {
        return expect(SessionReply.SnapshotDone.class, new SessionRequest.Snapshot(file.toString(), track, base),
                "SNAPSHOT");
    }

    /**
     * Goes on from the snapshot in {@code file} (of this recording): a fresh process replaces the
     * replayed one; save points, breakpoints and data breakpoints stay. A damaged or newer snapshot
     * is refused (TRACE_UNREADABLE) and the session stays as it was.
     */
    public synchronized Stop restoreSnapshot(java.nio.file.Path file) throws AgentException {
        Stop stop = expect(SessionReply.Stopped.class, new SessionRequest.RestoreSnapshot(file.toString()),
                "RESTORE_SNAPSHOT").stop();
        lastStop = stop;
        return stop;
    }

    /** Frees a save point. */
    public synchronized void drop(SavePoint point) throws AgentException {
        expect(SessionReply.Done.class, new SessionRequest.Drop(point.id()), "DROP");
    }

    /** Up to {@code count} instructions decoded from {@code address} (fewer where memory or decoding ends). */
    public synchronized List<Instruction> disassemble(RemoteAddress address, int count) throws AgentException {
        return expect(SessionReply.Instructions.class, new SessionRequest.Disassemble(address, count), "DISASSEMBLE")
                .instructions();
    }

    /** Replaces the breakpoint addresses; returns how many are mapped and armed now. */
    public synchronized int setBreakpoints(List<RemoteAddress> addresses) throws AgentException {
        List<RemoteAddress> copy = List.copyOf(addresses);
        int armed = expect(SessionReply.BreakpointsSet.class, new SessionRequest.SetBreakpoints(copy),
                "SET_BREAKPOINTS").armed();
        breakpoints = copy;
        return armed;
    }

    /** Replaces the data breakpoints (the agent compares their bytes from the next resume on). */
    public synchronized void setWatches(List<Watch> list) throws AgentException {
        List<Watch> copy = List.copyOf(list);
        if (copy.equals(watches)) {
            return;
        }
        expect(SessionReply.Done.class, new SessionRequest.SetWatches(copy), "SET_WATCHES");
        watches = copy;
    }

    /** The data breakpoints set last. */
    public synchronized List<Watch> watches() {
        return watches;
    }

    /** The breakpoint addresses set last. */
    public synchronized List<RemoteAddress> breakpoints() {
        return breakpoints;
    }

    /** The registers of the thread that moves now (the stop's thread). */
    public synchronized Registers registers() throws AgentException {
        return registersOf(0);
    }

    /** The registers of the thread with recorded tid {@code tid} (0: the one that moves now). */
    public synchronized Registers registersOf(int tid) throws AgentException {
        show(tid);
        return expect(SessionReply.RegistersReply.class, new SessionRequest.ReadRegisters(), "READ_REGISTERS")
                .registers();
    }

    /**
     * Up to {@code length} bytes at {@code address} as the program sees them: fewer (down to none)
     * when the memory stops being readable. The agent answers a READ_MEMORY all or nothing, so a
     * read that meets an unreadable page (the end of the stack, say) is made again page by page,
     * up to that page.
     */
    @Override
    public synchronized byte[] readMemory(RemoteAddress address, int length) throws AgentException {
        return read(0, address, length);
    }

    /**
     * As readMemory, from call world {@code world} (a CallResult's): the memory a call left, never the
     * replay's; NOT_AVAILABLE once that world is gone (another evaluation's call, or the replay moved).
     */
    public synchronized byte[] readCallMemory(int world, RemoteAddress address, int length) throws AgentException {
        if (world == 0) {
            throw new IllegalArgumentException("call world 0 is no world");
        }
        return read(world, address, length);
    }

    /** Reads from the replay (world 0) or a call world. */
    private byte[] read(int world, RemoteAddress address, int length) throws AgentException {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        long done = 0;
        while (done < length) {
            int chunk = (int) Math.min(SessionRequest.MAX_READ, length - done);
            long at = address.value() + done;
            byte[] got = readOnce(world, at, chunk);
            if (got.length < chunk) {
                got = readPages(world, at, chunk);
            }
            out.write(got, 0, got.length);
            if (got.length < chunk) {
                break;
            }
            done += chunk;
        }
        return out.toByteArray();
    }

    /** The page size of x86-64 Linux: memory is readable or not page by page. */
    private static final long PAGE = 4096;

    /** Up to {@code length} bytes at {@code at}, one page at a time, until a page cannot be read. */
    private byte[] readPages(int world, long at, int length) throws AgentException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        long done = 0;
        while (done < length) {
            long from = at + done;
            int piece = (int) Math.min(length - done, PAGE - Long.remainderUnsigned(from, PAGE));
            byte[] got = readOnce(world, from, piece);
            out.write(got, 0, got.length);
            if (got.length < piece) {
                break;
            }
            done += piece;
        }
        return out.toByteArray();
    }

    private byte[] readOnce(int world, long at, int length) throws AgentException {
        if (world != 0) {
            return expect(SessionReply.Memory.class, new SessionRequest.ReadCallMemory(world, RemoteAddress.of(at),
                    length), "READ_CALL_MEMORY").bytes();
        }
        return expect(SessionReply.Memory.class, new SessionRequest.ReadMemory(RemoteAddress.of(at), length),
                "READ_MEMORY").bytes();
    }

    /** Where {@code line} of {@code file} (a full path or a path suffix) begins; NOT_AVAILABLE when unknown. */
    public synchronized LineAddresses lineAddresses(String file, int line) throws AgentException {
        SessionReply.Addresses a = expect(SessionReply.Addresses.class, new SessionRequest.LineAddresses(file, line),
                "LINE_ADDRESSES");
        return new LineAddresses(a.actualLine(), a.addresses());
    }

    @Override
    public synchronized Optional<String> functionAt(RemoteAddress address) throws AgentException {
        SessionReply.Symbol s = expect(SessionReply.Symbol.class, new SessionRequest.SymbolAt(address), "SYMBOL_AT");
        if (s.name().isEmpty()) {
            return Optional.empty();
        }
        long offset = address.value() - s.entry().value();
        return Optional.of(offset == 0 ? s.name() : s.name() + "+" + offset);
    }

    /** The body addresses (after the prologue) of every function named {@code name}. */
    public synchronized List<RemoteAddress> functionAddresses(String name) throws AgentException {
        return expect(SessionReply.Addresses.class, new SessionRequest.FunctionAddresses(name), "FUNCTION_ADDRESSES")
                .addresses();
    }

    /**
     * What {@code name} stands for in the whole program when it is no local: a variable (qualified
     * C++ and Rust names included) or a function, found by the agent (the current pc's CU first).
     */
    public synchronized dev.rewind.core.agent.SessionReply.Named lookupName(String name) throws AgentException {
        return expect(dev.rewind.core.agent.SessionReply.Named.class, new dev.rewind.core.agent.SessionRequest.LookupName(name),
                "LOOKUP_NAME");
    }

    /** The call stack at this stop, innermost first, at most {@code maxFrames}. */
    public synchronized List<Frame> stack(int maxFrames) throws AgentException {
        return stackOf(0, maxFrames);
    }

    /**
     * The call stack of the thread with recorded tid {@code tid} (0: the one that moves now); from
     * then on VARIABLES answers for these frames. NOT_AVAILABLE when there is no such thread now.
     */
    public synchronized List<Frame> stackOf(int tid, int maxFrames) throws AgentException {
        show(tid);
        listedThread = -1;
        List<Frame> frames = expect(SessionReply.Frames.class, new SessionRequest.Stack(maxFrames), "STACK").frames();
        listedThread = tid;
        return frames;
    }

    /** Whose stack was listed last (stackOf): a recorded tid, 0 for the thread that moves, -1 for none. */
    public int listedThread() {
        return listedThread;
    }

    /** The threads that live at this moment (empty when the program is gone). */
    public synchronized SessionReply.ThreadList threads() throws AgentException {
        return expect(SessionReply.ThreadList.class, new SessionRequest.Threads(), "THREADS");
    }

    /** Makes the agent read thread {@code tid}'s registers (0: the one that moves now). */
    private void show(int tid) throws AgentException {
        if (tid != shownThread) {
            expect(SessionReply.Done.class, new SessionRequest.SelectThread(tid), "SELECT_THREAD");
            shownThread = tid;
        }
    }

    /** The variables of frame {@code frameIndex} (0 innermost), or its compilation unit's globals. */
    public synchronized List<Variable> variables(int frameIndex, Scope scope) throws AgentException {
        return expect(SessionReply.VariableList.class, new SessionRequest.Variables(frameIndex, scope), "VARIABLES")
                .variables();
    }

    /** A type by id, cached for the session (types do not change within one). */
    @Override
    public TypeInfo type(int id) throws AgentException {
        TypeInfo cached = types.get(id);
        if (cached != null) {
            return cached;
        }
        TypeInfo t;
        synchronized (this) {
            t = expect(SessionReply.TypeInfoReply.class, new SessionRequest.Type(id), "TYPE").info();
        }
        types.put(id, t);
        return t;
    }

    /** The C++ facts of a type, cached for the session like the type. */
    @Override
    public CxxFacts cxx(int id) throws AgentException {
        CxxFacts cached = cxxFacts.get(id);
        if (cached != null) {
            return cached;
        }
        CxxFacts facts;
        synchronized (this) {
            facts = expect(SessionReply.CxxTypeInfo.class, new SessionRequest.CxxType(id, RemoteAddress.of(0)),
                    "CXX_TYPE").facts();
        }
        cxxFacts.put(id, facts);
        return facts;
    }

    /** The variant part of a Rust enum type, cached for the session like the type. */
    @Override
    public RustVariants rust(int id) throws AgentException {
        RustVariants cached = rustVariants.get(id);
        if (cached != null) {
            return cached;
        }
        RustVariants variants;
        synchronized (this) {
            variants = expect(SessionReply.RustTypeInfo.class, new SessionRequest.RustType(id), "RUST_TYPE").variants();
        }
        rustVariants.put(id, variants);
        return variants;
    }

    /** The dynamic class of the polymorphic object at {@code object}, read at this stop. */
    @Override
    public synchronized Optional<DynamicType> dynamicType(int id, RemoteAddress object) throws AgentException {
        SessionReply.CxxTypeInfo r = expect(SessionReply.CxxTypeInfo.class, new SessionRequest.CxxType(id, object),
                "CXX_TYPE");
        return r.dynamicType() == 0 ? Optional.empty() : Optional.of(new DynamicType(r.dynamicType(), r.dynamicAddress()));
    }

    /** Runs {@code action} when the session closes (after the agent is gone). */
    public void onClose(AutoCloseable action) {
        Objects.requireNonNull(action, "action");
        synchronized (closeActions) {
            closeActions.add(action);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Ends the session: the agent (and the replayed process) go away, then the close actions run.
     * Safe from any thread, also while a resume runs; the first failure of a close action is thrown.
     */
    @Override
    public void close() throws AgentException {
        AgentClient last;
        synchronized (agentLock) {
            if (closed) {
                return;
            }
            closed = true;
            last = agent;
        }
        last.close();
        List<AutoCloseable> actions;
        synchronized (closeActions) {
            actions = List.copyOf(closeActions);
        }
        AgentException failure = null;
        for (AutoCloseable action : actions) {
            try {
                action.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new AgentException(AgentErrorCode.TRACE_IO, "cleaning up the session failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private <T extends WireMessage> T expect(Class<T> type, WireMessage request, String name) throws AgentException {
        if (closed) {
            throw new AgentException(AgentErrorCode.AGENT_LOST, "the replay session is closed");
        }
        WireMessage reply = agent.exchange(request, outputMuted ? OutputListener.IGNORE : output);
        if (type.isInstance(reply)) {
            return type.cast(reply);
        }
        throw new AgentException(AgentErrorCode.PROTOCOL_ERROR,
                "rewind-agent answered " + name + " with an unexpected " + reply.getClass().getSimpleName());
    }
}
