/*
 * Location: where a variable's value is at the frame's pc: in memory (at its address), in a register
 * or computed (its bytes come with it), optimized out, or not available to us.
 */
package dev.rewind.core.session;

public enum Location {
    MEMORY(0),
    REGISTER(1),
    VALUE(2),
    OPTIMIZED_OUT(3),
    UNAVAILABLE(4);

    /** The number on the wire. */
    public final int wire;

    Location(int wire) {
        this.wire = wire;
    }

    public static Location ofWire(int wire) {
        for (Location l : values()) {
            if (l.wire == wire) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown variable location " + wire);
    }
}
