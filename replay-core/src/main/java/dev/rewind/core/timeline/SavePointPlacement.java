/*
 * SavePointPlacement: where the Timeline's replays start and where they leave save points
 * (DESIGN.md, "Save points"): a save point at every `interval`-th event boundary passed
 * (maybeSave), the latest save point before a goal or a recording's snapshot nearer than all of
 * them (startingPoint), a save point made on purpose for a search to start from (saveAt), and the
 * segment probe that skips stretches of the past without an arrival (ArrivalProbe).
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.segments.SegmentRunner;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SavePoint;
import dev.rewind.core.session.Stop;
import dev.rewind.core.snapshot.SnapshotException;
import dev.rewind.core.snapshot.Snapshots;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

final class SavePointPlacement {
    private final Timeline timeline;
    private final ReplaySession session;
    private final TimelineConfig config;
    private final SavePoints savePoints;
    private Snapshots snapshots;
    private NavigableSet<Long> snapshotEvents = new TreeSet<>();
    private Consumer<String> notes = note -> { };
    private ArrivalProbe probe;

    SavePointPlacement(Timeline timeline, SavePoints savePoints) {
        this.timeline = timeline;
        this.session = timeline.session();
        this.config = timeline.config();
        this.savePoints = savePoints;
    }

    /** The latest save point a replay to {@code target} can start from (strictly before a boundary). */
    SavePoint savePointFor(Position target) throws AgentException {
        return startingPoint(target.event(), target.kind() == Position.Kind.BOUNDARY);
    }

    /**
     * Lets replays start from the recording's snapshots on disk too: where a snapshot is nearer the
     * goal than every save point, it is restored and made a save point first. A snapshot that
     * cannot be used (damaged, missing pages) is told to {@code notes} and not tried again; the
     * replay then starts from the next nearest point.
     */
    void useSnapshots(Snapshots s, Consumer<String> notes) throws SnapshotException {
        this.snapshots = Objects.requireNonNull(s, "snapshots");
        this.snapshotEvents = new TreeSet<>(s.events());
        this.notes = Objects.requireNonNull(notes, "notes");
    }

    /**
     * Lets backward searches that find nothing nearby ask {@code runner}'s workers, {@code width}
     * segments at once, which earlier segments (cut at the snapshots given to useSnapshots) hold an
     * arrival at all, and skip the others (ArrivalProbe).
     */
    void useWorkers(SegmentRunner runner, int width) {
        this.probe = new ArrivalProbe(Objects.requireNonNull(runner, "runner"), width);
    }

    /** Whether a snapshot (the start of a segment) stands at {@code event}. */
    boolean isSnapshotCut(EventIndex event) {
        return snapshotEvents.contains(event.value());
    }

    /** Where a backward search with nothing before {@code end} should go on (see ArrivalProbe). */
    Optional<ArrivalProbe.Found> probeBefore(EventIndex end, Collection<RemoteAddress> watch) {
        if (probe == null || snapshotEvents.isEmpty()) {
            return Optional.empty();
        }
        ArrivalProbe.Found found = probe.latestBefore(end.value(), snapshotEvents, watch, notes,
                session::takePauseRequest);
        if (found.paused()) {
            throw new Timeline.Paused(session.lastStop());
        }
        if (found.skipped() > 0) {
            notes.accept("rewind: " + found.skipped() + " earlier segment" + (found.skipped() == 1 ? "" : "s")
                    + " searched on " + probe.width() + " workers at once: nothing there");
        }
        return Optional.of(found);
    }

    /**
     * The save point to replay from toward {@code event}: the latest at it (or strictly before it),
     * or a snapshot nearer than all of them, restored into a new save point.
     */
    SavePoint startingPoint(EventIndex event, boolean strictly) throws AgentException {
        Optional<SavePoint> sp = strictly ? savePoints.before(event) : savePoints.atOrBefore(event);
        long limit = strictly ? event.value() - 1 : event.value();
        Long snap = snapshotEvents.floor(limit);
        while (snap != null && (sp.isEmpty() || snap > sp.get().event().value())) {
            try {
                return fromSnapshot(snap);
            } catch (SnapshotException | AgentException e) {
                if (session.isClosed()) {
                    throw e instanceof AgentException a ? a : new AgentException(AgentErrorCode.AGENT_LOST, e.getMessage());
                }
                snapshotEvents.remove(snap);
                notes.accept("rewind: the snapshot at event " + snap + " cannot be used (" + e.getMessage()
                        + "): replaying from an earlier point instead");
                snap = snapshotEvents.floor(limit);
            }
        }
        return sp.orElseThrow(() -> new AgentException(AgentErrorCode.NOT_AVAILABLE, "no save point before " + event));
    }

    /** Restores the snapshot at {@code event} into the session and makes a save point there. */
    private SavePoint fromSnapshot(long event) throws SnapshotException, AgentException {
        session.setBreakpoints(List.of());
        Stop at = snapshots.restoreInto(session, event);
        savePoints.saveHere(at.event());
        notes.accept("rewind: replaying from the snapshot at event " + event);
        return savePoints.atOrBefore(at.event()).orElseThrow(
                () -> new AgentException(AgentErrorCode.NOT_AVAILABLE, "no save point at the snapshot"));
    }

    /**
     * Makes a save point at the boundary of {@code event} (travelling there with nothing armed) for
     * a search to start from; {@code user} is where the user is (for eviction). False where none
     * can be made there (a signal pending).
     */
    boolean saveAt(EventIndex event, EventIndex user) throws AgentException {
        if (savePoints.has(event)) {
            return true;
        }
        timeline.replay(startingPoint(event, false), Position.boundary(event), List.of(), null);
        try {
            savePoints.saveHere(user);
            return savePoints.has(event);
        } catch (AgentException e) {
            if (e.code() != AgentErrorCode.NOT_AVAILABLE) {
                throw e;
            }
            return false;
        }
    }


    long nextSaveEvent(EventIndex here) {
        return (here.value() / config.interval() + 1) * config.interval();
    }

    /** Makes a save point at this boundary when it is due; {@code user} is where the user is (for eviction). */
    void maybeSave(Stop stop, EventIndex user) throws AgentException {
        if (stop.event().value() % config.interval() != 0 || savePoints.has(stop.event())) {
            return;
        }
        try {
            savePoints.saveHere(user);
        } catch (AgentException e) {
            if (e.code() != AgentErrorCode.NOT_AVAILABLE) {
                throw e; // NOT_AVAILABLE: no save point can be made here (a signal pending); the next boundary will do
            }
        }
    }
}
