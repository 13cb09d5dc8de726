/*
 * ChangeWindow: narrows "when did the watched bytes last change before now" (DESIGN.md, "Motions")
 * before the search that runs with the pages protected (a fault per store to them: a stack page
 * is written all the time). The watched bytes are compared at the event boundaries before now,
 * replayed with the data breakpoints off (no faults), newest first; the latest boundary where
 * they differ from their value now is made a save point. Every change after that boundary lies
 * before now and at least one does, so the last change before now is the last one after it: the
 * protected search (BackwardSearch, which starts at the latest save point) begins there and finds
 * exactly what it would have found from further back.
 *
 * Boundaries where the bytes equal their value now say nothing (they may have changed and
 * changed back in between): only a differing boundary bounds the window. The scan gives up
 * (the search then goes as before) after SCAN_EVENTS boundaries, or at a stop that is no boundary.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SavePoint;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.session.Watch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

final class ChangeWindow {
    /** The most boundaries compared (a round trip each) before the protected search goes as before. */
    static final int SCAN_EVENTS = 4096;

    private ChangeWindow() {
    }

    /**
     * Makes a save point at the latest event boundary before {@code current} (where the session
     * stands) at which {@code watches}' bytes differ from their value at {@code current}; returns
     * its event, empty when none was found within the scan. The session ends elsewhere: the caller
     * travels from save points.
     */
    static Optional<EventIndex> narrow(Timeline timeline, Position current, List<Watch> watches) throws AgentException {
        ReplaySession session = timeline.session();
        byte[][] now = read(session, watches);
        // the boundaries strictly before current: a boundary position is its own latest
        long hi = current.kind() == Position.Kind.BOUNDARY ? current.event().value() - 1 : current.event().value();
        long start = timeline.start().event().value();
        int scanned = 0;
        session.setWatches(List.of());
        try {
            while (hi >= start && scanned < SCAN_EVENTS) {
                SavePoint from = timeline.startingPoint(EventIndex.of(hi), false);
                long first = from.event().value();
                Optional<Long> differs = latestDiffering(timeline, from, hi, now, watches);
                scanned += (int) (hi - first + 1);
                if (differs.isPresent()) {
                    EventIndex b = EventIndex.of(differs.get());
                    return timeline.saveAt(b, current.event()) ? Optional.of(b) : Optional.empty();
                }
                hi = first - 1;
            }
            return Optional.empty();
        } finally {
            if (!session.isClosed()) {
                session.setWatches(watches);
            }
        }
    }

    /** From save point {@code from}, the latest boundary up to {@code hi} where the bytes differ from {@code now}. */
    private static Optional<Long> latestDiffering(Timeline timeline, SavePoint from, long hi, byte[][] now,
            List<Watch> watches) throws AgentException {
        ReplaySession session = timeline.session();
        Stop at = timeline.replay(from, Position.boundary(from.event()), List.of(), null);
        List<Long> differing = new ArrayList<>();
        long e = from.event().value();
        session.muteOutput(true);
        try {
            while (true) {
                if (!Arrays.deepEquals(read(session, watches), now)) {
                    differing.add(e);
                }
                if (e >= hi) {
                    break;
                }
                at = session.runToEvent(EventIndex.of(e + 1));
                if (at.reason() == StopReason.PAUSED) {
                    throw new Timeline.Paused(at);
                }
                if (at.reason() != StopReason.AT_EVENT || at.event().value() != e + 1) {
                    break; // the replay ended on the way: the boundaries seen so far are all there is
                }
                e++;
            }
        } finally {
            session.muteOutput(false);
        }
        return differing.isEmpty() ? Optional.empty() : Optional.of(differing.get(differing.size() - 1));
    }

    /** The watched bytes where the session stands (empty for unreadable ones). */
    private static byte[][] read(ReplaySession session, List<Watch> watches) throws AgentException {
        byte[][] out = new byte[watches.size()][];
        for (int i = 0; i < out.length; i++) {
            Watch w = watches.get(i);
            out[i] = session.readMemory(w.address(), w.length());
        }
        return out;
    }
}
