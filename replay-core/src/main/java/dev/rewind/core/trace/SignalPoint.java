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
 * @param stackHash     the hash of the stack window (native/src/signal_point.h)
 * @param stackReadable whether every byte of the window could be read
 * @param stack         the window's bytes from rsp-128 (zeros where unreadable); not copied
 * @param userCpuNanos  the user CPU time the thread had used when recorded (unsigned; an upper
 *                      bound of what it used since its previous event; not part of the fingerprint)
 */
public record SignalPoint(long[] registers, long stackHash, boolean stackReadable, byte[] stack, long userCpuNanos) {
    /** The largest stack window a trace may hold. */
    public static final int STACK_MAX = 4224;

    /** The index of rip in struct user_regs_struct. */
    static final int RIP = 16;

    public SignalPoint {
        Objects.requireNonNull(registers, "registers");
        if (registers.length != TraceFormat.GENERAL_REGISTER_COUNT) {
            throw new IllegalArgumentException("a signal point has " + TraceFormat.GENERAL_REGISTER_COUNT
                    + " registers, got " + registers.length);
        }
        Objects.requireNonNull(stack, "stack");
        if (stack.length > STACK_MAX) {
            throw new IllegalArgumentException("a signal point's stack window is at most " + STACK_MAX
                    + " bytes, got " + stack.length);
        }
    }

    /** A point whose recorded CPU time is unknown (0). */
    public SignalPoint(long[] registers, long stackHash, boolean stackReadable, byte[] stack) {
        this(registers, stackHash, stackReadable, stack, 0);
    }

    public RemoteAddress pc() {
        return RemoteAddress.of(registers[RIP]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignalPoint p && stackHash == p.stackHash && Arrays.equals(registers, p.registers)
                && stackReadable == p.stackReadable && Arrays.equals(stack, p.stack);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stackHash, Arrays.hashCode(registers), stackReadable, Arrays.hashCode(stack));
    }

    @Override
    public String toString() {
        return "SignalPoint[pc " + pc() + ", stack hash " + Long.toUnsignedString(stackHash, 16) + "]";
    }
}
