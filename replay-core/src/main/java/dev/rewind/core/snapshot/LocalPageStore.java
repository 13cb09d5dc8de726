/*
 * LocalPageStore: the PageStore of one recording: pages/<2 hex>/<64 hex> files, each a page
 * compressed with zstd (level 1: memory compresses well, higher levels gain nothing), written to a
 * temporary name and moved into place (a page file is whole or absent: a full disk or a failed
 * move is an error, never a page reported stored that is not). Folders 0700, files 0600.
 */
package dev.rewind.core.snapshot;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

public final class LocalPageStore implements PageStore {
    private final Path root;

    public LocalPageStore(Path root) {
        this.root = root;
    }

    @Override
    public Stored put(byte[] page) throws SnapshotException {
        String hash = hash(page);
        Path file = file(hash);
        if (Files.exists(file)) {
            return new Stored(hash, false, 0);
        }
        byte[] packed = Zstd.compress(page, 1);
        try {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempFile(file.getParent(), ".page", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, packed);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // the same page, stored meanwhile by another writer
            } finally {
                Files.deleteIfExists(tmp); // what a full disk cut short, or what another writer beat
            }
        } catch (IOException e) {
            throw new SnapshotException("cannot store a page in " + root + ": " + e.getMessage()
                    + " (the recording itself is unchanged)", e);
        }
        return new Stored(hash, true, packed.length);
    }

    @Override
    public byte[] get(String hash) throws SnapshotException {
        byte[] packed;
        try {
            packed = Files.readAllBytes(file(hash));
        } catch (NoSuchFileException e) {
            throw new SnapshotException("page " + hash + " is missing from " + root);
        } catch (IOException e) {
            throw new SnapshotException("cannot read page " + hash + ": " + e.getMessage(), e);
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
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            long total = 0;
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                total += Files.size(p);
            }
            return total;
        } catch (IOException e) {
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
