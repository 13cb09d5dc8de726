/*
 * WaitStatus: how a process ended, in the raw encoding waitpid(2) reports (WIFEXITED/WIFSIGNALED),
 * as the trace's EXIT event and the agent's FINISHED message carry it.
 */
package dev.rewind.core.model;

public record WaitStatus(int raw) {

    public static WaitStatus exited(int code) {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("exit code must be 0..255, got " + code);
        }
        return new WaitStatus(code << 8);
    }

    public static WaitStatus killed(int signal) {
        if (signal < 1 || signal > 127) {
            throw new IllegalArgumentException("signal must be 1..127, got " + signal);
        }
        return new WaitStatus(signal);
    }

    /** WIFEXITED. */
    public boolean isExited() {
        return (raw & 0x7f) == 0;
    }

    /** WEXITSTATUS; meaningful only when {@link #isExited()}. */
    public int exitCode() {
        return (raw >> 8) & 0xff;
    }

    /** WIFSIGNALED. */
    public boolean isSignaled() {
        int sig = raw & 0x7f;
        return sig != 0 && sig != 0x7f;
    }

    /** WTERMSIG; meaningful only when {@link #isSignaled()}. */
    public int termSignal() {
        return raw & 0x7f;
    }

    /** WCOREDUMP. */
    public boolean coreDumped() {
        return isSignaled() && (raw & 0x80) != 0;
    }

    /** The status a shell reports for this ending: the exit code, or 128 + N when killed by signal N. */
    public int shellStatus() {
        if (isExited()) {
            return exitCode();
        }
        if (isSignaled()) {
            return 128 + termSignal();
        }
        return 128 + ((raw >> 8) & 0xff); // stopped: not an ending, but never report success
    }

    @Override
    public String toString() {
        if (isExited()) {
            return "exited with status " + exitCode();
        }
        if (isSignaled()) {
            return "killed by " + SignalNames.name(termSignal()) + (coreDumped() ? " (core dumped)" : "");
        }
        return String.format("wait status 0x%x", raw);
    }
}
