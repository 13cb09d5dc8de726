/*
 * ResumeMode: how far RESUME runs the replay: until something stops it, or one instruction.
 */
package dev.rewind.core.session;

public enum ResumeMode {
    CONTINUE(0),
    STEP_INSN(1);

    /** The number on the wire. */
    public final int wire;

    ResumeMode(int wire) {
        this.wire = wire;
    }

    public static ResumeMode ofWire(int wire) {
        for (ResumeMode m : values()) {
            if (m.wire == wire) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown resume mode " + wire);
    }
}
