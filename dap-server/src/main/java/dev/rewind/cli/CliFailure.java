/*
 * CliFailure: a command failed in a way the user can act on: Main prints "rewind: MESSAGE" (one
 * line, no stack trace) on stderr and exits with the status.
 */
package dev.rewind.cli;

final class CliFailure extends Exception {
    private final int exitStatus;

    CliFailure(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    CliFailure(String message, int exitStatus, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }
}
