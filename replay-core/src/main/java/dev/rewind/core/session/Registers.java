/*
 * Registers: the replayed process's registers at the current stop: the 27 general registers
 * (struct user_regs_struct order) and the 512-byte FXSAVE area (x87, MXCSR, XMM0-15).
 */
package dev.rewind.core.session;

import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.trace.GeneralRegisters;
import java.util.Arrays;
import java.util.Objects;

public record Registers(GeneralRegisters general, byte[] fxsave) {
    public static final int FXSAVE_SIZE = 512;
    private static final int XMM_OFFSET = 160;

    public Registers {
        Objects.requireNonNull(general, "general");
        fxsave = fxsave.clone();
        if (fxsave.length != FXSAVE_SIZE) {
            throw new IllegalArgumentException("FXSAVE area must be " + FXSAVE_SIZE + " bytes, got " + fxsave.length);
        }
    }

    @Override
    public byte[] fxsave() {
        return fxsave.clone();
    }

    /** A general register by its user_regs_struct name ("rip", "rsp", "rax", ...). */
    public long get(String name) {
        return general.get(name);
    }

    public RemoteAddress pc() {
        return general.rip();
    }

    public RemoteAddress sp() {
        return general.rsp();
    }

    /** The 16 bytes of XMM register n (0..15). */
    public byte[] xmm(int n) {
        if (n < 0 || n > 15) {
            throw new IllegalArgumentException("no register xmm" + n);
        }
        return Arrays.copyOfRange(fxsave, XMM_OFFSET + 16 * n, XMM_OFFSET + 16 * n + 16);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Registers r && general.equals(r.general) && Arrays.equals(fxsave, r.fxsave);
    }

    @Override
    public int hashCode() {
        return general.hashCode() * 31 + Arrays.hashCode(fxsave);
    }

    @Override
    public String toString() {
        return "Registers[rip=" + pc() + ", rsp=" + sp() + "]";
    }
}
