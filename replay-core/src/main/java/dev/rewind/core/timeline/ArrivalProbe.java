/*
 * ArrivalProbe: which stretches of the past hold any arrival at some addresses, asked of a
 * SegmentRunner's workers several segments at once, latest first (DESIGN.md, "Segments": backward
 * searches over many segments at once). A backward search whose nearest interval holds nothing
 * asks it for the latest earlier segment with an arrival, and skips the empty ones in between
 * instead of replaying them one after another in its own session; the search itself (conditions,
 * hit counts, which arrival is the answer) still runs in the session, in the segment found.
 *
 * Invariant: a stretch reported empty holds no arrival at the addresses (each worker replays it
 * from the snapshot it begins at, through faults, up to its end), so skipping it cannot change
 * what a search finds. When a worker fails, nothing is skipped. A pause is looked at between
 * batches (a batch of workers is not interrupted).
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.segments.Segment;
import dev.rewind.core.segments.SegmentRunner;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

final class ArrivalProbe {
    /**
     * What a probe found: the end of the latest stretch with an arrival (or none), and how many it
     * skipped; or that it was asked to stop (paused) before it knew.
     */
    record Found(OptionalLong end, int skipped, boolean paused) {
    }

    private final SegmentRunner runner;
    private final int width;

    ArrivalProbe(SegmentRunner runner, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("at least one worker, got " + width);
        }
        this.runner = runner;
        this.width = width;
    }

    int width() {
        return width;
    }

    /**
     * The end of the latest stretch before event {@code end} holding an arrival at {@code watch},
     * the recording cut at {@code cuts} (snapshot events): {@code end} itself when the stretch just
     * before it has one; empty when none does, back to the start. Failures are told to {@code notes}
     * and skip nothing. {@code paused} is asked before each batch of segments: true ends the probe.
     */
    Found latestBefore(long end, NavigableSet<Long> cuts, Collection<RemoteAddress> watch, Consumer<String> notes,
            BooleanSupplier paused) {
        List<Segment> pending = new ArrayList<>(); // latest first
        long upTo = end;
        for (Long cut = cuts.lower(end); ; cut = cuts.lower(cut)) {
            pending.add(new Segment(pending.size(), cut == null ? OptionalLong.empty() : OptionalLong.of(cut), upTo));
            if (cut == null) {
                break;
            }
            upTo = cut;
        }
        List<RemoteAddress> addresses = List.copyOf(watch);
        for (int from = 0; from < pending.size(); from += width) {
            if (paused.getAsBoolean()) {
                return new Found(OptionalLong.of(end), from, true);
            }
            List<Segment> batch = pending.subList(from, Math.min(pending.size(), from + width));
            List<Boolean> arrivals;
            try {
                arrivals = runner.run(batch, (session, segment) -> {
                    session.setBreakpoints(addresses);
                    while (true) {
                        Stop stop = session.runToEvent(EventIndex.of(segment.end()));
                        if (stop.reason() == StopReason.SIGNAL) {
                            continue; // a fault is delivered on the next run
                        }
                        return stop.reason() == StopReason.BREAKPOINT;
                    }
                });
            } catch (AgentException e) {
                notes.accept("rewind: searching earlier segments in parallel failed (" + e.getMessage()
                        + "): searching them one by one");
                return new Found(OptionalLong.of(end), 0, false);
            }
            for (int i = 0; i < batch.size(); i++) {
                if (arrivals.get(i)) {
                    return new Found(OptionalLong.of(batch.get(i).end()), from + i, false);
                }
            }
        }
        return new Found(OptionalLong.empty(), pending.size(), false);
    }
}
