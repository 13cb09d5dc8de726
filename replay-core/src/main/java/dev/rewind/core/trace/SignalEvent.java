/*
 * SignalEvent: a signal delivered to the program, with its siginfo_t as delivered.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.model.SignalNames;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * @param signo       signal number, 1..64
 * @param synchronous true when raised by the instruction itself (a fault), reproduced by executing;
 *                    false when asynchronous
 * @param siginfo     the 128-byte siginfo_t; not copied, do not modify
 * @param point       for an asynchronous signal that arrived in user code, where (format 3); empty
 *                    for a fault and for one delivered right after the previous event (a syscall's
 *                    return or the delivery of the signal before it)
 */
public record SignalEvent(EventIndex index, int signo, boolean synchronous, byte[] siginfo,
        Optional<SignalPoint> point) implements TraceEvent {

    /** A fault, or an asynchronous signal right after the previous event. */
    public SignalEvent(EventIndex index, int signo, boolean synchronous, byte[] siginfo) {
        this(index, signo, synchronous, siginfo, Optional.empty());
    }

    public SignalEvent {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(point, "point");
        if (synchronous && point.isPresent()) {
            throw new IllegalArgumentException("a fault has no signal point");
        }
        if (signo < 1 || signo > 64) {
            throw new IllegalArgumentException("signal number must be 1..64, got " + signo);
        }
        Objects.requireNonNull(siginfo, "siginfo");
        if (siginfo.length != TraceFormat.SIGINFO_SIZE) {
            throw new IllegalArgumentException("siginfo must be " + TraceFormat.SIGINFO_SIZE + " bytes");
        }
    }

    public String name() {
        return SignalNames.name(signo);
    }

    /** si_code (the third int of siginfo_t). */
    public int siCode() {
        return ByteBuffer.wrap(siginfo).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    }

    /** si_addr, for the fault signals (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP). */
    public Optional<RemoteAddress> faultAddress() {
        return switch (signo) {
            case 4, 5, 7, 8, 11 -> Optional.of(RemoteAddress.of(
                    ByteBuffer.wrap(siginfo).order(ByteOrder.LITTLE_ENDIAN).getLong(16)));
            default -> Optional.empty();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignalEvent e && index.equals(e.index) && signo == e.signo
                && synchronous == e.synchronous && Arrays.equals(siginfo, e.siginfo) && point.equals(e.point);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, signo, synchronous, Arrays.hashCode(siginfo), point);
    }

    @Override
    public String toString() {
        return "SignalEvent[" + index + ", " + name() + (synchronous ? ", synchronous" : "")
                + point.map(p -> ", at pc " + p.pc()).orElse("") + "]";
    }
}
