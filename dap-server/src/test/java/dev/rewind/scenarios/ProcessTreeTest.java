package dev.rewind.scenarios;

import static dev.rewind.scenarios.ReplayAssertions.assertReplayMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process trees (issue 13): `rewind record` records the program's forked children too, each as a
 * process of the recording; `rewind ps` lists them; `rewind replay` replays all of them and prints
 * their output in the recorded order, byte for byte; `rewind replay --process PID` replays one.
 */
@Timeout(300)
class ProcessTreeTest {
    private static final String PIPELINE = "echo a | tr a b; echo done; exit 4";

    @TempDir
    Path tmp;

    /** One line of `rewind ps`: pid, parent, status, events, command line. */
    record PsLine(String pid, String parent, String status, long events, String command) {
    }

    private static List<PsLine> ps(Path trace) {
        RunResult r = ScenarioRunner.rewind(trace.getParent(), "ps", trace.toString());
        assertEquals(0, r.exitCode(), r::describe);
        List<String> lines = r.stdoutText().lines().toList();
        assertTrue(lines.get(0).startsWith("PID"), r::describe);
        List<PsLine> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split(" +", 6);
            // "exit N" / "signal N" take two fields, "-" one
            boolean twoWordStatus = !f[2].equals("-");
            String status = twoWordStatus ? f[2] + " " + f[3] : f[2];
            int next = twoWordStatus ? 4 : 3;
            String[] rest = String.join(" ", Arrays.copyOfRange(f, next, f.length)).split(" +", 2);
            out.add(new PsLine(f[0], f[1], status, Long.parseLong(rest[0]), rest.length > 1 ? rest[1] : ""));
        }
        return out;
    }

    private static RunResult replayProcess(Path trace, String pid) {
        return ScenarioRunner.run(List.of(ScenarioRunner.rewindScript().toString(), "replay", "--process", pid,
                trace.toString()), ScenarioRunner.REPLAY_STDIN, trace.getParent(), Map.of(), ScenarioRunner.TIMEOUT);
    }

    private RunResult record(Path trace, List<String> options, String program, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ScenarioRunner.rewindScript().toString(), "record", "-o",
                trace.toString()));
        cmd.addAll(options);
        cmd.add("--");
        cmd.add(program);
        cmd.addAll(List.of(args));
        return ScenarioRunner.run(cmd, new byte[0], tmp, ScenarioRunner.scenarioEnv(), ScenarioRunner.TIMEOUT);
    }

    @Test
    void shellPipelineRecordsEveryProcessAndReplaysTheirOutput() {
        Path trace = tmp.resolve("pipeline");
        RunResult rec = record(trace, List.of(), "/bin/sh", "-c", PIPELINE);
        assertEquals(4, rec.exitCode(), rec::describe);
        assertEquals("b\ndone\n", rec.stdoutText(), rec::describe);

        List<PsLine> procs = ps(trace);
        assertTrue(procs.size() >= 3, () -> "the shell and both sides of the pipe: " + procs);
        PsLine root = procs.get(0);
        assertEquals("exit 4", root.status());
        assertEquals("/bin/sh -c " + PIPELINE, root.command());
        PsLine tr = procs.stream().filter(p -> p.command().equals("tr a b")).findFirst()
                .orElseThrow(() -> new AssertionError("no `tr a b` process: " + procs));
        assertEquals(root.pid(), tr.parent());
        assertEquals("exit 0", tr.status());
        assertTrue(tr.events() > 0);

        assertReplayMatches(rec, ScenarioRunner.replay(trace), "replay of the whole tree");
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "second replay of the whole tree");
        RunResult alone = replayProcess(trace, tr.pid());
        assertEquals(0, alone.exitCode(), alone::describe);
        assertEquals("b\n", alone.stdoutText(), alone::describe);
        RunResult rootAlone = replayProcess(trace, root.pid());
        assertEquals(4, rootAlone.exitCode(), rootAlone::describe);
        assertEquals("done\n", rootAlone.stdoutText(), rootAlone::describe);
    }

    @Test
    void dumpInfoAndIndexTakeTheProcessNamed() {
        Path trace = tmp.resolve("pipe");
        RunResult rec = record(trace, List.of(), "/bin/sh", "-c", "echo a | tr a b");
        assertEquals(0, rec.exitCode(), rec::describe);
        PsLine tr = ps(trace).stream().filter(p -> p.command().equals("tr a b")).findFirst().orElseThrow();

        RunResult dump = ScenarioRunner.rewind(trace.getParent(), "dump", "--process", tr.pid(), trace.toString());
        assertEquals(0, dump.exitCode(), dump::describe);
        List<String> lines = dump.stdoutText().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"exec\"") && l.contains("/tr\"")),
                () -> "the child's exec of tr: " + dump.describe());
        assertEquals("{\"kind\":\"end\",\"events\":" + tr.events() + ",\"complete\":true,\"cutShort\":false}",
                lines.get(lines.size() - 1));
        RunResult rootDump = ScenarioRunner.rewind(trace.getParent(), "dump", trace.toString());
        assertTrue(rootDump.stdoutText().lines().noneMatch(l -> l.contains("\"kind\":\"exec\"") && l.contains("/tr\"")),
                "the program's own stream never runs tr");

        RunResult info = ScenarioRunner.rewind(trace.getParent(), "info", "--process=" + tr.pid(), trace.toString());
        assertEquals(0, info.exitCode(), info::describe);
        assertTrue(info.stdoutText().contains("\"events\" : " + tr.events() + ","), info::describe);
        assertTrue(info.stdoutText().contains("procs/" + tr.pid()), info::describe);

        RunResult index = ScenarioRunner.rewind(trace.getParent(), "index", "--every", "20", "--process", tr.pid(),
                trace.toString());
        assertEquals(0, index.exitCode(), index::describe);
        assertTrue(index.stdoutText().contains("indexed " + trace.resolve("procs").resolve(tr.pid())), index::describe);
        RunResult indexed = ScenarioRunner.rewind(trace.getParent(), "info", "--process", tr.pid(), trace.toString());
        assertTrue(indexed.stdoutText().contains("\"event\" : 20,"), indexed::describe);
        RunResult alone = replayProcess(trace, tr.pid());
        assertEquals("b\n", alone.stdoutText(), () -> "an indexed process still replays: " + alone.describe());

        RunResult missing = ScenarioRunner.rewind(trace.getParent(), "dump", "--process", "999999", trace.toString());
        assertEquals(125, missing.exitCode(), missing::describe);
        assertTrue(missing.stderrText().contains("has no process 999999 (rewind ps lists its processes)"),
                missing::describe);
    }

    @Test
    void forkedWorkersExecAndAGrandchildReplayInTheRecordedOrder() {
        Path trace = tmp.resolve("workers");
        String program = ScenarioRunner.scenario("tree_workers").toString();
        RunResult rec = record(trace, List.of(), program);
        assertEquals(3, rec.exitCode(), rec::describe);
        String out = rec.stdoutText();
        assertTrue(out.endsWith("root exits with 3\nthe lingering child prints after the root's exit\n"),
                () -> "the child that outlives the root is recorded to its end\n" + rec.describe());

        List<PsLine> procs = ps(trace);
        assertEquals(6, procs.size(), () -> "root, three workers, a grandchild, the lingering child: " + procs);
        PsLine root = procs.get(0);
        assertEquals("exit 3", root.status());
        assertTrue(procs.stream().anyMatch(p -> p.command().equals("echo worker 1 exec'd echo")
                && p.status().equals("exit 0") && p.parent().equals(root.pid())), procs::toString);
        assertTrue(procs.stream().anyMatch(p -> p.status().equals("exit 10")), procs::toString);
        PsLine worker2 = procs.stream().filter(p -> p.status().equals("exit 12")).findFirst().orElseThrow();
        assertTrue(procs.stream().anyMatch(p -> p.status().equals("exit 5") && p.parent().equals(worker2.pid())),
                () -> "the grandchild, child of worker 2: " + procs);

        for (int round = 1; round <= 2; round++) {
            assertReplayMatches(rec, ScenarioRunner.replay(trace), "replay " + round + " of the tree");
        }
        RunResult w2 = replayProcess(trace, worker2.pid());
        assertEquals(12, w2.exitCode(), w2::describe);
        assertTrue(w2.stdoutText().endsWith("worker 2: grandchild exited with 5\n"), w2::describe);
    }

    @Test
    void noChildrenRecordsTheProgramAlone() {
        Path trace = tmp.resolve("alone");
        RunResult rec = record(trace, List.of("--no-children"), "/bin/sh", "-c", PIPELINE);
        assertEquals(4, rec.exitCode(), rec::describe);
        assertEquals(1, ps(trace).size());
        assertTrue(Files.notExists(trace.resolve("procs")));
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "replay of the program alone");
    }

    @Test
    void noRecordLetsAProgramRunForReal() {
        Path trace = tmp.resolve("norecord");
        RunResult rec = record(trace, List.of("--no-record=tr"), "/bin/sh", "-c", PIPELINE);
        assertEquals(4, rec.exitCode(), rec::describe);
        assertEquals("b\ndone\n", rec.stdoutText(), rec::describe);
        PsLine tr = ps(trace).stream().filter(p -> p.command().equals("tr a b")).findFirst().orElseThrow();
        assertEquals("-", tr.status(), "its recording ends at its exec of tr");
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "replay with tr run for real");
    }

    @Test
    void aFormatFourTraceStillReplaysAsOneProcess() throws IOException {
        Path trace = tmp.resolve("old");
        RunResult rec = record(trace, List.of(), "/bin/echo", "one process");
        assertEquals(0, rec.exitCode(), rec::describe);
        TraceFiles.setFormatVersion(trace.resolve("header"), 4);
        try (Stream<Path> files = Files.list(trace)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.equals("process") || name.equals("order")) {
                    Files.delete(p); // files a format-4 recording did not have
                }
            }
        }
        assertReplayMatches(rec, ScenarioRunner.replay(trace), "replay of a format-4 trace");
        List<PsLine> procs = ps(trace);
        assertEquals(1, procs.size());
        assertEquals("-", procs.get(0).pid(), "a format-4 trace does not say its pid");
        assertEquals("exit 0", procs.get(0).status());
        assertEquals("/bin/echo one process", procs.get(0).command());
    }

    @Test
    void aDamagedProcessFileIsRefused() throws IOException {
        Path trace = tmp.resolve("damaged");
        RunResult rec = record(trace, List.of(), "/bin/sh", "-c", PIPELINE);
        assertEquals(4, rec.exitCode(), rec::describe);
        TraceFiles.flipByte(trace.resolve("process"), 14);
        RunResult r = ScenarioRunner.rewind(tmp, "ps", trace.toString());
        assertEquals(125, r.exitCode(), r::describe);
        assertTrue(r.stderrText().contains("corrupted"), r::describe);
        RunResult unknown = replayProcess(trace, "999999");
        assertEquals(125, unknown.exitCode(), unknown::describe);
    }
}
