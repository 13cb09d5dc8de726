/*
 * TraceStoreTest: recordings get private, uniquely named folders under the XDG data folder, and
 * `latest` follows the newest.
 */
package dev.rewind.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceStoreTest {
    @TempDir
    Path tmp;

    @Test
    void defaultRootFollowsXdgDataHome() {
        assertEquals(Path.of("/data/rewind/traces"), TraceStore.defaultRoot(Map.of("XDG_DATA_HOME", "/data"), "/home/u"));
        assertEquals(Path.of("/home/a/.local/share/rewind/traces"),
                TraceStore.defaultRoot(Map.of("HOME", "/home/a", "XDG_DATA_HOME", "relative"), "/home/u"));
        assertEquals(Path.of("/home/u/.local/share/rewind/traces"), TraceStore.defaultRoot(Map.of(), "/home/u"));
    }

    @Test
    void createsPrivateUniquelyNamedFolders() throws Exception {
        TraceStore store = new TraceStore(tmp.resolve("data/rewind/traces"));
        LocalDateTime when = LocalDateTime.of(2025, 1, 2, 3, 4, 5);
        Path first = store.createTraceDir("/usr/bin/my prog", when);
        Path second = store.createTraceDir("/usr/bin/my prog", when);
        assertEquals("my_prog-20250102-030405", first.getFileName().toString());
        assertEquals("my_prog-20250102-030405-2", second.getFileName().toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.root())));
    }

    @Test
    void latestFollowsTheNewestRecording() throws Exception {
        TraceStore store = new TraceStore(tmp);
        LocalDateTime when = LocalDateTime.of(2025, 1, 2, 3, 4, 5);
        Path a = store.createTraceDir("a", when);
        store.markLatest(a);
        assertEquals(Path.of(a.getFileName().toString()), Files.readSymbolicLink(store.latest()));
        Path b = store.createTraceDir("b", when);
        store.markLatest(b);
        assertEquals(b.toRealPath(), store.latest().toRealPath());
        Path elsewhere = Files.createDirectory(tmp.resolve("../" + tmp.getFileName() + "-other").normalize());
        store.markLatest(elsewhere);
        assertEquals(elsewhere, Files.readSymbolicLink(store.latest()));
        assertEquals(store.root().resolve("latest"), store.resolve("latest"));
        assertNotEquals(store.root().resolve("x/y"), store.resolve("x/y"));
        Files.delete(elsewhere);
    }

    @Test
    void latestCanBeSetBeforeTheStoreExists() throws Exception {
        TraceStore store = new TraceStore(tmp.resolve("not/yet"));
        Path trace = Files.createDirectory(tmp.resolve("t"));
        store.markLatest(trace);
        assertEquals(trace, Files.readSymbolicLink(store.latest()));
    }
}
