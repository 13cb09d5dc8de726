/*
 * Scope: which variables a VARIABLES query lists: the frame's parameters and locals, or the
 * globals and statics of the frame's compilation unit.
 */
package dev.rewind.core.session;

public enum Scope {
    LOCALS(0),
    GLOBALS(1);

    /** The number on the wire. */
    public final int wire;

    Scope(int wire) {
        this.wire = wire;
    }

    public static Scope ofWire(int wire) {
        for (Scope s : values()) {
            if (s.wire == wire) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope " + wire);
    }
}
