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
 *                    false when asynchronous, injected by replay right after the previous event
 * @param siginfo     the 128-byte siginfo_t; not copied, do not modify
 */
public record SignalEvent(EventIndex index, int signo, boolean synchronous, byte[] siginfo) implements TraceEvent {

    public SignalEvent {
        Objects.requireNonNull(index, "index");
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
                && synchronous == e.synchronous && Arrays.equals(siginfo, e.siginfo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, signo, synchronous, Arrays.hashCode(siginfo));
    }

    @Override
    public String toString() {
        return "SignalEvent[" + index + ", " + name() + (synchronous ? ", synchronous" : "") + "]";
    }
}
