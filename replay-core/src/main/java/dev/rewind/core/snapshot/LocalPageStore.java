/*
 * LocalPageStore: the PageStore of one recording: pages/<2 hex>/<64 hex> files, each a page
 * compressed with zstd (level 1: memory compresses well, higher levels gain nothing), written to a
 * temporary name and moved into place (a page file is whole or absent: a full disk or a failed
 * move is an error, never a page reported stored that is not). Folders 0700, files 0600. Nothing
 * in it is reached through a link, and only regular files of a page's size are read
 * (SnapshotFiles).
 */
package dev.rewind.core.snapshot;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

public final class LocalPageStore implements PageStore {
    private final Path root;

    /** The store in {@code root}, whose parent is a folder checked by the caller (it is never followed). */
    public LocalPageStore(Path root) {
        this.root = root;
    }

    @Override
    public Stored put(byte[] page) throws SnapshotException {
        String hash = hash(page);
        Path file = file(hash);
        SnapshotFiles.makeFolder(root); // (checked each time: a link put there since is never followed)
        SnapshotFiles.makeFolder(file.getParent());
        if (storedAlready(file)) {
            return new Stored(hash, false, 0);
        }
        byte[] packed = Zstd.compress(page, 1);
        try {
            SnapshotFiles.putWhole(file, packed);
        } catch (IOException e) {
            throw new SnapshotException("cannot store a page in " + root + ": " + SnapshotFiles.describe(e)
                    + " (the recording itself is unchanged)", e);
        }
        return new Stored(hash, true, packed.length);
    }

    /** Whether a page file is there (a regular one: anything else in its place is refused). */
    private static boolean storedAlready(Path file) throws SnapshotException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                throw new SnapshotException(file + " is " + SnapshotFiles.kind(a) + ", not a page: the page store"
                        + " is not used (links inside a recording are never followed)");
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new SnapshotException("cannot look at " + file + ": " + SnapshotFiles.describe(e), e);
        }
    }

    @Override
    public byte[] get(String hash) throws SnapshotException {
        Path file = file(hash);
        byte[] packed;
        try {
            if (!SnapshotFiles.isFolder(root) || !SnapshotFiles.isFolder(file.getParent())) {
                throw new NoSuchFileException(file.toString());
            }
            packed = SnapshotFiles.read(file, SnapshotFiles.MAX_PAGE_FILE);
        } catch (NoSuchFileException e) {
            throw new SnapshotException("page " + hash + " is missing from " + root);
        }
        byte[] page;
        try {
            page = Zstd.decompress(packed, SnapshotBody.PAGE);
        } catch (ZstdException e) {
            throw new SnapshotException("page " + hash + " is damaged (" + e.getMessage() + ")");
        }
        if (page.length != SnapshotBody.PAGE || !hash(page).equals(hash)) {
            throw new SnapshotException("page " + hash + " is damaged (its bytes do not match its hash)");
        }
        return page;
    }

    @Override
    public long storedBytes() throws SnapshotException {
        if (!SnapshotFiles.isFolder(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) { // (links are not followed: they are counted as nothing)
            long total = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                total += a.isRegularFile() ? a.size() : 0;
            }
            return total;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SnapshotException("cannot measure " + root + ": " + e.getMessage(), e);
        }
    }

    private Path file(String hash) {
        return root.resolve(hash.substring(0, 2)).resolve(hash);
    }

    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
