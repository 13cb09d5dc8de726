/*
 * MappedFile: which file an mmap event mapped while recording (its identity and path), as the
 * trailer of a SYSCALL event with a blob (docs/trace-format.md).
 */
package dev.rewind.core.trace;

import java.util.Objects;

/**
 * @param device st_dev of the file while recording
 * @param inode  st_ino of the file while recording
 * @param path   the file's path while recording (from /proc/PID/fd)
 */
public record MappedFile(long device, long inode, String path) {
    public MappedFile {
        Objects.requireNonNull(path, "path");
    }
}
