/*
 * IoMessages: an IOException as the one line a user should read ("PATH: No such file or
 * directory"), since Java's own messages for file errors are often just the path; and whether a
 * failure was a full disk.
 */
package dev.rewind.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Optional;

final class IoMessages {
    /**
     * How a full disk reads (strerror of ENOSPC and EDQUOT): Java's IOException carries no errno,
     * and the agent reports its own write errors as text, so the text is all there is to go by.
     */
    private static final List<String> NO_SPACE = List.of("No space left on device", "Disk quota exceeded");

    private IoMessages() {
    }

    /** The reason ("No space left on device") when {@code e} or one of its causes is a full disk. */
    static Optional<String> noSpaceLeft(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t instanceof IOException io ? describe(io) : t.getMessage();
            for (String reason : NO_SPACE) {
                if (message != null && message.contains(reason)) {
                    return Optional.of(reason);
                }
            }
        }
        return Optional.empty();
    }

    static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String file = f.getFile() == null ? "" : f.getFile() + ": ";
            if (f instanceof NoSuchFileException) {
                return file + "No such file or directory";
            }
            if (f instanceof AccessDeniedException) {
                return file + "Permission denied";
            }
            if (f instanceof FileAlreadyExistsException) {
                return file + "File exists";
            }
            if (f instanceof NotDirectoryException) {
                return file + "Not a directory";
            }
            if (f.getReason() != null) {
                return file + f.getReason();
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
