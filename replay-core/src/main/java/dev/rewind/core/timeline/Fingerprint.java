/*
 * Fingerprint: what tells one moment of the replay from another at the same pc when its hit count
 * is unknown (after a single step, say): all registers and the top of the stack (the red zone and
 * the innermost frames' locals, where a -O0 loop keeps its counters). Two moments with equal
 * fingerprints at the same pc within one event are taken to be the same; the first such is used.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Registers;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.trace.GeneralRegisters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

record Fingerprint(List<Long> general, byte[] fxsave, byte[] stack) {
    /** Bytes below the stack pointer (the red zone) and above it that are compared. */
    private static final int BELOW = 128;
    private static final int ABOVE = 4096;

    /** eflags bits that depend on how the stop came about (trap and resume flags), not on the program. */
    private static final long EFLAGS_STOP_BITS = 0x100 | 0x10000;

    Fingerprint {
        general = List.copyOf(general);
        fxsave = fxsave.clone();
        stack = stack.clone();
    }

    static Fingerprint of(ReplaySession session) throws AgentException {
        Registers regs = session.registers();
        long sp = regs.sp().value();
        RemoteAddress from = RemoteAddress.of(Long.compareUnsigned(sp, BELOW) > 0 ? sp - BELOW : 0);
        List<Long> general = new ArrayList<>(regs.general().values());
        int flags = GeneralRegisters.NAMES.indexOf("eflags");
        general.set(flags, general.get(flags) & ~EFLAGS_STOP_BITS);
        general.set(GeneralRegisters.NAMES.indexOf("orig_rax"), 0L); // a syscall stop's number, -1 elsewhere
        return new Fingerprint(general, regs.fxsave(), session.readMemory(from, BELOW + ABOVE));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && general.equals(f.general) && Arrays.equals(fxsave, f.fxsave)
                && Arrays.equals(stack, f.stack);
    }

    @Override
    public int hashCode() {
        return general.hashCode() * 31 + Arrays.hashCode(stack);
    }
}
