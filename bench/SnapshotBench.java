/*
 * SnapshotBench: the Java half of bench/snapshots (run with replay-core's classes on the classpath,
 * as a single-file source program). For each recording given: one full replay (open + resume to
 * the end); indexing it into ten segments (the time, and per snapshot the pages it holds against
 * the bytes it added to the page store); then, in fresh sessions, opening at the end (a seek to
 * the end from the start of the session) and one reverse-continue from there to the last mark(),
 * with the snapshots and without them. Ratios are to the full replay.
 */
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.segments.LocalSegmentRunner;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.snapshot.Snapshots;
import dev.rewind.core.timeline.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public class SnapshotBench {
    public static void main(String[] args) throws Exception {
        Path agent = Path.of(args[0]);
        List<String> source = Files.readAllLines(Path.of(args[1]));
        int markLine = 0;
        int startLine = 0;
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).contains("/* MARK */")) {
                markLine = i + 1;
            }
            if (source.get(i).contains("/* START */")) {
                startLine = i + 1;
            }
        }
        SessionLauncher launcher = new SessionLauncher(AgentLaunch.inheritIO(agent), OutputListener.IGNORE);
        System.out.printf("%-9s %9s | %9s %8s %10s %10s | %-17s %-7s | %-17s %-7s | %-19s%n", "events", "replay",
                "index", "snaps", "resident", "added/snap", "open at end s/ns", "ratio", "reverseCont s/ns", "ratio",
                "all hits 2w/1w");
        List<String> indexLines = new java.util.ArrayList<>();
        List<String> farLines = new java.util.ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            Path trace = Path.of(args[i]);
            double full;
            long events;
            try (ReplaySession s = launcher.open(trace, OutputListener.IGNORE)) {
                long t = System.nanoTime();
                events = s.resume(dev.rewind.core.session.ResumeMode.CONTINUE).event().value();
                full = ms(t);
            }
            Snapshots snapshots = new Snapshots(trace);
            long[] stats = new long[4];
            double index = index(launcher, trace, snapshots, events, stats);
            int count = (int) stats[0];
            long resident = stats[1];
            long added = stats[2];
            long untouched = stats[3];
            // the same, reading and hashing every page (a copy of the recording, a fresh page store)
            Path copy = Files.createTempDirectory(trace.getParent(), "read-all-");
            try (var files = Files.walk(trace)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path rel = trace.relativize(f);
                    if (!rel.startsWith("snapshots")) {
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(copy.resolve(rel));
                        } else {
                            Files.copy(f, copy.resolve(rel));
                        }
                    }
                }
            }
            double readAll = index(launcher, copy, new Snapshots(copy).tracking(false), events, new long[4]);
            double farTwo = backToTheStart(launcher, trace, snapshots, startLine, 2);
            double farOne = backToTheStart(launcher, trace, snapshots, startLine, 1);
            farLines.add(String.format("%-9d %12.0f ms %12.0f ms %7.3f", events, farTwo, farOne, farTwo / farOne));
            indexLines.add(String.format("%-9d %9.0f ms %9.0f ms %7.3f %10.1f%%", events, index, readAll,
                    index / readAll, 100.0 * untouched / Math.max(1, resident / 4096)));
            double[] withSnapshots = openAndGoBack(launcher, trace, snapshots, markLine);
            double[] without = openAndGoBack(launcher, trace, null, markLine);
            long[] hits = new long[2];
            double one = allHits(launcher, trace, snapshots, markLine, 1, hits, 0);
            double two = allHits(launcher, trace, snapshots, markLine, 2, hits, 1);
            if (hits[0] != hits[1]) {
                throw new IllegalStateException("hits differ: " + hits[0] + " with 1 worker, " + hits[1] + " with 2");
            }
            System.out.printf("%-9d %7.0fms | %7.0fms %8d %8.1fMiB %8.1fKiB | %6.0f / %6.0f ms %7.3f | %6.0f / %6.0f ms %7.3f"
                    + " | %5.0f/%5.0f ms %5.2f%n",
                    events, full, index, count, resident / 1048576.0 / Math.max(1, count),
                    added / 1024.0 / Math.max(1, count), withSnapshots[0], without[0], withSnapshots[0] / full,
                    withSnapshots[1], without[1], withSnapshots[1] / full, two, one, two / one);
        }
        System.out.println("s/ns: with snapshots / without; ratio: with snapshots / one full replay (target: open"
                + " at the end under 0.2 of a full replay with ten segments); added/snap: page store bytes a"
                + " snapshot added, against resident: the memory it holds; all hits: every arrival at mark() over the"
                + " segments with 2 workers / 1 worker (target: under 0.6)");
        System.out.printf("%n%-9s %12s %12s %7s %11s%n", "events", "index", "read all", "ratio", "not read");
        indexLines.forEach(System.out::println);
        System.out.printf("%n%-9s %15s %15s %7s%n", "events", "back 2 workers", "1 worker", "ratio");
        farLines.forEach(System.out::println);
        System.out.println("back: one reverse-continue from the end to main's first line (reached once, at the start),"
                + " with snapshots; with 2 workers asking which segments hold an arrival, two at a time, against"
                + " the segments replayed one by one in the session");
        System.out.println("index: with write tracking (userfaultfd + PAGEMAP_SCAN), each snapshot reading only the"
                + " pages written since the one before; read all: every page of every snapshot read and hashed"
                + " (rewind index --read-all-pages); not read: pages the tracked snapshots named as the previous"
                + " one's, of all they hold");
    }

    /** Indexes trace into ten segments; stats: snapshots, resident bytes, bytes added, pages not read. */
    static double index(SessionLauncher launcher, Path trace, Snapshots snapshots, long events, long[] stats)
            throws Exception {
        long t0 = System.nanoTime();
        try (ReplaySession s = launcher.open(trace, OutputListener.IGNORE)) {
            snapshots.index(s, events, Math.max(1, events / 10), w -> {
                stats[0]++;
                stats[1] += w.pages() * 4096L;
                stats[2] += w.newBytes();
                stats[3] += w.basePages();
            });
        }
        return ms(t0);
    }

    /** Every arrival at mark() over the segments with {@code workers} sessions at once; the time in ms. */
    static double allHits(SessionLauncher launcher, Path trace, Snapshots snapshots, int markLine, int workers,
                          long[] counts, int slot) throws Exception {
        List<RemoteAddress> mark;
        try (ReplaySession s = launcher.open(trace, OutputListener.IGNORE)) {
            mark = s.lineAddresses("travel.c", markLine).addresses();
        }
        long t = System.nanoTime();
        List<Long> perSegment = new LocalSegmentRunner(launcher, trace, snapshots, workers).run(
                LocalSegmentRunner.segments(snapshots), (session, segment) -> {
                    session.setBreakpoints(mark);
                    long n = 0;
                    while (true) {
                        Stop st = segment.end() == Long.MAX_VALUE
                                ? session.resume(dev.rewind.core.session.ResumeMode.CONTINUE)
                                : session.runToEvent(EventIndex.of(segment.end()));
                        if (st.reason() != StopReason.BREAKPOINT) {
                            return n;
                        }
                        n++;
                    }
                });
        counts[slot] = perSegment.stream().mapToLong(Long::longValue).sum();
        return ms(t);
    }

    /** [open at the end, then one reverse-continue to the last mark()] in ms, in a fresh session. */
    static double[] openAndGoBack(SessionLauncher launcher, Path trace, Snapshots snapshots, int markLine)
            throws Exception {
        try (ReplaySession s = launcher.open(trace, OutputListener.IGNORE)) {
            long t = System.nanoTime();
            Timeline timeline = new Timeline(s);
            if (snapshots != null) {
                timeline.useSnapshots(snapshots, note -> { });
            }
            Stop end = timeline.seekEvent(EventIndex.of(Long.MAX_VALUE / 4));
            double open = ms(t);
            if (end.reason() != StopReason.EXITED && end.reason() != StopReason.END) {
                throw new IllegalStateException("not at the end: " + end);
            }
            s.setBreakpoints(s.lineAddresses("travel.c", markLine).addresses());
            t = System.nanoTime();
            Stop back = timeline.reverseContinue();
            double rc = ms(t);
            if (back.reason() != StopReason.BREAKPOINT) {
                throw new IllegalStateException("reverse-continue stopped at " + back);
            }
            return new double[] {open, rc};
        }
    }

    /** One reverse-continue from the end to main's first line, with {@code workers} (1: none); ms. */
    static double backToTheStart(SessionLauncher launcher, Path trace, Snapshots snapshots, int line, int workers)
            throws Exception {
        try (ReplaySession s = launcher.open(trace, OutputListener.IGNORE)) {
            Timeline timeline = new Timeline(s);
            timeline.useSnapshots(snapshots, note -> { });
            if (workers > 1) {
                timeline.useWorkers(new LocalSegmentRunner(launcher, trace, snapshots, workers), workers);
            }
            timeline.seekEvent(EventIndex.of(Long.MAX_VALUE / 4));
            s.setBreakpoints(s.lineAddresses("travel.c", line).addresses());
            long t = System.nanoTime();
            Stop back = timeline.reverseContinue();
            if (back.reason() != StopReason.BREAKPOINT) {
                throw new IllegalStateException("reverse-continue to the start stopped at " + back);
            }
            return ms(t);
        }
    }

    static double ms(long t) {
        return (System.nanoTime() - t) / 1e6;
    }
}
