/*
 * ArrivalProbeTest: the probe's own logic, over a SegmentRunner that answers from a table (the real
 * runner and sessions are covered by dap-server's ParallelReverseSearchTest): the stretches before
 * a moment are cut at the snapshots and asked latest first, a batch of workers at a time; the
 * latest stretch with an arrival is the answer, and only the batches before it are run; none
 * anywhere means back to the start; a pause ends the probe between batches; a failing worker skips
 * nothing.
 */
package dev.rewind.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.segments.Segment;
import dev.rewind.core.segments.SegmentRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ArrivalProbeTest {
    private static final List<RemoteAddress> WATCH = List.of(RemoteAddress.of(0x401000));
    private static final TreeSet<Long> CUTS = new TreeSet<>(List.of(10L, 20L, 30L, 40L));

    /** Answers "an arrival" for the stretches ending at these events; keeps the batches asked. */
    private static final class Table implements SegmentRunner {
        final Set<Long> arrivalsEndingAt;
        final List<List<Long>> batches = new ArrayList<>();
        boolean fail;

        Table(Set<Long> arrivalsEndingAt) {
            this.arrivalsEndingAt = arrivalsEndingAt;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> List<T> run(List<Segment> segments, Job<T> job) throws AgentException {
            if (fail) {
                throw new AgentException(AgentErrorCode.AGENT_LOST, "worker gone");
            }
            batches.add(segments.stream().map(Segment::end).toList());
            return (List<T>) segments.stream().map(s -> arrivalsEndingAt.contains(s.end())).toList();
        }
    }

    @Test
    void latestStretchWithAnArrivalIsFoundBatchByBatch() {
        Table table = new Table(Set.of(20L, 40L));
        ArrivalProbe.Found f = new ArrivalProbe(table, 2).latestBefore(35, CUTS, WATCH, n -> { }, () -> false);
        assertEquals(OptionalLong.of(20), f.end(), "[10, 20) is the latest stretch before 35 with an arrival");
        assertEquals(2, f.skipped(), "[30, 35) and [20, 30) were empty");
        assertEquals(List.of(List.of(35L, 30L), List.of(20L, 10L)), table.batches);
        assertFalse(f.paused());
    }

    @Test
    void noArrivalAnywhereGoesBackToTheStart() {
        Table table = new Table(Set.of());
        ArrivalProbe.Found f = new ArrivalProbe(table, 2).latestBefore(45, CUTS, WATCH, n -> { }, () -> false);
        assertTrue(f.end().isEmpty());
        assertEquals(5, f.skipped());
        assertEquals(List.of(List.of(45L, 40L), List.of(30L, 20L), List.of(10L)), table.batches);
    }

    @Test
    void aPauseEndsTheProbeBetweenBatches() {
        Table table = new Table(Set.of(10L));
        ArrivalProbe.Found f = new ArrivalProbe(table, 2).latestBefore(45, CUTS, WATCH, n -> { },
                () -> table.batches.size() == 1);
        assertTrue(f.paused());
        assertEquals(1, table.batches.size(), "no batch after the pause");
    }

    @Test
    void aFailingWorkerSkipsNothing() {
        Table table = new Table(Set.of());
        table.fail = true;
        List<String> notes = new ArrayList<>();
        ArrivalProbe.Found f = new ArrivalProbe(table, 2).latestBefore(45, CUTS, WATCH, notes::add, () -> false);
        assertEquals(OptionalLong.of(45), f.end());
        assertEquals(0, f.skipped());
        assertTrue(notes.get(0).contains("one by one"), notes.toString());
    }
}
