/*
 * TraceFileOpener: opens the files inside a trace folder as hostile input. A trace comes from CI
 * artifacts and colleagues, so a file inside it is opened only if it is a regular file reached
 * without following any link below the trace folder (the folder itself may be reached through a
 * link the user gave, such as `latest`). A FIFO, device, socket, folder or link in place of a file
 * is refused with a one-line TraceException naming the file, before anything opens it: opening a
 * FIFO for reading would block forever.
 *
 * Java cannot open with O_NONBLOCK nor fstat an open channel, so the type is checked on the path
 * (without following links) just before opening it with NOFOLLOW_LINKS; the native agent, which
 * can, opens first and checks the opened file (native/src/trace_files.c).
 */
package dev.rewind.core.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

final class TraceFileOpener {
    /** The file-type bits of st_mode, and the types a message names. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private TraceFileOpener() {
    }

    /**
     * Opens {@code relative} ("events", "blobs/<hash>") inside {@code traceDir} for reading, or
     * empty when it does not exist. Each folder on the way must be a real folder, the file a
     * regular file; anything else is a TraceException naming the file and what it is.
     */
    static Optional<FileChannel> openIfPresent(Path traceDir, String relative) throws TraceException {
        Path file = traceDir;
        String[] parts = relative.split("/");
        for (int i = 0; i < parts.length; i++) {
            file = file.resolve(parts[i]);
            String shown = String.join("/", Arrays.copyOf(parts, i + 1));
            Optional<BasicFileAttributes> attrs = attributes(traceDir, file, shown);
            if (attrs.isEmpty()) {
                return Optional.empty();
            }
            boolean last = i == parts.length - 1;
            if (last ? !attrs.get().isRegularFile() : !attrs.get().isDirectory()) {
                throw new TraceException("trace file " + shown + " in " + traceDir + " is " + describe(file, attrs.get())
                        + (last ? ", not a regular file" : ", not a folder") + ": refused");
            }
        }
        try {
            return Optional.of(FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TraceException("cannot read trace file " + relative + " in " + traceDir + ": " + reason(e), e);
        }
    }

    /** Like {@link #openIfPresent}, but a missing file is the TraceException {@code missing}. */
    static FileChannel open(Path traceDir, String relative, String missing) throws TraceException {
        return openIfPresent(traceDir, relative).orElseThrow(() -> new TraceException(missing));
    }

    /**
     * The whole of a small file of the trace, refusing one larger than {@code maxBytes} before
     * reading it (a length on disk never decides an allocation by itself).
     */
    static byte[] readSmall(Path traceDir, String relative, int maxBytes, String missing) throws TraceException {
        return readSmallIfPresent(traceDir, relative, maxBytes).orElseThrow(() -> new TraceException(missing));
    }

    /** Like {@link #readSmall}, but empty when the file does not exist. */
    static Optional<byte[]> readSmallIfPresent(Path traceDir, String relative, int maxBytes) throws TraceException {
        Optional<FileChannel> opened = openIfPresent(traceDir, relative);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (FileChannel channel = opened.get()) {
            long size = channel.size();
            if (size > maxBytes) {
                throw new TraceException("trace file " + relative + " in " + traceDir + " is corrupted (" + size
                        + " bytes, at most " + maxBytes + " expected)");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining()) {
                if (channel.read(buf) < 0) {
                    break; // shrank while read: the bytes read are checked like any others
                }
            }
            byte[] bytes = new byte[buf.position()];
            buf.flip().get(bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new TraceException("cannot read trace file " + relative + " in " + traceDir + ": " + reason(e), e);
        }
    }

    /** Why an I/O operation failed, as a user reads it ("permission denied", "is a directory"). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static Optional<BasicFileAttributes> attributes(Path traceDir, Path file, String shown)
            throws TraceException {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TraceException("cannot read trace file " + shown + " in " + traceDir + ": " + reason(e), e);
        }
    }

    /** "a symbolic link", "a FIFO", "a folder"... for a message. */
    private static String describe(Path file, BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return "a symbolic link (links inside a trace are not followed)";
        }
        if (attrs.isDirectory()) {
            return "a folder";
        }
        if (attrs.isRegularFile()) {
            return "a regular file";
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
            return switch (mode) {
                case S_IFIFO -> "a FIFO";
                case S_IFCHR -> "a character device";
                case S_IFBLK -> "a block device";
                case S_IFSOCK -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException e) {
            return "a special file";
        }
    }
}
