/*
 * SnapshotsTest: the snapshot store on a body built here (the agent's layout, docs/snapshot-format.md):
 * a snapshot reads back byte for byte; a second snapshot sharing pages stores only the new ones;
 * a damaged manifest, a damaged or missing page and a newer format are refused with the reason;
 * an incremental body (pages named as the base snapshot's) is completed from the base and reads
 * back as the plain body of the same pages, and one naming a page the base lacks is refused.
 */
package dev.rewind.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {
    @TempDir
    Path trace;

    /** A body at {@code event} whose one region holds pages filled with the given bytes. */
    static byte[] body(long event, byte... fills) {
        return chunked(event, fills, new boolean[fills.length], false);
    }

    /** As body(), where a null fill is a page named as the base snapshot's. */
    static byte[] incremental(long event, Byte... fills) {
        byte[] bytes = new byte[fills.length];
        boolean[] fromBase = new boolean[fills.length];
        for (int i = 0; i < fills.length; i++) {
            fromBase[i] = fills[i] == null;
            bytes[i] = fills[i] == null ? 0 : fills[i];
        }
        return chunked(event, bytes, fromBase, false);
    }

    /**
     * A body whose pages are cut into chunks where fromBase changes: those of the base's pages as
     * a chunk with the AS_BASE flag and no bytes, unless completed (then with their fill bytes).
     */
    static byte[] chunked(long event, byte[] fills, boolean[] fromBase, boolean completed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(SnapshotBody.MAGIC).putInt(SnapshotBody.VERSION).putLong(event).putLong(0).putLong(0).putLong(event)
                .putLong(0).putLong(0);
        b.putInt(8).put(new byte[8]); // xstate
        b.put(new byte[64 * 32]).putLong(0).putInt(2).putLong(0); // actions, no alternate stack
        b.putInt(0); // names
        // shared files: one, of 8 KiB, with 3 bytes that differ from its blob (kept literally)
        b.putInt(1).putLong(1).putLong(2).put(new byte[32]).putLong(8192).putInt(1).putLong(4096).putInt(3)
                .put(new byte[] {1, 2, 3});
        // System V segments (format 5): one of 4 KiB, its bytes kept literally
        b.putInt(4 + 24 + 1 + 8 + 4096).putInt(1).putLong(7).putLong(0).putLong(-1L).put((byte) 1).putLong(4096)
                .put(new byte[4096]);
        b.putInt(12).putInt(2).putInt(1).putInt(0); // threads (format 4; kept literally)
        ByteBuffer image = ByteBuffer.allocate(1 << 19).order(ByteOrder.LITTLE_ENDIAN);
        image.putInt(4).put("prog".getBytes(StandardCharsets.UTF_8)).put(new byte[27 * 8 + 512]).putLong(0).putLong(0);
        image.putInt(1); // one region
        image.putLong(0x400000).putLong(0x400000 + 4096L * fills.length).putInt(3).putInt(0);
        image.putInt(0).put((byte) 0); // no name, no blob
        int chunkCountAt = image.position();
        image.putInt(0);
        int chunks = 0;
        for (int i = 0; i < fills.length; chunks++) {
            boolean asBase = fromBase[i];
            int j = i;
            while (j < fills.length && fromBase[j] == asBase) {
                j++;
            }
            boolean bytes = !asBase || completed;
            image.putLong(0x400000 + 4096L * i).putInt(4096 * (j - i) | (bytes ? 0 : SnapshotBody.AS_BASE));
            for (int k = i; k < j && bytes; k++) {
                byte[] page = new byte[4096];
                java.util.Arrays.fill(page, fills[k]);
                image.put(page);
            }
            i = j;
        }
        image.putInt(chunkCountAt, chunks);
        b.putInt(image.position()).put(image.array(), 0, image.position());
        out.write(b.array(), 0, b.position());
        return out.toByteArray();
    }

    @Test
    void readsBackAndSharesPages() throws Exception {
        Snapshots s = new Snapshots(trace);
        byte[] first = body(100, (byte) 1, (byte) 2, (byte) 3);
        Snapshots.Written w1 = s.write(first);
        assertEquals(3, w1.pages());
        assertEquals(3, w1.newPages());
        byte[] second = body(200, (byte) 1, (byte) 2, (byte) 9);
        Snapshots.Written w2 = s.write(second);
        assertEquals(1, w2.newPages(), "two of its three pages are stored already");
        assertArrayEquals(first, s.read(100));
        assertArrayEquals(second, s.read(200));
        assertEquals(List.of(100L, 200L), s.events());
        assertEquals(200L, s.atOrBefore(250).orElseThrow());
        assertTrue(s.atOrBefore(99).isEmpty());
        assertEquals(2, s.infos().size());
        assertEquals(3, s.infos().get(0).pages());
    }

    @Test
    void incrementalBodiesAreCompletedFromTheirBase() throws Exception {
        Snapshots s = new Snapshots(trace);
        s.write(body(100, (byte) 1, (byte) 2, (byte) 3, (byte) 4));
        Snapshots.Written w = s.write(incremental(200, null, null, (byte) 7, null), 100);
        assertEquals(4, w.pages());
        assertEquals(3, w.basePages());
        assertEquals(1, w.newPages());
        assertArrayEquals(chunked(200, new byte[] {1, 2, 7, 4}, new boolean[] {true, true, false, true}, true),
                s.read(200), "completed: the plain body of the same pages");
        // based on the completed one in turn
        s.write(incremental(300, (byte) 5, null, null, null), 200);
        assertArrayEquals(chunked(300, new byte[] {5, 2, 7, 4}, new boolean[] {false, true, true, true}, true),
                s.read(300));

        SnapshotException lacking = assertThrows(SnapshotException.class,
                () -> s.write(incremental(400, null, null, null, null, null), 300));
        assertTrue(lacking.getMessage().contains("has no page at 0x404000"), lacking.getMessage());
        SnapshotException noBase = assertThrows(SnapshotException.class,
                () -> s.write(incremental(400, null, (byte) 1)));
        assertTrue(noBase.getMessage().contains("names pages of a base"), noBase.getMessage());
        assertEquals(List.of(100L, 200L, 300L), s.events(), "nothing stored for the refused ones");
    }

    @Test
    void incomingBodiesAreStoredInOrderAndUnfinishedOnesDropped() throws Exception {
        Path incoming = Files.createDirectories(trace.resolve("snapshots/incoming"));
        Files.write(incoming.resolve("100.body"), body(100, (byte) 1, (byte) 2));
        Files.write(incoming.resolve("1000-on-100.body"), incremental(1000, null, (byte) 5)); // after 100, by number
        Files.write(incoming.resolve("2000.body.part"), new byte[] {1, 2, 3}); // the agent was killed
        Files.write(incoming.resolve("3000-on-2000.body"), incremental(3000, null, null)); // its base is gone
        Snapshots s = new Snapshots(trace);
        assertEquals(new Snapshots.Incoming(2, 1, "at event 3000: the snapshot it builds on was not kept"),
                s.storeIncoming(Long.MAX_VALUE, ""));
        assertEquals(List.of(100L, 1000L), s.events());
        assertArrayEquals(chunked(1000, new byte[] {1, 5}, new boolean[] {true, false}, true), s.read(1000));
        assertTrue(Files.notExists(incoming), "nothing left behind");
    }

    @Test
    void damageIsDetected() throws Exception {
        Snapshots s = new Snapshots(trace);
        s.write(body(100, (byte) 1, (byte) 2));
        s.write(body(200, (byte) 1, (byte) 5));
        Path manifest = trace.resolve("snapshots/100.snap");
        byte[] m = Files.readAllBytes(manifest);
        m[m.length / 2] ^= 1;
        Files.write(manifest, m);
        assertTrue(assertThrows(SnapshotException.class, () -> s.read(100)).getMessage().contains("damaged"));
        // a page of the second snapshot, damaged, then missing
        Path page;
        try (Stream<Path> all = Files.walk(trace.resolve("snapshots/pages"))) {
            page = all.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] p = Files.readAllBytes(page);
        p[p.length - 1] ^= 0x55;
        Files.write(page, p);
        assertTrue(assertThrows(SnapshotException.class, () -> s.read(200)).getMessage().contains("damaged"));
        Files.delete(page);
        assertTrue(assertThrows(SnapshotException.class, () -> s.read(200)).getMessage().contains("missing"));
        assertTrue(assertThrows(SnapshotException.class, () -> s.read(300)).getMessage().contains("no snapshot"));
    }

    @Test
    void newerAndMalformedBodiesAreRefused() {
        byte[] b = body(7, (byte) 1);
        b[4] = 9; // format version
        assertTrue(assertThrows(SnapshotException.class, () -> new Snapshots(trace).write(b)).getMessage()
                .contains("newer"));
        byte[] cut = java.util.Arrays.copyOf(body(7, (byte) 1), 3000);
        assertTrue(assertThrows(SnapshotException.class, () -> new Snapshots(trace).write(cut)).getMessage()
                .contains("damaged"));
    }
}
