/*
 * CallResult: what calling one of the program's functions gave (ReplaySession.call): the integer/pointer result
 * (rax) or why the call failed, and the function's DWARF return type.
 */
package dev.rewind.core.session;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * @param ok the function returned
 * @param rax its integer/pointer result (valid when ok)
 * @param returnType the function's DWARF return type id (0 void); empty when it has no debug information
 * @param world the call world holding the memory the call left (ReplaySession.readCallMemory); 0 when not ok
 * @param error why the call failed (when not ok): a syscall it needs, a signal, a timeout
 */
public record CallResult(boolean ok, long rax, OptionalInt returnType, int world, String error) {
    public CallResult {
        Objects.requireNonNull(returnType, "returnType");
        Objects.requireNonNull(error, "error");
    }
}
