/*
 * WatchBisection: "when did the watched bytes last change before now" without running a long
 * computation with the watched pages protected (DESIGN.md, "Motions"; a fault per store to the
 * page, and a stack page is written all the time). Within the current event it cuts the past at
 * arrivals at one line start X (the last line start executed before now in the current function):
 * a seek to X's last arrival before now, with the data breakpoints off, leaves save points before
 * its arrivals K-1, K-2, K-4, ... (HitChain), and the stretches between them, latest first, are
 * run with the pages protected until one holds a change: its last change is the answer.
 *
 * Why not compare the bytes at the cuts and skip stretches whose ends are equal: a value that goes
 * A→B→A within a stretch has equal ends and still changed there. Equal ends prove nothing, unequal
 * ends only that some change lies inside; so every stretch after the answer is run protected
 * anyway, and they are taken latest first, growing twice as long each time: the protected run
 * covers at most about twice the distance from the answer to now. The bytes are compared where
 * they prove something: a stretch with unequal ends must show a change (else the answer is
 * refused), and the answer's bytes and registers must be the ones seen at its watch stop.
 *
 * The answer is named as a PC position (the watch stop stands at the instruction after the store,
 * at an arrival there: the agent reports it as such right after the watch stop), counted by a
 * second protected run of its stretch with a breakpoint at that instruction and one unprotected
 * FIND_LAST. Anything unexpected (a syscall or signal inside, a count that does not match, no line
 * starts) answers Unknown: the caller searches as before (the whole event protected).
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.SearchMessages;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.ResumeMode;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.session.Watch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class WatchBisection {
    /** Whether reverse searches for data breakpoint changes bisect (a test compares with the old search). */
    static final String PROPERTY = "rewind.watchBisection";
    /** A line start with fewer arrivals than this before now is a poor cut: another is tried. */
    private static final int MIN_ARRIVALS = 8;
    /** How many line starts are tried as the cut address. */
    private static final int TRIES = 3;

    /** What the bisection found. */
    sealed interface Answer permits Found, SearchBefore, Unknown {
    }

    /** The last change before now: at {@code at} (a PC position), of the watch at {@code watched}. */
    record Found(Position at, RemoteAddress watched) implements Answer {
    }

    /** No change between {@code from} (a PC position) and now: the search goes on strictly before it. */
    record SearchBefore(Position from) implements Answer {
    }

    /** Not decided here: the caller searches as before. */
    record Unknown(String why) implements Answer {
    }

    /** A watch stop seen in a protected run: its pc, the watch it names, and what it looked like. */
    private record Change(RemoteAddress pc, RemoteAddress watched, Fingerprint fingerprint, byte[][] bytes) {
    }

    private final Timeline timeline;
    private final ReplaySession session;
    private final List<Watch> watches;
    /** A protected run's end is the arrival at its pc whose Fingerprint is {@code now}'s (the first such). */
    private static final int BY_FINGERPRINT = -1;
    /** The registers and stack top where the search began. */
    private Fingerprint now;
    /** The watched bytes where the last protected run began and where it reached its end. */
    private byte[][] startBytes;
    private byte[][] endBytes;

    private WatchBisection(Timeline timeline, List<Watch> watches) {
        this.timeline = timeline;
        this.session = timeline.session();
        this.watches = List.copyOf(watches);
    }

    static boolean enabled() {
        return !"false".equals(System.getProperty(PROPERTY));
    }

    /**
     * The last change of the session's watched bytes strictly before {@code current} (a PC or END
     * position; {@code excludeOwn}: a change at current's own moment is current itself, a watch
     * stop reported there), cutting at arrivals at one of {@code lineStarts}. The session's data
     * breakpoints are off meanwhile and set again after; the session ends anywhere.
     */
    static Answer lastChange(Timeline timeline, Position current, boolean excludeOwn,
            List<Set<RemoteAddress>> lineStarts) throws AgentException {
        if (current.kind() != Position.Kind.PC && current.kind() != Position.Kind.END) {
            return new Unknown("not at a pc or the end");
        }
        if (lineStarts.isEmpty() || lineStarts.stream().anyMatch(
                l -> l.isEmpty() || l.size() > SearchMessages.MAX_ADDRESSES)) {
            return new Unknown("no line starts to cut at");
        }
        ReplaySession session = timeline.session();
        List<Watch> watches = session.watches();
        session.setWatches(List.of());
        try {
            return new WatchBisection(timeline, watches).search(current, excludeOwn, lineStarts);
        } finally {
            if (!session.isClosed()) {
                session.setWatches(watches);
            }
        }
    }

    private Answer search(Position current, boolean excludeOwn, List<Set<RemoteAddress>> lineStarts)
            throws AgentException {
        now = Fingerprint.of(session); // (the session stands at current)
        Optional<Position> last = cutAddress(current, lineStarts);
        if (last.isEmpty()) {
            return new Unknown("no line start arrived at often enough in this event");
        }
        Position top = last.get();
        if (current.kind() == Position.Kind.PC && current.pc().equals(top.pc())) {
            return new Unknown("now is an arrival at the cut address");
        }
        // the cuts, latest first: now, X's arrival K, K-1, K-2, K-4, ..., 1 (HitChain's spacing)
        List<Position> cuts = new ArrayList<>();
        cuts.add(current);
        cuts.add(top);
        for (long d = 1; top.hits() - d >= 1; d *= 2) {
            cuts.add(Position.at(top.event(), top.pc(), (int) (top.hits() - d)));
        }
        travel(top); // leaves the save points before the cuts on its way (HitChain)
        for (int i = 0; i + 1 < cuts.size(); i++) {
            Position from = cuts.get(i + 1);
            Position to = cuts.get(i);
            int arrivals = i == 0 ? BY_FINGERPRINT : to.hits() - from.hits();
            boolean exclude = i == 0 && excludeOwn;
            Optional<List<Change>> changes = protectedRun(from, to, arrivals, exclude, null);
            if (changes.isEmpty()) {
                return new Unknown("the protected run of " + from + " to " + to + " met something unexpected");
            }
            if (!changes.get().isEmpty()) {
                return name(from, to, arrivals, exclude, changes.get());
            }
            if (!exclude && !Arrays.deepEquals(startBytes, endBytes)) {
                return new Unknown("the bytes differ at " + from + " and " + to + " but no change was seen between");
            }
        }
        Position first = cuts.get(cuts.size() - 1);
        travel(first);
        return new SearchBefore(first);
    }

    /**
     * The last arrival before {@code current} in its event at one of a set of {@code lineStarts}
     * (the sets tried in order: the fewer addresses armed, the fewer traps) whose address was
     * arrived at at least MIN_ARRIVALS times there (a few addresses tried per set), else empty.
     */
    private Optional<Position> cutAddress(Position current, List<Set<RemoteAddress>> lineStarts)
            throws AgentException {
        for (Set<RemoteAddress> set : lineStarts) {
            Optional<Position> found = cutAddress(current, set);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Position> cutAddress(Position current, Set<RemoteAddress> lineStarts) throws AgentException {
        Set<RemoteAddress> left = new HashSet<>(lineStarts);
        for (int t = 0; t < TRIES && !left.isEmpty(); t++) {
            List<SearchMessages.ArmedAddress> armed = left.stream().map(SearchMessages.ArmedAddress::anyFrame).toList();
            Optional<BackwardSearch.Found> found = BackwardSearch.lastArrival(timeline, current, armed);
            if (found.isEmpty() || !found.get().at().event().equals(current.event())) {
                return Optional.empty();
            }
            Position at = found.get().at();
            if (at.hits() >= MIN_ARRIVALS) {
                return Optional.of(at);
            }
            left.remove(at.pc());
        }
        return Optional.empty();
    }

    /** The arrivals at {@code pc} in {@code at}'s event strictly before {@code at} (a PC position). */
    private int arrivalsBefore(Position at, RemoteAddress pc) throws AgentException {
        if (pc.equals(at.pc())) {
            return at.hits() - 1;
        }
        Position boundary = Position.boundary(at.event());
        Stop from = timeline.replay(timeline.startingPoint(at.event(), false), boundary, List.of(), null);
        timeline.leaveHitPoints(false);
        Timeline.LastArrival found;
        try {
            found = timeline.lastArrivalFromBoundary(from, at, List.of(SearchMessages.ArmedAddress.anyFrame(pc)));
        } finally {
            timeline.leaveHitPoints(true);
        }
        timeline.remember(at);
        return found.last().filter(a -> a.event().equals(at.event())).map(SearchMessages.Arrival::hits).orElse(0);
    }

    /**
     * Runs from {@code from} (travelled to with the data breakpoints off) to {@code to}, the
     * {@code arrivals}-th arrival at its pc after from (BY_FINGERPRINT: the first arrival there that
     * looks like where the search began; END: the end of the replay), with the
     * pages protected: the changes met, in order; {@code excludeOwn}: not one at to's own moment.
     * With {@code counting}, arms its pc only and stops instead right after the arrival that
     * follows its ordinal-th watch stop, counting the arrivals at its pc since from. Empty when
     * the run meets anything else (a boundary, a signal, another end).
     */
    private Optional<List<Change>> protectedRun(Position from, Position to, int arrivals, boolean excludeOwn,
            Counting counting) throws AgentException {
        travel(from);
        startBytes = readWatched();
        endBytes = null;
        List<RemoteAddress> armed = new ArrayList<>();
        if (counting != null) {
            armed.add(counting.pc);
        } else if (to.kind() == Position.Kind.PC) {
            armed.add(to.pc());
        }
        List<Change> changes = new ArrayList<>();
        session.muteOutput(true);
        session.setBreakpoints(armed);
        session.setWatches(watches);
        try {
            int met = 0;
            boolean afterWatch = false;
            while (true) {
                Stop s = session.resume(ResumeMode.CONTINUE);
                boolean justWatched = afterWatch;
                afterWatch = false;
                switch (s.reason()) {
                    case PAUSED -> throw new Timeline.Paused(s);
                    case WATCH -> {
                        if (s.hits() == 0 || !s.event().equals(from.event())) {
                            return Optional.empty();
                        }
                        changes.add(new Change(s.pc(), s.breakpoint(), Fingerprint.of(session), readWatched()));
                        afterWatch = true;
                    }
                    case BREAKPOINT -> {
                        if (!s.event().equals(from.event()) || !armed.contains(s.pc())) {
                            return Optional.empty();
                        }
                        if (counting != null) {
                            counting.arrivals++;
                            if (justWatched && changes.size() == counting.ordinal
                                    && changes.get(changes.size() - 1).pc().equals(s.pc())) {
                                return Optional.of(changes);
                            }
                            continue;
                        }
                        boolean reached = arrivals == BY_FINGERPRINT ? Fingerprint.of(session).equals(now)
                                : ++met == arrivals;
                        if (reached) {
                            if (excludeOwn && justWatched && changes.get(changes.size() - 1).pc().equals(s.pc())) {
                                changes.remove(changes.size() - 1); // the watch stop now stands at
                            }
                            endBytes = readWatched();
                            return Optional.of(changes);
                        }
                    }
                    case EXITED, END, SIGNAL -> {
                        if (counting != null || to.kind() != Position.Kind.END || !s.event().equals(to.event())) {
                            return Optional.empty();
                        }
                        endBytes = readWatched();
                        return Optional.of(changes);
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        } finally {
            session.muteOutput(false);
            if (!session.isClosed()) {
                session.setWatches(List.of());
                session.setBreakpoints(List.of());
            }
        }
    }

    /** A second run's counting: arrivals at {@code pc} up to the {@code ordinal}-th watch stop's. */
    private static final class Counting {
        final RemoteAddress pc;
        final int ordinal;
        int arrivals;

        Counting(RemoteAddress pc, int ordinal) {
            this.pc = pc;
            this.ordinal = ordinal;
        }
    }

    /**
     * Names the last of {@code changes} (met between {@code from} and {@code to}) as a PC position:
     * the arrival at the instruction after its store, counted by a second protected run of the
     * stretch; checked by travelling there (registers, stack and bytes as at the watch stop).
     */
    private Answer name(Position from, Position to, int arrivals, boolean excludeOwn, List<Change> changes)
            throws AgentException {
        Change last = changes.get(changes.size() - 1);
        Counting counting = new Counting(last.pc(), changes.size());
        Optional<List<Change>> again = protectedRun(from, to, arrivals, excludeOwn, counting);
        if (again.isEmpty() || again.get().size() != changes.size()) {
            return new Unknown("the second run of " + from + " did not meet the same changes");
        }
        int before = from.pc().equals(last.pc()) ? from.hits() : arrivalsBefore(from, last.pc());
        Position at = Position.at(from.event(), last.pc(), before + counting.arrivals);
        travel(at);
        if (!Fingerprint.of(session).equals(last.fingerprint()) || !Arrays.deepEquals(readWatched(), last.bytes())) {
            return new Unknown("the change named " + at + " is not the one seen");
        }
        return new Found(at, last.watched());
    }

    /** Seeks to {@code target} with nothing armed (the data breakpoints are off). */
    private void travel(Position target) throws AgentException {
        timeline.replay(timeline.startingPoint(target.event(), false), target, List.of(), null);
        timeline.remember(target);
    }

    private byte[][] readWatched() throws AgentException {
        byte[][] out = new byte[watches.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = session.readMemory(watches.get(i).address(), watches.get(i).length());
        }
        return out;
    }
}
