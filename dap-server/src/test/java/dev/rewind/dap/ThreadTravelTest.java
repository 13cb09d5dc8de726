/*
 * ThreadTravelTest: continue and reverse-continue through multithreaded programs, with a
 * breakpoint in code several threads run. The ground truth is the forward run: each hit's thread
 * (its recorded tid) and values; reverse-continue from the last one must meet the same hits in
 * reverse order, each in its own thread with its own values, and end at the entry. A barrier
 * (thr_barrier), a mutex and condition variables (thr_mutex_condvar) and C++ std::thread workers.
 * A replay that cannot go back (a divergence after a restore) must say so, never stop elsewhere.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.scenarios.ScenarioRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadTravelTest {
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(300);
    private static final int HITS = 6;

    @TempDir
    Path tmp;

    /** One breakpoint stop: the thread, where, and the values of the case's expressions there. */
    record Hit(int thread, String function, int line, List<String> values) {
    }

    @Test
    void barrier() {
        Path source = ScenarioRunner.root().resolve("native/tests/fidelity/thr_barrier.c");
        retrace(fidelity("thr_barrier"), source, 4, "slot[me] = (long)round", "me", "round");
    }

    @Test
    void mutexAndConditionVariables() {
        Path source = ScenarioRunner.root().resolve("native/tests/fidelity/thr_mutex_condvar.c");
        retrace(fidelity("thr_mutex_condvar"), source, 1, "consumed_sum[me] += item;", "me", "item");
    }

    @Test
    void cxxStdThreads() throws Exception {
        Path program = Debuggee.compile("threads.cpp", tmp, "-O0");
        retrace(program, Debuggee.source("threads.cpp"), 2, "CXX_ADD", "id", "i");
    }

    private static Path fidelity(String name) {
        ScenarioRunner.ensureScenariosBuilt();
        return ScenarioRunner.root().resolve("native/build/fidelity").resolve(name);
    }

    /** Retraces the first HITS hits at the marker's line, met in at least {@code threads} threads. */
    private static void retrace(Path program, Path source, int threads, String marker, String... expressions) {
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try (DapTestClient client = InProcessDap.start()) {
                client.launchProgram(program, false);
                client.setBreakpoints(source.toString(), line(source, marker));
                client.configurationDone();
                List<Hit> forwards = new ArrayList<>();
                StoppedEventArguments stop = client.awaitStopped();
                while (true) {
                    StoppedEventArguments at = stop;
                    assertEquals("breakpoint", at.getReason(), () -> "forwards: " + at.getDescription());
                    forwards.add(hit(client, stop, expressions));
                    if (forwards.size() == HITS) {
                        break;
                    }
                    stop = go(client, stop.getThreadId(), false);
                }
                assertTrue(new HashSet<>(forwards.stream().map(Hit::thread).toList()).size() >= threads,
                        forwards::toString);
                List<Hit> backwards = new ArrayList<>();
                StoppedEventArguments back = go(client, stop.getThreadId(), true);
                while (back.getReason().equals("breakpoint")) {
                    backwards.add(hit(client, back, expressions));
                    back = go(client, back.getThreadId(), true);
                }
                StoppedEventArguments end = back;
                assertEquals("entry", end.getReason(), () -> "reverse-continue ended: " + end.getReason() + " "
                        + end.getDescription() + " " + end.getText() + "\nconsole: " + client.console());
                Collections.reverse(backwards);
                assertEquals(forwards.subList(0, HITS - 1), backwards, "the hits going back, in their threads");
            }
        });
    }

    private static Hit hit(DapTestClient client, StoppedEventArguments stop, String... expressions) throws Exception {
        StackTraceArguments args = new StackTraceArguments();
        args.setThreadId(stop.getThreadId());
        StackFrame top = DapTestClient.call(client.server().stackTrace(args)).getStackFrames()[0];
        List<String> values = new ArrayList<>();
        for (String e : expressions) {
            values.add(client.evaluate(e, top.getId(), "watch").getResult());
        }
        return new Hit(stop.getThreadId(), top.getName(), top.getLine(), values);
    }

    private static StoppedEventArguments go(DapTestClient client, int thread, boolean back) throws Exception {
        if (back) {
            ReverseContinueArguments a = new ReverseContinueArguments();
            a.setThreadId(thread);
            DapTestClient.call(client.server().reverseContinue(a));
        } else {
            ContinueArguments a = new ContinueArguments();
            a.setThreadId(thread);
            DapTestClient.call(client.server().continue_(a));
        }
        return client.awaitStopped();
    }

    private static int line(Path source, String marker) throws Exception {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + marker + " in " + source);
    }
}
