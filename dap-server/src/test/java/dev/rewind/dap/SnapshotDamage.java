/*
 * SnapshotDamage: one random damage done to the snapshots of a recording, for SnapshotFuzzTest,
 * and what it implies: which snapshot it makes unusable, whether `rewind info` must list a
 * manifest as damaged, and a folder outside the recording a link points to (which must stay as
 * it was: nothing is written there).
 */
package dev.rewind.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

record SnapshotDamage(String description, long snapshot, Kind kind, Path elsewhere, Map<String, String> before) {
    /** What was damaged: one manifest, the body one holds (checksum recomputed), a page, a folder. */
    enum Kind { MANIFEST, BODY, PAGE, FOLDER }

    private static final String[] MANIFEST_DAMAGE = {"flip", "truncate", "part count", "literal length",
        "/dev/zero", "fifo", "folder", "link"};
    private static final String[] PAGE_DAMAGE = {"flip", "truncate", "delete", "/dev/zero", "fifo", "folder", "link"};
    private static final int[] HUGE = {0x7fffffff, 0xffffffff, 0x80000000, 0x7ffff000};

    /** Whether the snapshot at {@code event} can no longer be used. */
    boolean breaks(long event) {
        return kind == Kind.FOLDER || snapshot == event;
    }

    /** Whether the snapshots folder or the page store was made a link. */
    boolean folderLinked() {
        return kind == Kind.FOLDER;
    }

    /** The snapshot whose manifest `rewind info` must call damaged, if any. */
    OptionalLong manifestDamaged() {
        return kind == Kind.MANIFEST ? OptionalLong.of(snapshot) : OptionalLong.empty();
    }

    void checkElsewhereUntouched(String what) throws Exception {
        if (elsewhere != null) {
            assertEquals(before, contents(elsewhere), what + ": nothing written where the link points");
        }
    }

    /** Does one damage, chosen by {@code random}, to the snapshots of {@code trace}. */
    static SnapshotDamage doOne(Random random, Path trace, List<Long> snapshots, Path elsewhere) throws Exception {
        Path dir = trace.resolve("snapshots");
        long event = random.nextBoolean() ? snapshots.get(snapshots.size() - 1)
                : snapshots.get(random.nextInt(snapshots.size()));
        Path manifest = dir.resolve(event + ".snap");
        int kind = random.nextInt(20);
        if (kind == 0 || kind == 1) { // the snapshots folder or the page store: a link to a copy
            Path linked = kind == 0 ? dir : dir.resolve("pages");
            copyTree(linked, elsewhere);
            deleteTree(linked);
            Files.createSymbolicLink(linked, elsewhere);
            return new SnapshotDamage(trace.relativize(linked) + " made a link to a copy elsewhere", -1, Kind.FOLDER,
                    elsewhere, contents(elsewhere));
        }
        if (kind < 8) {
            String how = MANIFEST_DAMAGE[random.nextInt(MANIFEST_DAMAGE.length)];
            damage(manifest, how, random, dir);
            return new SnapshotDamage("manifest " + event + ": " + how, event, Kind.MANIFEST, null, null);
        }
        if (kind < 14) {
            return new SnapshotDamage(bodyField(manifest, random), event, Kind.BODY, null, null);
        }
        SnapshotManifests.Manifest m = SnapshotManifests.parse(Files.readAllBytes(manifest));
        List<SnapshotManifests.Part> pages = m.parts().stream().filter(p -> p.hash() != null).toList();
        String hash = HexFormat.of().formatHex(pages.get(random.nextInt(pages.size())).hash());
        Path page = dir.resolve("pages").resolve(hash.substring(0, 2)).resolve(hash);
        String how = PAGE_DAMAGE[random.nextInt(PAGE_DAMAGE.length)];
        damage(page, how, random, dir);
        return new SnapshotDamage("a page of " + event + ": " + how, event, Kind.PAGE, null, null);
    }

    /** Sets one length or count of the body a manifest holds, its checksum recomputed. */
    private static String bodyField(Path manifest, Random random) throws Exception {
        SnapshotManifests.Manifest m = SnapshotManifests.parse(Files.readAllBytes(manifest));
        byte[] body = SnapshotManifests.skeleton(m);
        List<Integer> fields = SnapshotManifests.lengthFields(body);
        int at = fields.get(random.nextInt(fields.size()));
        int was = java.nio.ByteBuffer.wrap(body).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(at);
        int[] values = {HUGE[random.nextInt(HUGE.length)], was + 1, was - 1, was + 4096, was - 4096, 0, 1};
        int value = values[random.nextInt(values.length)];
        value = value == was ? was + 1 : value;
        SnapshotManifests.setBodyU32(m, at, value);
        Files.write(manifest, SnapshotManifests.encode(m));
        return "manifest " + manifest.getFileName() + ": the body's u32 at " + at + " set from " + was + " to "
                + Integer.toUnsignedString(value) + " (checksum recomputed)";
    }

    /** Damages one file (a manifest or a page) as {@code how} says. */
    private static void damage(Path file, String how, Random random, Path dir) throws Exception {
        byte[] b = Files.readAllBytes(file);
        switch (how) {
            case "flip" -> {
                int bit = random.nextInt(b.length * 8);
                b[bit / 8] ^= (byte) (1 << (bit % 8));
                Files.write(file, b);
            }
            case "truncate" -> Files.write(file, java.util.Arrays.copyOf(b, random.nextInt(b.length)));
            case "delete" -> Files.delete(file);
            case "part count", "literal length" -> {
                java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(
                        how.equals("part count") ? SnapshotManifests.PART_COUNT_AT : SnapshotManifests.PART_COUNT_AT + 5,
                        HUGE[random.nextInt(HUGE.length)]);
                Files.write(file, SnapshotManifests.recrc(b));
            }
            case "/dev/zero" -> {
                Files.delete(file);
                Files.createSymbolicLink(file, Path.of("/dev/zero"));
            }
            case "fifo" -> {
                Files.delete(file);
                Process p = new ProcessBuilder("mkfifo", file.toString()).start();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo " + file);
            }
            case "folder" -> {
                Files.delete(file);
                Files.createDirectory(file);
            }
            default -> { // a link to a regular file holding the same bytes, outside the folder
                Path real = Files.write(dir.getParent().getParent().resolve("real-" + file.getFileName()), b);
                Files.delete(file);
                Files.createSymbolicLink(file, real);
            }
        }
    }

    /** The SHA-256 of every file under {@code dir}, by relative path. */
    static Map<String, String> contents(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                out.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))) : "folder");
            }
        }
        return out;
    }

    static void copyTree(Path from, Path to) throws Exception {
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

    static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(root) || !Files.isDirectory(root)) {
            Files.delete(root);
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
