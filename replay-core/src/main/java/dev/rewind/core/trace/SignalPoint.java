/*
 * SignalPoint: where in user code an asynchronous signal arrived (trace format 3, SIGNAL place 2):
 * the fingerprint the replay stops at (native/src/signal_point.h): the general registers and a
 * hash of the top of the stack.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.RemoteAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * @param registers the 27 u64 of struct user_regs_struct at the interrupted point; not copied
 * @param stackHash the hash of the stack bytes around sp (the red zone and the frame's start)
 */
public record SignalPoint(long[] registers, long stackHash) {
    /** The index of rip in struct user_regs_struct. */
    static final int RIP = 16;

    public SignalPoint {
        Objects.requireNonNull(registers, "registers");
        if (registers.length != TraceFormat.GENERAL_REGISTER_COUNT) {
            throw new IllegalArgumentException("a signal point has " + TraceFormat.GENERAL_REGISTER_COUNT
                    + " registers, got " + registers.length);
        }
    }

    public RemoteAddress pc() {
        return RemoteAddress.of(registers[RIP]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignalPoint p && stackHash == p.stackHash && Arrays.equals(registers, p.registers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stackHash, Arrays.hashCode(registers));
    }

    @Override
    public String toString() {
        return "SignalPoint[pc " + pc() + ", stack hash " + Long.toUnsignedString(stackHash, 16) + "]";
    }
}
