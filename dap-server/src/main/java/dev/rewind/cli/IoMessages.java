/*
 * IoMessages: an IOException as the one line a user should read ("PATH: No such file or
 * directory"), since Java's own messages for file errors are often just the path.
 */
package dev.rewind.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

final class IoMessages {
    private IoMessages() {
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
