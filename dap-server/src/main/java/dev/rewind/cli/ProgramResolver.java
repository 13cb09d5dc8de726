/*
 * ProgramResolver: finds the file a PROGRAM argument names, the way a shell does: a name without
 * '/' is searched in PATH; otherwise it is a path from the current folder. Failures carry the
 * shell's messages and statuses (127 not found, 126 not executable or a folder).
 */
package dev.rewind.cli;

import java.nio.file.Files;
import java.nio.file.Path;

final class ProgramResolver {
    /** PATH when the environment has none (as glibc's execvp). */
    static final String DEFAULT_PATH = "/bin:/usr/bin";

    private ProgramResolver() {
    }

    /** The absolute path of the program to run. */
    static Path resolve(String program, String pathVariable, Path cwd) throws CliFailure {
        if (program.isEmpty()) {
            throw notFound(program);
        }
        if (program.contains("/")) {
            Path p = cwd.resolve(program).normalize();
            check(program, p);
            return p;
        }
        String path = pathVariable == null ? DEFAULT_PATH : pathVariable;
        Path denied = null;
        for (String dir : path.split(":", -1)) {
            Path candidate = cwd.resolve(dir.isEmpty() ? "." : dir).resolve(program).normalize();
            if (Files.isRegularFile(candidate)) {
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
                if (denied == null) {
                    denied = candidate;
                }
            }
        }
        if (denied != null) {
            throw new CliFailure("cannot run '" + program + "': Permission denied", ExitStatus.CANNOT_EXECUTE);
        }
        throw notFound(program);
    }

    private static void check(String program, Path p) throws CliFailure {
        if (!Files.exists(p)) {
            throw notFound(program);
        }
        if (Files.isDirectory(p)) {
            throw new CliFailure("cannot run '" + program + "': Is a directory", ExitStatus.CANNOT_EXECUTE);
        }
        if (!Files.isExecutable(p)) {
            throw new CliFailure("cannot run '" + program + "': Permission denied", ExitStatus.CANNOT_EXECUTE);
        }
    }

    private static CliFailure notFound(String program) {
        return new CliFailure("cannot run '" + program + "': No such file or directory", ExitStatus.NOT_FOUND);
    }
}
