/*
 * UsageException: the command line is wrong (unknown command, bad option, missing argument).
 * Main prints the message and the usage on stderr and exits 2.
 */
package dev.rewind.cli;

final class UsageException extends Exception {
    private final String command;

    /** @param command the subcommand whose usage applies, or null for the general usage */
    UsageException(String message, String command) {
        super(message);
        this.command = command;
    }

    String command() {
        return command;
    }
}
