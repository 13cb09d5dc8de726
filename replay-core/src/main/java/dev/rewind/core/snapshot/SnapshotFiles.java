/*
 * SnapshotFiles: how the snapshot store touches the disk inside a recording's folder, where the
 * files may come from anybody (a CI artifact, a colleague). Invariants: a link inside the
 * recording is never followed (each folder is checked without following links before a file in
 * it is opened, and files are opened with NOFOLLOW_LINKS); only regular files are read, and one
 * that is not (a FIFO, a device) is refused before it is opened, so a read never blocks; a file
 * is read only up to a bound given by its kind, checked against its size before anything is
 * allocated; every file is made new (O_EXCL, never through a link) inside the folder it belongs
 * to, 0600, and folders 0700; a file is replaced only by a rename within its own folder.
 */
package dev.rewind.core.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

final class SnapshotFiles {
    /** A manifest: 41 bytes per page, so this names 26 million pages (100 GiB of memory). */
    static final long MAX_MANIFEST = 1L << 30;
    /** A body: whole in one Java array. */
    static final long MAX_BODY = Integer.MAX_VALUE - 64;
    /** A stored page: one 4 KiB page compressed by zstd is at most a little over 4 KiB. */
    static final long MAX_PAGE_FILE = 2 * SnapshotBody.PAGE;

    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private SnapshotFiles() {
    }

    /**
     * Whether {@code dir} is there as a folder (false: absent). Anything else in its place (a
     * link, even to a folder, a file) is refused.
     */
    static boolean isFolder(Path dir) throws SnapshotException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new SnapshotException("cannot look at " + dir + ": " + describe(e), e);
        }
        if (!a.isDirectory()) {
            throw new SnapshotException(dir + " is " + kind(a) + ", not a folder: it is not used (links inside a"
                    + " recording are never followed)");
        }
        return true;
    }

    /**
     * Whether {@code dir} is there as a folder whose entries are all folders too (the page store's
     * two-hex-digit folders): a link or anything else among them is refused up front, whether or not
     * this run would have used it.
     */
    static boolean isFolderOfFolders(Path dir) throws SnapshotException {
        if (!isFolder(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                isFolder(entry);
            }
        } catch (IOException e) {
            throw new SnapshotException("cannot list " + dir + ": " + describe(e), e);
        }
        return true;
    }

    /** Makes {@code dir} (0700; its parent must be there) unless it is there as a folder; see isFolder. */
    static void makeFolder(Path dir) throws SnapshotException {
        if (isFolder(dir)) {
            return;
        }
        try {
            Files.createDirectory(dir, PRIVATE_FOLDER); // mkdir: never through a link
        } catch (FileAlreadyExistsException e) {
            isFolder(dir); // made meanwhile by another writer: a folder, or refused
        } catch (IOException e) {
            throw new SnapshotException("cannot create " + dir + ": " + describe(e), e);
        }
    }

    /**
     * The whole of {@code file}, a regular file of at most {@code max} bytes, read without
     * following a link. NoSuchFileException when it is absent; anything else in its place (a
     * link, a FIFO, a device, a folder) or a larger file is refused before it is opened.
     */
    static byte[] read(Path file, long max) throws SnapshotException, NoSuchFileException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new SnapshotException("cannot read " + file + ": " + describe(e), e);
        }
        if (!a.isRegularFile()) {
            throw new SnapshotException(file + " is " + kind(a) + ", not a regular file: it is not read"
                    + (a.isSymbolicLink() ? " (links inside a recording are never followed)" : ""));
        }
        if (a.size() > max) {
            throw new SnapshotException(file + " is too large to be what it says (" + a.size() + " bytes, at most "
                    + max + ")");
        }
        byte[] out = new byte[(int) a.size()];
        ByteBuffer into = ByteBuffer.wrap(out);
        try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (into.hasRemaining()) {
                if (in.read(into) < 0) {
                    throw new SnapshotException(file + " became shorter while it was read");
                }
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new SnapshotException("cannot read " + file + ": " + describe(e), e);
        }
        return out;
    }

    /** Writes {@code bytes} into a new private file {@code file} (0600), never through a link. */
    static void writeNew(Path file, byte[] bytes) throws IOException {
        OpenOption[] how = {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS};
        try (SeekableByteChannel out = Files.newByteChannel(file, Set.of(how), PRIVATE_FILE)) {
            ByteBuffer from = ByteBuffer.wrap(bytes);
            while (from.hasRemaining()) {
                out.write(from);
            }
        }
    }

    /**
     * Puts {@code bytes} at {@code file} whole or not at all: written to a new temporary file in
     * the same folder and renamed into place (replacing what was there, a link included, never
     * writing through it). A failure (a full disk) leaves no temporary file behind.
     */
    static void putWhole(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(
                ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            writeNew(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp); // what a full disk cut short
        }
    }

    /** What {@code a} describes, for a message. */
    static String kind(BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (a.isDirectory()) {
            return "a folder";
        }
        if (a.isRegularFile()) {
            return "a regular file";
        }
        return "a special file (a FIFO, socket or device)";
    }

    /** An IOException as one line ("PATH: No space left on device" where Java says only the path). */
    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
