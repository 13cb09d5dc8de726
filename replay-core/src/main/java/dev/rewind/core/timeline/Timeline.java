/*
 * Timeline: all time travel of one ReplaySession (DESIGN.md, "Save points", "Going backwards";
 * rr's ReplayTimeline in spirit). It knows the Position of the session's current stop (computed
 * lazily when another component moved the replay), places save points as the replay passes every
 * `interval`-th event boundary, keeps them under the budget, and seeks: restore the nearest save
 * point at or before the position's event, run to the event, then arm only a temporary breakpoint
 * at the position's pc and continue to its hits-th arrival. The user's breakpoints are put back
 * after every operation. Going backwards (ReverseMotions, BackwardSearch) is built on replay().
 * The recorded output the replay passes while the Timeline travels is muted. The work is split:
 * ForwardMotions (runs forwards), Replays (from a save point to a position), SavePointPlacement
 * (where replays start and save points go), ReverseMotions (the backwards motions); this class
 * keeps the position, the user's stop, the filters and the public entry points.
 *
 * When the agent dies, the session starts a new one (ReplaySession.restartAgent) and recover()
 * brings it back to where the user was (markUserStop): the dead agent's save points are forgotten,
 * never used, and a new first one is made at the start.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.SearchMessages;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.segments.SegmentRunner;
import dev.rewind.core.session.BreakpointFilter;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SavePoint;
import dev.rewind.core.session.Stepper;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.session.Watch;
import dev.rewind.core.snapshot.SnapshotException;
import dev.rewind.core.snapshot.Snapshots;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.function.Consumer;

public final class Timeline {
    /**
     * Told of every arrival at a watched address while the replay runs, in the order they happen;
     * the session stands at the arrival while it is told (its stack and variables can be read).
     */
    @FunctionalInterface
    public interface HitListener {
        void hit(Position at, Stop stop) throws AgentException;
    }

    private final ReplaySession session;
    private final TimelineConfig config;
    private final SavePoints savePoints;
    private final SavePointPlacement placement;
    private final Replays replays;
    private final ForwardMotions forward;
    private final Position start;
    private BreakpointFilter filter = BreakpointFilter.ALWAYS;
    private PastFilter pastFilter = PastFilter.of(BreakpointFilter.ALWAYS);
    private Position known;
    private Stop knownStop;
    private long totalEvents = -1;
    private UserStop userStop;
    /**
     * The stop of a data breakpoint's change found going backwards (WatchBisection), named as the
     * PC position of the arrival after its store; the watch it names. A search backwards from it
     * leaves that change out (it is where the user stands), as from a WATCH position.
     */
    private Stop watchMoment;
    private RemoteAddress watchMomentAddress;

    /** A Timeline for {@code session}, which must stand at an event boundary (its entry): the first save point goes there. */
    public Timeline(ReplaySession session, TimelineConfig config) throws AgentException {
        this.session = Objects.requireNonNull(session, "session");
        this.config = Objects.requireNonNull(config, "config");
        this.savePoints = new SavePoints(session, config);
        this.placement = new SavePointPlacement(this, savePoints);
        this.replays = new Replays(this, new HitSavePoints(session, config));
        this.forward = new ForwardMotions(this, savePoints, placement);
        Stop here = session.lastStop();
        if (here.reason() != StopReason.ENTRY && here.reason() != StopReason.AT_EVENT) {
            throw new AgentException(AgentErrorCode.NOT_AVAILABLE,
                    "a timeline starts at an event boundary, not at a " + here.reason() + " stop");
        }
        this.start = Position.boundary(here.event());
        savePoints.saveHere(here.event());
        remember(start);
        userStop = UserStop.at(here, start);
    }

    public Timeline(ReplaySession session) throws AgentException {
        this(session, TimelineConfig.DEFAULT);
    }

    public ReplaySession session() {
        return session;
    }

    public TimelineConfig config() {
        return config;
    }

    /** Decides which arrivals at user breakpoints count (conditions, hit counts), forwards and backwards. */
    public void setFilter(BreakpointFilter f) {
        this.filter = Objects.requireNonNull(f, "filter");
        this.pastFilter = PastFilter.of(f);
    }

    BreakpointFilter filter() {
        return filter;
    }

    /** Judges arrivals met going backwards (by default, the forward filter: see PastFilter). */
    public void setPastFilter(PastFilter f) {
        this.pastFilter = Objects.requireNonNull(f, "pastFilter");
    }

    PastFilter pastFilter() {
        return pastFilter;
    }

    /** The start of the recording (where the first save point is). */
    public Position start() {
        return start;
    }

    /** The number of events of the recording once the replay has reached its end, else empty. */
    public OptionalLong totalEvents() {
        return totalEvents < 0 ? OptionalLong.empty() : OptionalLong.of(totalEvents);
    }

    /** Tells the Timeline the recording's event count when it is known beforehand (from the recording run). */
    public void setTotalEvents(long events) {
        if (events < 0) {
            throw new IllegalArgumentException("event count must be >= 0, got " + events);
        }
        totalEvents = events;
    }

    public int savePointCount() {
        return savePoints.all().size();
    }

    /**
     * The save points' memory as the agent reports it now, after evicting what no longer fits the
     * budget (a save point's memory grows as the replay moves on and copy-on-write pages part).
     */
    public long savePointMemory() throws AgentException {
        savePoints.enforceBudget(session.lastStop().event());
        return savePoints.refreshMemory();
    }

    public List<SavePoint> savePoints() {
        return savePoints.all();
    }

    // ---- where the replay is ----

    /** The position of the session's current stop; found by replaying when the Timeline did not make it. */
    public Position position() throws AgentException {
        Stop last = session.lastStop();
        if (last == knownStop) {
            return known;
        }
        Position p = Locator.locate(this, last);
        remember(p);
        return p;
    }

    void remember(Position p) {
        known = p;
        knownStop = session.lastStop();
        if (p.kind() == Position.Kind.END && knownStop.reason() == StopReason.END) {
            totalEvents = Math.max(totalEvents, knownStop.event().value());
        }
    }

    /**
     * Replaces the session's data breakpoints. A position counted among watch stops (WATCH: the
     * hits-th change of the set armed then) means nothing under another set, so when the current
     * stop is one it is first named again as a pc position (which no set changes) with the old set
     * still armed; the user's stop there too. Every later travel back to it then still arrives.
     */
    public void setWatches(List<Watch> list) throws AgentException {
        List<Watch> now = session.watches();
        Stop last = session.lastStop();
        if (!now.isEmpty() && !List.copyOf(list).equals(now) && last.reason() != StopReason.ERROR) {
            Position here = last == knownStop ? known : Locator.byItself(last).orElse(null);
            boolean watchStop = here == null ? last.reason() == StopReason.WATCH : here.kind() == Position.Kind.WATCH;
            if (watchStop) {
                boolean users = userStop.stop() == last;
                Position pc = Locator.search(this, last);
                remember(pc);
                if (users) {
                    userStop = UserStop.at(last, pc);
                }
            }
        }
        if (!List.copyOf(list).equals(now)) {
            watchMoment = null;
        }
        session.setWatches(list);
    }

    /** Marks the session's current stop as a data breakpoint's change of the watch at {@code watched}. */
    void markWatchMoment(RemoteAddress watched) {
        watchMoment = session.lastStop();
        watchMomentAddress = watched;
    }

    /** The watch whose change the session's current stop is (markWatchMoment), if it is one. */
    Optional<RemoteAddress> watchMoment() {
        return watchMoment != null && session.lastStop() == watchMoment ? Optional.of(watchMomentAddress)
                : Optional.empty();
    }

    // ---- where the user is, and an agent's death ----

    /**
     * Marks the session's current stop as the user's (the one just reported to them): recover()
     * returns there. Costs nothing when the Timeline knows the position; else the registers and
     * the top of the stack are read (two requests), never a replay.
     */
    public void markUserStop() throws AgentException {
        Stop last = session.lastStop();
        if (last.reason() == StopReason.ERROR) {
            return; // a failed replay is no place to come back to: the previous user stop stays
        }
        if (last == knownStop) {
            userStop = UserStop.at(last, known);
            return;
        }
        Optional<Position> byItself = Locator.byItself(last);
        userStop = byItself.isPresent() ? UserStop.at(last, byItself.get())
                : UserStop.unlocated(last, Fingerprint.of(session));
    }

    /**
     * After ReplaySession.restartAgent (the session stands at the entry of a new agent, its
     * breakpoints cleared, its data breakpoints set again by the caller): forgets the dead agent's
     * save points, makes the first save point again and travels back to the user's stop
     * (markUserStop), which the session then reports as before; returns it. The user's hit counts
     * are brought to that moment (PastFilter.travelled). A pause meanwhile is not obeyed.
     */
    public Stop recover() throws AgentException {
        UserStop back = userStop;
        savePoints.forgetDead();
        replays.forgetDead();
        known = null;
        knownStop = null;
        Stop entry = session.lastStop();
        if (!entry.event().equals(start.event())) {
            throw new AgentException(AgentErrorCode.AGENT_INTERNAL, "the new rewind-agent opened the recording at "
                    + entry.event() + ", not at " + start.event());
        }
        savePoints.saveHere(start.event());
        remember(start);
        for (int attempt = 1; ; attempt++) {
            session.takePauseRequest();
            try {
                Position p = back.position().isPresent() ? travelTo(back.position().get())
                        : Locator.findAgain(this, back.stop(), back.fingerprint().get());
                session.relabel(back.stop());
                remember(p);
                userStop = UserStop.at(back.stop(), p);
                break;
            } catch (Paused p) {
                if (attempt == 3) {
                    throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "paused while returning to " + back.stop());
                }
            }
        }
        pastFilter.travelled(this);
        return back.stop();
    }

    /** travel() to {@code target}, returning it. */
    private Position travelTo(Position target) throws AgentException {
        travel(target);
        return target;
    }

    // ---- moving ----

    /**
     * Continues forwards like a DAP continue (user breakpoints the filter accepts stop it), making
     * save points at the event boundaries it passes. A pause (ReplaySession.pause) stops it: the
     * agent's PAUSED stop, or PAUSED at the next boundary or declined breakpoint.
     */
    public Stop resume() throws AgentException {
        return forward.resume(Set.of());
    }

    /**
     * resume(), with {@code own} among the armed breakpoints as the caller's (WatchLifetimes): an
     * arrival at one of them ends the run unfiltered (the caller judges it).
     */
    Stop resume(Set<RemoteAddress> own) throws AgentException {
        return forward.resume(own);
    }

    /**
     * Runs like the agent's CONTINUE (to any breakpoint, a fault, the end, a pause), making save
     * points at the event boundaries it passes: what a Stepper runs with (Stepper.Runner), so that
     * steps over long calls leave save points behind too. No filter: the caller judges the stops.
     */
    public Stop run() throws AgentException {
        return forward.run();
    }

    /**
     * Where the Stepper's motions stop on their way for save points: at the event boundaries run()
     * would save at, so that steps over long calls leave save points behind too.
     */
    public Stepper.SavePlan savePlan() {
        return forward.savePlan();
    }


    /** Travels to {@code target}; the user's breakpoints do not stop the way there and are put back after. */
    public Stop seek(Position target) throws AgentException {
        return pausable(() -> travel(target));
    }

    private Stop travel(Position target) throws AgentException {
        List<RemoteAddress> user = session.breakpoints();
        try {
            Stop stop = replay(startingPoint(target.event(), false), target, List.of(), null);
            remember(target);
            return stop;
        } finally {
            putBack(user);
        }
    }

    /**
     * Back to the last arrival at a user breakpoint the filter accepts, or the last change of a data
     * breakpoint's bytes, whichever came later; none in the past: the start (ENTRY).
     */
    public Stop reverseContinue() throws AgentException {
        return pausable(() -> new ReverseMotions(this).reverseContinue());
    }

    /** Back to the previous line executed in the current frame (calls stepped over); at its first line: the call. */
    public Stop stepBack() throws AgentException {
        return pausable(() -> withoutWatches(() -> new ReverseMotions(this).stepBack()));
    }

    /** Back one machine instruction (the previous one executed, possibly in a callee). */
    public Stop stepBackInstruction() throws AgentException {
        return pausable(() -> withoutWatches(() -> new ReverseMotions(this).stepBackInstruction()));
    }

    /** To the first line of frame {@code index} of the current stack (0 innermost), in that call. */
    public Stop frameEntry(int index) throws AgentException {
        return pausable(() -> withoutWatches(() -> new ReverseMotions(this).frameEntry(index)));
    }

    /** Back to the call instruction in the caller, before the current frame was entered. */
    public Stop reverseStepOut() throws AgentException {
        return pausable(() -> withoutWatches(() -> new ReverseMotions(this).reverseStepOut()));
    }

    /** A backwards motion. */
    @FunctionalInterface
    private interface Motion {
        Stop run() throws AgentException;
    }

    /**
     * A pause (ReplaySession.pause) during the replays of a backwards motion: the motion gives up
     * and the session stays where that replay was (a moment of the past, found again when needed).
     */
    static final class Paused extends RuntimeException {
        private final transient Stop stop;

        Paused(Stop stop) {
            super("paused", null, false, false);
            this.stop = stop;
        }
    }

    /** Runs a travel: a pause ends it where its replay was; the past filter learns where it went. */
    private Stop pausable(Motion motion) throws AgentException {
        Stop stop;
        try {
            stop = motion.run();
        } catch (Paused p) {
            stop = p.stop.as(StopReason.PAUSED, "");
        }
        if (!session.isClosed()) {
            pastFilter.travelled(this);
        }
        return stop;
    }

    /**
     * Runs {@code motion} with the session's data breakpoints off (put back after): the steps it
     * replays are line and instruction steps, which a data breakpoint's stop would cut short. A
     * current position at a data breakpoint's stop is first found again as a pc position.
     */
    private Stop withoutWatches(Motion motion) throws AgentException {
        List<Watch> watches = session.watches();
        if (watches.isEmpty()) {
            return motion.run();
        }
        Position here = position();
        session.setWatches(List.of());
        try {
            if (here.kind() == Position.Kind.WATCH) {
                remember(Locator.search(this, session.lastStop()));
            }
            return motion.run();
        } finally {
            if (!session.isClosed()) {
                session.setWatches(watches);
            }
        }
    }

    /**
     * Every arrival at {@code watch} in the whole recording, in order, told to {@code listener}
     * (the "print statements in the past" of a hits query): one replay from the start to the end,
     * muted, making save points on the way; then back to where the session stood. The user's
     * breakpoints do not stop it and are put back after.
     */
    public void scan(Collection<RemoteAddress> watch, HitListener listener) throws AgentException {
        Position back = position();
        List<RemoteAddress> user = session.breakpoints();
        try {
            SavePoint first = startingPoint(start.event(), false);
            replay(first, Position.end(EventIndex.of(Long.MAX_VALUE / 2)), watch, listener);
            remember(Position.end(session.lastStop().event()));
            seek(back);
        } catch (Paused p) {
            throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "the scan of the recording was paused");
        } finally {
            putBack(user);
        }
    }

    /**
     * The arrivals at {@code watch} between the boundary of the current event and the current
     * moment, in order (the current moment itself left out): one short replay, which ends where
     * it began. Empty at a boundary or the end.
     */
    public List<Position> arrivalsSinceBoundary(Collection<RemoteAddress> watch) throws AgentException {
        Position here = position();
        if (here.kind() == Position.Kind.BOUNDARY || here.kind() == Position.Kind.END || watch.isEmpty()) {
            return List.of();
        }
        List<RemoteAddress> user = session.breakpoints();
        List<Position> out = new ArrayList<>();
        try {
            Position boundary = Position.boundary(here.event());
            Stop at = replay(savePointFor(boundary), boundary, List.of(), null);
            replayFromBoundary(at, here, watch, (p, stop) -> out.add(p));
            remember(here);
        } finally {
            putBack(user);
        }
        return out;
    }

    /**
     * Travels to the boundary of {@code event}, clamped to the recording: before its start, to the
     * start; past its end (the replay ends first: the program exits, the recording ends), to that
     * end, the same stop a continue to the end makes (position END).
     */
    public Stop seekEvent(EventIndex event) throws AgentException {
        EventIndex e = event.compareTo(start.event()) < 0 ? start.event() : event;
        try {
            return seek(Position.boundary(e));
        } catch (AgentException failure) {
            Stop last = session.isClosed() ? null : session.lastStop();
            boolean ended = last != null && (last.reason() == StopReason.EXITED || last.reason() == StopReason.END)
                    && last.event().compareTo(e) <= 0;
            if (!ended) {
                throw failure;
            }
            remember(Position.end(last.event()));
            return last;
        }
    }


    // ---- replays from save points (Replays) ----

    /**
     * Restores {@code from} and replays to {@code target} (which must lie after it), with
     * breakpoints at {@code watch} and target's pc (armed from the save point's boundary on, so
     * every hit count is canonical): each arrival at a watched address before the target goes to
     * {@code listener}. Save points are made at the boundaries passed. Returns the stop at target.
     */
    Stop replay(SavePoint from, Position target, Collection<RemoteAddress> watch, HitListener listener)
            throws AgentException {
        return replays.replay(from, target, watch, listener);
    }

    /** Like replay(), from where the session stands: {@code from}, a stop at an event boundary. */
    Stop replayFromBoundary(Stop from, Position target, Collection<RemoteAddress> watch, HitListener listener)
            throws AgentException {
        return replays.replayFromBoundary(from, target, watch, listener);
    }

    /** What lastArrivalFromBoundary found: the last qualifying arrival, and the stop at the target. */
    record LastArrival(Optional<SearchMessages.Arrival> last, Stop stop) {
    }

    /** Replays from {@code from} (a boundary stop) to {@code target}, the agent judging arrivals (Replays). */
    LastArrival lastArrivalFromBoundary(Stop from, Position target, List<SearchMessages.ArmedAddress> armed)
            throws AgentException {
        return replays.lastArrivalFromBoundary(from, target, armed);
    }

    /** A stepBack from an arrival at {@code pc} armed {@code addresses}: seeks there count them too (HitSavePoints). */
    void noteAlongside(RemoteAddress pc, Collection<RemoteAddress> addresses) {
        replays.noteAlongside(pc, addresses);
    }

    /** Restores the latest usable hit save point before {@code target}, if any (Replays.restoreHitFor). */
    Optional<Stop> restoreHitFor(Position target, Collection<RemoteAddress> armed, boolean apart)
            throws AgentException {
        return replays.restoreHitFor(target, armed, apart);
    }

    /** Lets FIND_LAST runs deep into an event leave hit save points on their way (HitChain), or not. */
    void leaveHitPoints(boolean on) {
        replays.leaveHitPoints(on);
    }

    /** The position of the arrival a stop from restoreHitFor stands before. */
    Position hitPosition(Stop restored) {
        return replays.hitPosition(restored);
    }

    /** Restores {@code from} with nothing armed: the stop at its boundary. */
    Stop restore(SavePoint from) throws AgentException {
        return replays.restore(from);
    }

    /** Whether replays tell their listener of watch stops (a search for data breakpoint changes) too. */
    void reportWatchStops(boolean on) {
        replays.reportWatchStops(on);
    }

    // ---- where replays start, where save points go (SavePointPlacement) ----

    /** The latest save point a replay to {@code target} can start from (strictly before a boundary). */
    SavePoint savePointFor(Position target) throws AgentException {
        return placement.savePointFor(target);
    }

    /**
     * Lets replays start from the recording's snapshots on disk too: where a snapshot is nearer the
     * goal than every save point, it is restored and made a save point first. A snapshot that
     * cannot be used (damaged, missing pages) is told to {@code notes} and not tried again; the
     * replay then starts from the next nearest point.
     */
    public void useSnapshots(Snapshots s, Consumer<String> notes) throws SnapshotException {
        placement.useSnapshots(s, notes);
    }

    /**
     * Lets backward searches that find nothing nearby ask {@code runner}'s workers, {@code width}
     * segments at once, which earlier segments (cut at the snapshots given to useSnapshots) hold an
     * arrival at all, and skip the others (ArrivalProbe).
     */
    public void useWorkers(SegmentRunner runner, int width) {
        placement.useWorkers(runner, width);
    }

    /** Whether a snapshot (the start of a segment) stands at {@code event}. */
    boolean isSnapshotCut(EventIndex event) {
        return placement.isSnapshotCut(event);
    }

    /** Where a backward search with nothing before {@code end} should go on (see ArrivalProbe). */
    Optional<ArrivalProbe.Found> probeBefore(EventIndex end, Collection<RemoteAddress> watch) {
        return placement.probeBefore(end, watch);
    }

    /** The save point to replay from toward {@code event} (SavePointPlacement.startingPoint). */
    SavePoint startingPoint(EventIndex event, boolean strictly) throws AgentException {
        return placement.startingPoint(event, strictly);
    }

    /** Makes a save point at the boundary of {@code event} for a search to start from (SavePointPlacement.saveAt). */
    boolean saveAt(EventIndex event, EventIndex user) throws AgentException {
        return placement.saveAt(event, user);
    }

    SavePoints savePointList() {
        return savePoints;
    }

    long nextSaveEvent(EventIndex here) {
        return placement.nextSaveEvent(here);
    }

    /** Makes a save point at this boundary when it is due; {@code user} is where the user is (for eviction). */
    void maybeSave(Stop stop, EventIndex user) throws AgentException {
        placement.maybeSave(stop, user);
    }

    /** The event of the last position the Timeline knows (where the user is, for save point eviction). */
    EventIndex userEvent() {
        return knownStop.event();
    }

    /** Sets the user's breakpoints again (after a travel armed others), if the session still can. */
    void putBack(List<RemoteAddress> user) throws AgentException {
        if (!session.isClosed()) {
            session.setBreakpoints(user);
        }
    }
}
