/*
 * DemoTravel: the time-travel part of `rewind demo`, on replay-core's Timeline directly (no DAP):
 * opens the demo's recording, stops at each die printed (line DEMO_PRINT of demo.c) going
 * forwards with the values of i, d and total, then reverse-continues twice and steps back once,
 * printing the values seen at each stop, and says how long each move back took.
 */
package dev.rewind.cli;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Frame;
import dev.rewind.core.session.LineAddresses;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Scope;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.session.Variable;
import dev.rewind.core.timeline.Timeline;
import dev.rewind.core.values.ValueFormatter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

final class DemoTravel {
    private static final String MARKER = "DEMO_PRINT";
    private static final List<String> SHOWN = List.of("i", "d", "total");

    private final Consumer<String> say;

    DemoTravel(Consumer<String> say) {
        this.say = say;
    }

    /** Travels in {@code trace}, a recording of the demo built from {@code source}. */
    void show(AgentLaunch launch, Path trace, Path source) throws AgentException, IOException {
        int line = markerLine(source);
        SessionLauncher launcher = new SessionLauncher(launch, OutputListener.IGNORE);
        try (ReplaySession session = launcher.open(trace, OutputListener.IGNORE)) {
            Timeline timeline = new Timeline(session);
            LineAddresses at = session.lineAddresses(source.getFileName().toString(), line);
            if (at.addresses().isEmpty()) {
                say.accept("(no code at line " + line + " of " + source.getFileName() + ": no time travel to show)");
                return;
            }
            List<RemoteAddress> bp = at.addresses();
            session.setBreakpoints(bp);
            say.accept("Time travel: a breakpoint at line " + at.actualLine() + " of " + source.getFileName()
                    + " (printf(\" %d\", d)), going forwards:");
            Stop stop = timeline.resume();
            while (stop.reason() == StopReason.BREAKPOINT) {
                say.accept("    hit   " + describe(session));
                stop = timeline.resume();
            }
            say.accept("    ...the end of the recording.");
            say.accept("Backwards (replaying from save points, nothing runs for real):");
            for (int k = 0; k < 2; k++) {
                long t = System.nanoTime();
                stop = timeline.reverseContinue();
                say.accept("    reverse-continue -> " + describe(session) + ms(t));
            }
            long t = System.nanoTime();
            timeline.stepBack();
            say.accept("    step back        -> " + describe(session) + ms(t));
            say.accept("Save points: " + timeline.savePointCount() + ", holding " + timeline.savePointMemory() / 1024
                    + " KiB.");
            say.accept("");
        }
    }

    private static String ms(long since) {
        return "   (" + (System.nanoTime() - since) / 1_000_000 + " ms)";
    }

    /** "line 29: i = 3, d = 5, total = 14" for the innermost frame. */
    private static String describe(ReplaySession session) throws AgentException {
        List<Frame> frames = session.stack(1);
        StringBuilder sb = new StringBuilder();
        sb.append(frames.isEmpty() ? "?" : frames.get(0).function() + " line " + frames.get(0).line()).append(":");
        ValueFormatter f = new ValueFormatter(session);
        String sep = " ";
        for (Variable v : session.variables(0, Scope.LOCALS)) {
            if (SHOWN.contains(v.name())) {
                sb.append(sep).append(v.name()).append(" = ").append(f.ofVariable(v).display());
                sep = ", ";
            }
        }
        return sb.toString();
    }

    private static int markerLine(Path source) throws IOException {
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(MARKER)) {
                return i + 1;
            }
        }
        throw new IOException(MARKER + " is not in " + source);
    }
}
