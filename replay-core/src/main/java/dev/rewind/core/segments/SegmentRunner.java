/*
 * SegmentRunner: runs one job on every segment of a recording, each in a session of its own, and
 * gives the results back in segment order. The scheduling interface of DESIGN.md's "Segments":
 * LocalSegmentRunner uses agent processes on this machine; a runner for remote workers can
 * implement the same (nothing here assumes one machine but the sessions it opens).
 */
package dev.rewind.core.segments;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.ReplaySession;
import java.util.List;

public interface SegmentRunner {
    /** One segment's work, given a session standing at the segment's start. */
    @FunctionalInterface
    interface Job<T> {
        T run(ReplaySession session, Segment segment) throws AgentException;
    }

    <T> List<T> run(List<Segment> segments, Job<T> job) throws AgentException;
}
