/*
 * ExitStatus: the exit statuses of rewind, chosen like env(1) and shells do: the program's own
 * status when there is one, else 125 (rewind failed), 126 (cannot execute), 127 (not found), 2 (usage).
 */
package dev.rewind.cli;

import dev.rewind.core.model.WaitStatus;

final class ExitStatus {
    static final int OK = 0;
    static final int USAGE = 2;
    static final int REWIND_FAILED = 125;
    static final int CANNOT_EXECUTE = 126;
    static final int NOT_FOUND = 127;
    static final int INTERRUPTED = 128 + 2;

    private ExitStatus() {
    }

    /** The program's exit code, or 128 + N when signal N killed it. */
    static int of(WaitStatus status) {
        return status.shellStatus();
    }
}
