/*
 * LocalSegmentRunner: segments on a pool of agent processes of this machine (one per worker,
 * default one per core): each task opens the recording in a session of its own, restores the
 * segment's snapshot, and runs the job. Output of the replays is ignored. The first failure fails
 * the whole run, after every task has ended.
 */
package dev.rewind.core.segments;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.snapshot.SnapshotException;
import dev.rewind.core.snapshot.Snapshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public final class LocalSegmentRunner implements SegmentRunner {
    private final SessionLauncher launcher;
    private final Path trace;
    private final Snapshots snapshots;
    private final int workers;

    public LocalSegmentRunner(SessionLauncher launcher, Path trace, Snapshots snapshots, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker, got " + workers);
        }
        this.launcher = launcher;
        this.trace = trace;
        this.snapshots = snapshots;
        this.workers = workers;
    }

    /** The recording cut at its snapshots: one segment before the first, one from each. */
    public static List<Segment> segments(Snapshots snapshots) throws SnapshotException {
        List<Long> at = snapshots.events();
        List<Segment> out = new ArrayList<>();
        out.add(new Segment(0, java.util.OptionalLong.empty(), at.isEmpty() ? Long.MAX_VALUE : at.get(0)));
        for (int i = 0; i < at.size(); i++) {
            long end = i + 1 < at.size() ? at.get(i + 1) : Long.MAX_VALUE;
            out.add(new Segment(i + 1, java.util.OptionalLong.of(at.get(i)), end));
        }
        return out;
    }

    @Override
    public <T> List<T> run(List<Segment> segments, Job<T> job) throws AgentException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, segments.size())));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Segment s : segments) {
                futures.add(pool.submit(() -> runOne(s, job)));
            }
            List<T> results = new ArrayList<>();
            AgentException failure = null;
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (failure == null) {
                        failure = c instanceof AgentException a ? a
                                : new AgentException(AgentErrorCode.AGENT_INTERNAL, "a segment failed: " + c, c);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AgentException(AgentErrorCode.AGENT_INTERNAL, "interrupted while replaying segments", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private <T> T runOne(Segment s, Job<T> job) throws AgentException, SnapshotException {
        try (ReplaySession session = launcher.open(trace, OutputListener.IGNORE)) {
            if (s.snapshot().isPresent()) {
                snapshots.restoreInto(session, s.snapshot().getAsLong());
            }
            return job.run(session, s);
        }
    }
}
