/*
 * SnapshotTest: `rewind index` writes snapshots into a recording and `rewind info` describes them
 * (pages shared between snapshots: stored bytes well under the logical size; indexing again adds
 * almost nothing); a debugging session opened with "start" at any event is restored from the
 * nearest snapshot (the console says which) and stands exactly where a session without snapshots
 * stands there (the same stack and variables), replays on to the same end, and goes backwards
 * from there. A damaged snapshot is detected and the session falls back to an earlier point.
 * Snapshots after the first read only pages written since (write tracking): the index says how
 * many it did not read, and indexing with --read-all-pages gives snapshots of the same pages.
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rewind.dap.TravelClient.State;
import dev.rewind.scenarios.RunResult;
import dev.rewind.scenarios.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
    private static final String FILE = "signals.c";

    @TempDir
    Path tmp;

    @Test
    void indexInfoAndSessionsOpenedFromSnapshots() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        Path trace = tmp.resolve("trace");
        Path plain = tmp.resolve("plain");
        rewind("record", "-o", trace.toString(), "--", program.toString()); // (exits with the program's status)
        assertTrue(Files.isDirectory(trace.resolve("blobs")), "recorded");
        copy(trace, plain); // the same recording, never indexed
        RunResult index = rewind("index", "--every", "9", trace.toString());
        assertEquals(0, index.exitCode(), index::describe);
        JsonNode info = new ObjectMapper().readTree(rewind("info", trace.toString()).stdoutText());
        int snapshots = info.path("snapshots").size();
        assertTrue(snapshots >= 3, info::toString);
        assertEquals(snapshots + 1, info.path("segments").asInt());
        long stored = info.path("snapshotBytesStored").asLong();
        long logical = info.path("snapshotBytesLogical").asLong();
        assertTrue(stored > 0 && stored < logical / 2, "pages are shared between snapshots: " + info);
        RunResult again = rewind("index", "--every", "9", trace.toString());
        assertTrue(again.stdoutText().contains("snapshots of"), again::describe);
        java.util.regex.Matcher untouched = java.util.regex.Pattern.compile("new, (\\d+) untouched and not read")
                .matcher(index.stdoutText());
        assertTrue(untouched.find() && Long.parseLong(untouched.group(1)) > 0,
                "later snapshots read only the pages written since: " + index.stdoutText());

        Path readAll = tmp.resolve("read-all");
        copy(plain, readAll);
        RunResult full = rewind("index", "--every", "9", "--read-all-pages", readAll.toString());
        assertTrue(full.stdoutText().contains(" 0 untouched and not read"), full::describe);
        JsonNode fullInfo = new ObjectMapper().readTree(rewind("info", readAll.toString()).stdoutText());
        assertEquals(info.path("snapshots").toString().replaceAll("\"manifestBytes\":\\d+", ""),
                fullInfo.path("snapshots").toString().replaceAll("\"manifestBytes\":\\d+", ""),
                "the same snapshots, of the same pages, read in full");

        opensLikeAPlainReplay(trace, plain, info);
    }

    @Test
    void snapshotsTakenWhileRecordingServeAsIndexedOnes() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        Path trace = tmp.resolve("trace");
        Path plain = tmp.resolve("plain");
        RunResult rec = rewind("record", "-o", trace.toString(), "--snapshots=9", "--", program.toString());
        assertTrue(rec.stderrText().isEmpty(), rec::describe);
        assertTrue(Files.notExists(trace.resolve("snapshots/incoming")), "taken into the page store");
        copy(trace, plain);
        deleteTree(plain.resolve("snapshots"));
        JsonNode info = new ObjectMapper().readTree(rewind("info", trace.toString()).stdoutText());
        assertTrue(info.path("snapshots").size() >= 3, info::toString);
        opensLikeAPlainReplay(trace, plain, info);
    }

    /** Sessions opened just after each snapshot stand where a plain replay does, and end the same. */
    private void opensLikeAPlainReplay(Path trace, Path plain, JsonNode info) throws Exception {
        for (JsonNode s : info.path("snapshots")) {
            long at = s.path("event").asLong() + 2;
            State fromSnapshot;
            try (DapTestClient client = openAt(trace, at)) {
                fromSnapshot = TravelClient.state(client);
                assertTrue(client.console().contains("replaying from the snapshot at event " + s.path("event").asLong()),
                        client.console());
                // on to the end (past the caught faults), then back to the moment again
                long end = toTheEnd(client);
                int exit = client.all("exited", ExitedEventArguments.class).get(0).getExitCode();
                DapTestClient.call(client.rewind().seek(Map.of("event", at)));
                client.assertStopped(client.awaitStopped(), "step");
                assertEquals(fromSnapshot, TravelClient.state(client));
                try (DapTestClient reference = openAt(plain, at)) {
                    assertEquals(TravelClient.state(reference), fromSnapshot, "the same moment without snapshots");
                    assertEquals(end, toTheEnd(reference));
                    assertEquals(exit, reference.all("exited", ExitedEventArguments.class).get(0).getExitCode());
                }
            }
        }
    }

    @Test
    void aDamagedSnapshotIsDetectedAndAnEarlierPointUsed() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        Path trace = tmp.resolve("trace");
        Path plain = tmp.resolve("plain");
        rewind("record", "-o", trace.toString(), "--", program.toString());
        copy(trace, plain);
        assertEquals(0, rewind("index", "--every", "9", trace.toString()).exitCode());
        JsonNode info = new ObjectMapper().readTree(rewind("info", trace.toString()).stdoutText());
        JsonNode last = info.path("snapshots").get(info.path("snapshots").size() - 1);
        long at = last.path("event").asLong() + 1;
        // damage every page file: the last snapshot (and all others) can no longer be used
        try (Stream<Path> pages = Files.walk(trace.resolve("snapshots/pages"))) {
            for (Path p : (Iterable<Path>) pages.filter(Files::isRegularFile)::iterator) {
                byte[] b = Files.readAllBytes(p);
                b[b.length / 2] ^= 0x5a;
                Files.write(p, b);
            }
        }
        try (DapTestClient client = openAt(trace, at)) {
            assertTrue(client.console().contains("cannot be used"), client.console());
            State got = TravelClient.state(client);
            try (DapTestClient reference = openAt(plain, at)) {
                assertEquals(TravelClient.state(reference), got);
            }
        }
    }

    /** Continues past faults to the end of the recording; its event. */
    private static long toTheEnd(DapTestClient client) throws Exception {
        String reason = TravelClient.continueToStop(client).getReason();
        for (int i = 0; i < 10 && reason.equals("exception"); i++) {
            reason = TravelClient.continueToStop(client).getReason();
        }
        assertEquals("end", reason);
        return TravelClient.event(client);
    }

    @Test
    void hitsOverSegmentsInParallelEqualOneSequentialReplay() throws Exception {
        Path program = Debuggee.compile(FILE, tmp, "-O0");
        Path trace = tmp.resolve("trace");
        rewind("record", "-o", trace.toString(), "--", program.toString());
        assertEquals(0, rewind("index", "--every", "7", trace.toString()).exitCode());
        try (DapTestClient client = InProcessDap.start()) {
            client.launch(Map.of("trace", trace.toString(), "stopOnEntry", true));
            client.configurationDone();
            client.assertStopped(client.awaitStopped(), "entry");
            for (String marker : new String[] {"SEGV_HANDLER", "AFTER_SIGNALS"}) {
                Map<String, Object> args = new java.util.HashMap<>();
                args.put("source", Map.of("path", Debuggee.source(FILE).toString()));
                args.put("line", Debuggee.line(FILE, marker));
                args.put("expression", "faults * 100 + usr1s");
                args.put("workers", 0); // one replay of the whole recording
                Map<String, Object> sequential = DapTestClient.call(client.rewind().hits(args));
                args.put("workers", 2); // the segments, two at a time
                Map<String, Object> parallel = DapTestClient.call(client.rewind().hits(args));
                assertEquals(sequential, parallel, marker);
                assertEquals(3L, ((Number) parallel.get("totalHits")).longValue(), parallel.toString());
            }
        }
    }

    private DapTestClient openAt(Path trace, long event) throws Exception {
        DapTestClient client = InProcessDap.start();
        client.launch(Map.of("trace", trace.toString(), "start", event));
        client.configurationDone();
        client.assertStopped(client.awaitStopped(), "step");
        assertEquals(event, TravelClient.event(client));
        return client;
    }

    private RunResult rewind(String... args) {
        return ScenarioRunner.rewind(tmp, args);
    }

    private static void deleteTree(Path root) throws Exception {
        if (Files.notExists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
