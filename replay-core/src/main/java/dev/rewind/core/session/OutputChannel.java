/*
 * OutputChannel: which of the program's streams a piece of recorded output was written to.
 */
package dev.rewind.core.session;

public enum OutputChannel {
    STDOUT(1),
    STDERR(2);

    /** The number on the wire. */
    public final int wire;

    OutputChannel(int wire) {
        this.wire = wire;
    }

    public static OutputChannel ofWire(int wire) {
        for (OutputChannel c : values()) {
            if (c.wire == wire) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown output stream " + wire);
    }
}
