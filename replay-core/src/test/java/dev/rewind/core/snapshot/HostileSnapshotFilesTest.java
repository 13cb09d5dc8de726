/*
 * HostileSnapshotFilesTest: the snapshot store in a recording whose snapshots/ was tampered with.
 * A link in place of snapshots/, snapshots/pages, a page folder, a page, a manifest or the
 * incoming folder is refused with a message naming it, and nothing is written, read or removed
 * where it points; a manifest or page that is a FIFO or a link to /dev/zero is refused without
 * blocking (under a timeout); a manifest whose checksum is right but whose lengths are huge is
 * refused before anything is allocated; bodies past the end of the recording are removed.
 */
package dev.rewind.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileSnapshotFilesTest {
    @TempDir
    Path tmp;

    private Path trace() throws Exception {
        return Files.createDirectories(tmp.resolve("trace"));
    }

    /** A folder outside the recording a link points to; it must stay empty. */
    private Path elsewhere() throws Exception {
        return Files.createDirectories(tmp.resolve("elsewhere"));
    }

    private static void staysEmpty(Path dir) throws Exception {
        try (Stream<Path> all = Files.list(dir)) {
            assertEquals(List.of(), all.toList(), "nothing written in " + dir);
        }
    }

    private static String refused(Snapshots s, long event) {
        return assertThrows(SnapshotException.class, () -> s.read(event)).getMessage();
    }

    @Test
    void aLinkedSnapshotsFolderIsRefused() throws Exception {
        Path trace = trace();
        Path elsewhere = elsewhere();
        Files.createSymbolicLink(trace.resolve("snapshots"), elsewhere);
        Snapshots s = new Snapshots(trace);
        String m = assertThrows(SnapshotException.class, () -> s.write(SnapshotsTest.body(10, (byte) 1))).getMessage();
        assertTrue(m.contains("symbolic link") && m.contains("snapshots"), m);
        assertTrue(assertThrows(SnapshotException.class, s::events).getMessage().contains("symbolic link"));
        assertThrows(SnapshotException.class, s::scratch);
        assertThrows(SnapshotException.class, s::storeIncoming);
        staysEmpty(elsewhere);
    }

    @Test
    void aLinkedPageStoreOrPageFolderIsRefused() throws Exception {
        for (String linked : new String[] {"pages", "pages/xx"}) {
            Path trace = Files.createDirectories(tmp.resolve(linked.replace('/', '-')));
            Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere-" + linked.replace('/', '-')));
            Snapshots s = new Snapshots(trace);
            byte[] body = SnapshotsTest.body(10, (byte) 1);
            s.write(body);
            Path pages = trace.resolve("snapshots/pages");
            Path folder;
            try (Stream<Path> all = Files.list(pages)) {
                folder = all.findFirst().orElseThrow();
            }
            Path target = linked.equals("pages") ? pages : folder;
            deleteTree(target);
            Files.createSymbolicLink(target, elsewhere);
            assertTrue(refused(s, 10).contains("symbolic link"), linked);
            Snapshots fresh = new Snapshots(trace); // (nothing remembered from before)
            assertTrue(refused(fresh, 10).contains("symbolic link"), linked);
            assertThrows(SnapshotException.class, () -> fresh.write(body), linked);
            if (linked.equals("pages")) {
                assertTrue(assertThrows(SnapshotException.class, fresh::storedBytes).getMessage()
                        .contains("symbolic link"));
            } else {
                assertEquals(0, new LocalPageStore(trace.resolve("snapshots/pages")).storedBytes(), "links not counted");
            }
            staysEmpty(elsewhere);
        }
    }

    @Test
    void aManifestOrPageThatIsALinkOrAFifoIsRefusedWithoutBlocking() throws Exception {
        Path trace = trace();
        Snapshots s = new Snapshots(trace);
        s.write(SnapshotsTest.body(10, (byte) 1));
        s.write(SnapshotsTest.body(20, (byte) 2));
        Path manifest = trace.resolve("snapshots/10.snap");
        byte[] twos = new byte[SnapshotBody.PAGE];
        java.util.Arrays.fill(twos, (byte) 2);
        String hash = LocalPageStore.hash(twos); // the page only the snapshot at 20 holds
        Path page = trace.resolve("snapshots/pages").resolve(hash.substring(0, 2)).resolve(hash);
        assertTrue(Files.isRegularFile(page), page::toString);
        for (String kind : new String[] {"link to /dev/zero", "fifo", "link to a regular file"}) {
            Files.delete(manifest);
            Files.delete(page);
            make(manifest, kind);
            make(page, kind);
            assertTrue(refused(s, 10).contains("not a regular file"), kind + ": " + refused(s, 10));
            assertTrue(refused(s, 20).contains("not a regular file"), kind + ": " + refused(s, 20));
            assertEquals(-1, s.infos().get(0).pages(), kind + ": shown as damaged");
        }
    }

    private void make(Path file, String kind) throws Exception {
        switch (kind) {
            case "link to /dev/zero" -> Files.createSymbolicLink(file, Path.of("/dev/zero"));
            case "fifo" -> {
                Process p = new ProcessBuilder("mkfifo", file.toString()).start();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo");
            }
            default -> {
                Path real = Files.write(tmp.resolve("real-" + System.nanoTime()), new byte[] {1});
                Files.createSymbolicLink(file, real);
            }
        }
    }

    @Test
    void hugeLengthsWithARightChecksumAreRefusedBeforeAllocating() throws Exception {
        Path trace = trace();
        Snapshots s = new Snapshots(trace);
        s.write(SnapshotsTest.body(10, (byte) 1));
        Path manifest = trace.resolve("snapshots/10.snap");
        byte[] good = Files.readAllBytes(manifest);
        // the part count, then the first part's length (a literal: u8 0, u32 length)
        for (int[] at : new int[][] {{16, 0x7fffffff}, {16, -1}, {21, 0x7fffffff}, {21, 0x80000000}, {21, 0x7ffffff0}}) {
            byte[] m = good.clone();
            ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(at[0], at[1]);
            recomputeCrc(m);
            Files.write(manifest, m);
            String why = refused(s, 10);
            assertTrue(why.contains("damaged"), why);
            assertEquals(-1, s.infos().get(0).pages());
        }
    }

    /** Puts the right CRC-32C at the end of a manifest, so only its lengths are wrong. */
    static void recomputeCrc(byte[] m) {
        CRC32C crc = new CRC32C();
        crc.update(m, 0, m.length - 4);
        ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(m.length - 4, (int) crc.getValue());
    }

    @Test
    void aLinkedIncomingFolderIsRefusedAndWhatItPointsToKept() throws Exception {
        Path trace = trace();
        Path elsewhere = elsewhere();
        Path precious = Files.write(elsewhere.resolve("precious.txt"), new byte[] {42});
        Files.createDirectories(trace.resolve("snapshots"));
        Files.createSymbolicLink(trace.resolve("snapshots/incoming"), elsewhere);
        String m = assertThrows(SnapshotException.class, () -> new Snapshots(trace).storeIncoming(100, ""))
                .getMessage();
        assertTrue(m.contains("symbolic link"), m);
        assertTrue(Files.exists(precious), "nothing removed where the link points");
    }

    @Test
    void incomingBodiesPastTheEndOfTheRecordingAreRemoved() throws Exception {
        Path trace = trace();
        Path incoming = Files.createDirectories(trace.resolve("snapshots/incoming"));
        Files.write(incoming.resolve("10.body"), SnapshotsTest.body(10, (byte) 1));
        Files.write(incoming.resolve("20-on-10.body"), SnapshotsTest.incremental(20, (Byte) null));
        Files.write(incoming.resolve("30-on-20.body"), SnapshotsTest.incremental(30, (Byte) null));
        Files.createSymbolicLink(incoming.resolve("15.body"), Path.of("/dev/zero"));
        Snapshots s = new Snapshots(trace);
        Snapshots.Incoming done = s.storeIncoming(25, "");
        assertEquals(2, done.stored(), done.toString());
        assertEquals(1, done.dropped(), "the link is not read: " + done);
        assertTrue(done.reason().contains("at event 15") && done.reason().contains("not a regular file"), done.reason());
        assertEquals(List.of(10L, 20L), s.events());
        assertTrue(Files.notExists(incoming));
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
