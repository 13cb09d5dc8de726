/*
 * OutputListener: receives the program's output: the recorded stdout/stderr bytes a replay passes
 * (OUTPUT messages), or what a program being recorded writes. Called on the thread that drives the
 * session (or reads the recording agent's pipes); must not call back into the session.
 */
package dev.rewind.core.session;

@FunctionalInterface
public interface OutputListener {
    OutputListener IGNORE = (channel, bytes) -> { };

    void output(OutputChannel channel, byte[] bytes);
}
