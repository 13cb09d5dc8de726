/*
 * ExecEvent: a fresh address space after execve (also the program's start): the registers, the
 * signal dispositions that survive exec, and every region of memory with its content.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * @param path           executable as named in execve
 * @param registers      general registers at the execve stop
 * @param fpRegisters    struct user_fpregs_struct (FXSAVE layout, 512 bytes); not copied, do not modify
 * @param ignoredSignals mask of ignored signals (bit n-1 = signal n)
 * @param blockedSignals mask of blocked signals
 * @param regions        the address space, in address order
 */
public record ExecEvent(EventIndex index, String path, GeneralRegisters registers, byte[] fpRegisters,
                        long ignoredSignals, long blockedSignals, List<MemoryRegion> regions)
        implements TraceEvent {

    public ExecEvent {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(registers, "registers");
        Objects.requireNonNull(fpRegisters, "fpRegisters");
        if (fpRegisters.length != TraceFormat.FPREGS_SIZE) {
            throw new IllegalArgumentException("fp registers must be " + TraceFormat.FPREGS_SIZE
                    + " bytes, got " + fpRegisters.length);
        }
        regions = List.copyOf(regions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecEvent e && index.equals(e.index) && path.equals(e.path)
                && registers.equals(e.registers) && Arrays.equals(fpRegisters, e.fpRegisters)
                && ignoredSignals == e.ignoredSignals && blockedSignals == e.blockedSignals
                && regions.equals(e.regions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, path, registers, Arrays.hashCode(fpRegisters), ignoredSignals,
                blockedSignals, regions);
    }

    @Override
    public String toString() {
        return "ExecEvent[" + index + ", " + path + ", rip=" + registers.rip() + ", " + regions.size() + " regions]";
    }
}
