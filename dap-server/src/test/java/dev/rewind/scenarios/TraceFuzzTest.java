package dev.rewind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace fuzzer: real small recordings (two scenario programs: one mapping only its libraries,
 * one a data file too), each copy damaged by one TraceMutator, then `rewind replay` and
 * `rewind dump` run on it under a timeout. A damaged trace must give a clear refusal (status 125,
 * one line "rewind: ...", no stack trace, and only output the recording had, in its order: a cut
 * short recording replays up to its cut) or exactly the original replay; a forged event payload
 * (checksums made right) may replay differently but never crash, hang or print a stack trace.
 * No run may leave a process behind. Every case is run and the findings are reported together.
 *
 * A fixed seed and 54 cases by default (6 per mutation, about a minute on a quiet machine); -Drewind.fuzz.iterations=N and
 * -Drewind.fuzz.seed=S for a longer or another run.
 */
class TraceFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("rewind.fuzz.iterations", 54);
    private static final long SEED = Long.getLong("rewind.fuzz.seed", 20261207L);

    @TempDir
    Path tmp;

    /** A pristine recording and what replaying it gives. */
    private record Subject(String name, Path trace, RunResult replay) {}

    private Subject subject(String name, String program, String... args) {
        Path trace = tmp.resolve(name + "-trace");
        RunResult recorded = ScenarioRunner.record(trace, new byte[0], program, args);
        assertEquals(0, recorded.exitCode(), recorded::describe);
        RunResult replay = HostileTraces.rewind(tmp, "replay", trace.toString());
        ReplayAssertions.assertReplayMatches(recorded, replay, "replay of the pristine " + name + " trace");
        return new Subject(name, trace, replay);
    }

    @Test
    void mutatedTracesAreRefusedOrReplayIdentically() throws IOException {
        Path data = tmp.resolve("data.txt");
        Files.writeString(data, "first line\nsecond line\nthird line of the mapped file\n");
        List<Subject> subjects = List.of(
                subject("pids", ScenarioRunner.scenario("pids").toString()),
                subject("mmap", ScenarioRunner.scenario("mmap_file").toString(), data.toString()));
        Random rnd = new Random(SEED);
        TraceMutator[] mutators = TraceMutator.values();
        List<String> findings = new ArrayList<>();
        int identical = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Subject s = subjects.get(i % subjects.size());
            TraceMutator mutator = mutators[(i / subjects.size()) % mutators.length];
            Path trace = HostileTraces.copy(s.trace(), tmp.resolve("case-" + i));
            String what = "case " + i + " (" + s.name() + ", seed " + SEED + "): " + mutator.apply(trace, rnd);
            try {
                RunResult replay = HostileTraces.rewind(tmp, "replay", trace.toString());
                identical += replay.sameAs(s.replay()) ? 1 : 0;
                problem(s, mutator, replay).ifPresent(p -> findings.add(what + ": replay " + p + "\n" + replay.describe()));
                RunResult dump = HostileTraces.rewind(tmp, "dump", trace.toString());
                dumpProblem(dump).ifPresent(p -> findings.add(what + ": dump " + p + "\n" + dump.describe()));
            } catch (AssertionError e) {
                findings.add(what + ": " + e.getMessage());
            }
            deleteTree(trace);
            deleteTree(trace.resolveSibling(trace.getFileName() + "-real-blobs"));
        }
        System.out.println("trace fuzzer: " + ITERATIONS + " cases (seed " + SEED + "): " + identical
                + " replayed identically, the others refused; " + findings.size() + " went wrong");
        assertTrue(findings.isEmpty(), () -> findings.size() + " of " + ITERATIONS + " mutated traces went wrong:\n"
                + String.join("\n\n", findings));
    }

    /** What is wrong with a replay of a mutated trace, if anything. */
    private static Optional<String> problem(Subject s, TraceMutator mutator, RunResult r) {
        String err = r.stderrText();
        if (err.contains("\tat ") || err.contains("Exception") || err.contains("Caused by:")) {
            return Optional.of("printed a stack trace");
        }
        if (err.contains("rewind-agent")) {
            return Optional.of("lost its agent");
        }
        if (r.sameAs(s.replay())) {
            return Optional.empty();
        }
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        if (r.exitCode() == 125) {
            if (lines.isEmpty() || !lines.get(lines.size() - 1).startsWith("rewind: ")) {
                return Optional.of("exited 125 without a 'rewind: ' message last");
            }
            if (lines.stream().filter(l -> l.startsWith("rewind")).count() != 1) {
                return Optional.of("printed more than one message");
            }
        }
        if (mutator.mayChangeTheReplay) {
            return Optional.empty();
        }
        if (r.exitCode() != 125) {
            return Optional.of("exited " + r.exitCode() + " with other output than the original's");
        }
        if (!isPrefix(s.replay().stdout(), r.stdout())) {
            return Optional.of("printed output the recording did not have: "
                    + ReplayAssertions.firstDifference(s.replay().stdout(), r.stdout()));
        }
        byte[] programErr = err.substring(0, err.lastIndexOf("rewind: ")).getBytes(StandardCharsets.UTF_8);
        if (!isPrefix(s.replay().stderr(), programErr)) {
            return Optional.of("printed stderr the recording did not have");
        }
        return Optional.empty();
    }

    /** What is wrong with a dump of a mutated trace, if anything: it prints the trace or refuses it clearly. */
    private static Optional<String> dumpProblem(RunResult d) {
        String err = d.stderrText();
        if (err.contains("\tat ") || err.contains("Exception") || err.contains("Caused by:")) {
            return Optional.of("printed a stack trace");
        }
        if (d.exitCode() == 0) {
            return Optional.empty();
        }
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        if (d.exitCode() != 125 || lines.size() != 1 || !lines.get(0).startsWith("rewind: ")) {
            return Optional.of("ended without one clear message (status " + d.exitCode() + ")");
        }
        return Optional.empty();
    }

    private static boolean isPrefix(byte[] whole, byte[] part) {
        return part.length <= whole.length && Arrays.equals(whole, 0, part.length, part, 0, part.length);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
