/*
 * InterruptShield: while a program is recorded or replayed in the foreground, signals meant to
 * end it must end it cleanly instead of killing rewind's JVM and orphaning the agent.
 *  - SIGINT (Ctrl-C) reaches the program and the agent from the terminal: the JVM only ignores it
 *    (a caught signal, so the children still start with the default action).
 *  - SIGTERM and SIGHUP, which may have been sent to the JVM alone (`kill PID`), are noted and
 *    relayed to the agent (onSignal), which passes them on to the program (recording) or ends the
 *    replay; the command then exits with 128 + the signal's number (signalled()).
 * SIGQUIT is the JVM's own (thread dumps) and cannot be caught here. close() restores the old
 * handlers.
 */
package dev.rewind.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import sun.misc.Signal;
import sun.misc.SignalHandler;

final class InterruptShield implements AutoCloseable {
    private record Installed(Signal signal, SignalHandler previous) { }

    private final List<Installed> installed = new ArrayList<>();
    private volatile int signalled;
    private volatile Runnable relay;

    private InterruptShield() {
    }

    static InterruptShield ignoreInterrupts() {
        InterruptShield shield = new InterruptShield();
        shield.install("INT", signal -> { });
        SignalHandler relaying = signal -> shield.received(signal.getNumber());
        shield.install("TERM", relaying);
        shield.install("HUP", relaying);
        return shield;
    }

    private void install(String name, SignalHandler handler) {
        Signal signal = new Signal(name);
        try {
            installed.add(new Installed(signal, Signal.handle(signal, handler)));
        } catch (IllegalArgumentException e) {
            // unavailable (e.g. -Xrs, or ignored as under nohup): the signal keeps its old effect
        }
    }

    private void received(int number) {
        if (signalled == 0) {
            signalled = number;
        }
        Runnable r = relay;
        if (r != null) {
            r.run();
        }
    }

    /** Runs {@code r} for every TERM or HUP from now on, and at once if one came already. */
    void relayTo(Runnable r) {
        relay = r;
        if (signalled != 0) {
            r.run();
        }
    }

    /** The first TERM or HUP received while the shield was up, if any. */
    OptionalInt signalled() {
        return signalled == 0 ? OptionalInt.empty() : OptionalInt.of(signalled);
    }

    @Override
    public void close() {
        relay = null;
        for (Installed i : installed) {
            Signal.handle(i.signal(), i.previous());
        }
    }
}
