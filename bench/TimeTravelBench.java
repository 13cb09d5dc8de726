/*
 * TimeTravelBench: the Java half of bench/time-travel (run with the rewind jar on the classpath, as
 * a single-file source program). For each recording given: one full replay without a Timeline
 * (open + resume to the end), one with it (the same, placing save points), then from the end:
 * reverseContinue to the last hit of a breakpoint in the loop, and stepBack from the last stop on
 * the loop's BACK line, ROUNDS times each (the start position is sought again, untimed, before
 * each), and the save points' count and memory. Prints one table row per recording.
 *
 * Usage: java -cp rewind.jar TimeTravelBench.java AGENT SOURCE ROUNDS INTERVAL MAXCOUNT MAXMB TRACE...
 */
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Frame;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.timeline.Position;
import dev.rewind.core.timeline.Timeline;
import dev.rewind.core.timeline.TimelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public class TimeTravelBench {
    interface Action {
        Stop run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path agent = Path.of(args[0]);
        List<String> source = Files.readAllLines(Path.of(args[1]));
        int rounds = Integer.parseInt(args[2]);
        TimelineConfig config = args[3].equals("default") ? TimelineConfig.DEFAULT
                : new TimelineConfig(Long.parseLong(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]) << 20);
        int markLine = lineOf(source, "/* MARK */");
        int backLine = lineOf(source, "/* BACK */");
        SessionLauncher launcher = new SessionLauncher(AgentLaunch.inheritIO(agent), OutputListener.IGNORE);
        System.out.printf("save points: one every %d events, at most %d, %d MiB%n", config.interval(),
                config.maxCount(), config.maxBytes() >> 20);
        System.out.printf("%-9s %9s %9s | %-22s %-7s | %-22s %-7s | %6s %9s%n", "events", "replay", "+timeline",
                "reverseContinue med/max", "ratio", "stepBack med/max", "ratio", "points", "memory");
        for (int i = 6; i < args.length; i++) {
            Path trace = Path.of(args[i]);
            double plain;
            long events;
            try (ReplaySession s = launcher.open(trace, OutputListener.IGNORE)) {
                long t = System.nanoTime();
                Stop end = s.resume(dev.rewind.core.session.ResumeMode.CONTINUE);
                plain = ms(t);
                events = end.event().value();
            }
            try (ReplaySession s = launcher.open(trace, OutputListener.IGNORE)) {
                long t0 = System.nanoTime();
                Timeline timeline = new Timeline(s, config);
                Stop end = timeline.resume();
                double withTimeline = ms(t0);
                if (end.reason() != StopReason.END && end.reason() != StopReason.EXITED) {
                    throw new IllegalStateException("the replay stopped at " + end);
                }
                Position endPos = timeline.position();
                List<RemoteAddress> mark = s.lineAddresses("travel.c", markLine).addresses();
                List<RemoteAddress> back = s.lineAddresses("travel.c", backLine).addresses();

                s.setBreakpoints(mark);
                List<Double> rc = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    timeline.seek(endPos);
                    rc.add(time(() -> expect(timeline.reverseContinue(), StopReason.BREAKPOINT, s, "mark")));
                }
                s.setBreakpoints(back);
                timeline.seek(endPos);
                expect(timeline.reverseContinue(), StopReason.BREAKPOINT, s, "main");
                Position lastBack = timeline.position();
                s.setBreakpoints(List.of());
                List<Double> sb = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    timeline.seek(lastBack);
                    sb.add(time(() -> {
                        Stop st = expect(timeline.stepBack(), StopReason.STEP, s, "main");
                        int line = s.stack(1).get(0).line();
                        if (line != backLine - 1) {
                            throw new IllegalStateException("stepBack landed on line " + line + ", not " + (backLine - 1));
                        }
                        return st;
                    }));
                }
                int points = timeline.savePointCount();
                long memory = timeline.savePointMemory();
                System.out.printf("%-9d %7.0fms %7.0fms | %9.0f / %7.0f ms   %6.3f | %9.0f / %7.0f ms   %6.3f | %6d %6.1f MiB%n",
                        events, plain, withTimeline, median(rc), max(rc), median(rc) / plain, median(sb), max(sb),
                        median(sb) / plain, points, memory / 1048576.0);
            }
        }
        System.out.println("ratio: median latency / one full replay without a Timeline (targets: reverseContinue < 0.25 "
                + "at 10^5 events, < 0.1 at 10^6; stepBack well under a second)");
    }

    static Stop expect(Stop stop, StopReason reason, ReplaySession s, String function) throws Exception {
        Frame top = s.stack(1).get(0);
        if (stop.reason() != reason || !top.function().equals(function)) {
            throw new IllegalStateException("expected a " + reason + " stop in " + function + ", got " + stop.reason()
                    + " in " + top.function() + ":" + top.line());
        }
        return stop;
    }

    static int lineOf(List<String> source, String marker) {
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line with " + marker);
    }

    static double time(Action a) throws Exception {
        long t = System.nanoTime();
        a.run();
        return ms(t);
    }

    static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static double max(List<Double> xs) {
        return Collections.max(xs);
    }
}
