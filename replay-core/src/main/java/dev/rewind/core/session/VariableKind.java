/*
 * VariableKind: what a variable of a VARIABLE_LIST is: a local, a parameter, or a global/static.
 */
package dev.rewind.core.session;

public enum VariableKind {
    LOCAL(0),
    PARAMETER(1),
    GLOBAL(2);

    /** The number on the wire. */
    public final int wire;

    VariableKind(int wire) {
        this.wire = wire;
    }

    public static VariableKind ofWire(int wire) {
        for (VariableKind k : values()) {
            if (k.wire == wire) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown variable kind " + wire);
    }
}
