/*
 * InterruptShield: while a program is recorded or replayed in the foreground, Ctrl-C must reach
 * only the program (and the agent), not kill rewind's JVM. Installs a do-nothing SIGINT handler
 * (a caught signal, so the children still start with the default action) and restores the old one.
 */
package dev.rewind.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

final class InterruptShield implements AutoCloseable {
    private final SignalHandler previous;

    private InterruptShield(SignalHandler previous) {
        this.previous = previous;
    }

    static InterruptShield ignoreInterrupts() {
        SignalHandler previous;
        try {
            previous = Signal.handle(new Signal("INT"), signal -> { });
        } catch (IllegalArgumentException e) {
            previous = null; // SIGINT unavailable (e.g. -Xrs): nothing to shield
        }
        return new InterruptShield(previous);
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(new Signal("INT"), previous);
        }
    }
}
