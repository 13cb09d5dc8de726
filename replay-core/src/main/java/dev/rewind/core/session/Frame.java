/*
 * Frame: one call frame of the replayed process at a stop, innermost first (the agent's FRAMES).
 */
package dev.rewind.core.session;

import dev.rewind.core.model.RemoteAddress;
import java.util.Objects;

/**
 * @param pc           the frame's pc (for callers: the return address)
 * @param cfa          canonical frame address: the caller's stack pointer before the call; it
 *                     identifies the frame for as long as it lives
 * @param function     function name, empty when unknown
 * @param module       the executable or library the pc is in, empty when unknown
 * @param file         source file, empty without debug information
 * @param line         1-based source line, 0 when unknown
 * @param column       column, 0 when unknown
 * @param hasDebugInfo the function has DWARF debug information
 * @param inlined      a virtual frame of an inlined call: same pc and cfa as the frame after it, the
 *                     function the call was inlined into
 */
public record Frame(RemoteAddress pc, RemoteAddress cfa, String function, String module, String file, int line,
                   int column, boolean hasDebugInfo, boolean inlined) {
    public Frame {
        Objects.requireNonNull(pc, "pc");
        Objects.requireNonNull(cfa, "cfa");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0, got " + line + ":" + column);
        }
    }

    /** A frame that is not an inlined call's. */
    public Frame(RemoteAddress pc, RemoteAddress cfa, String function, String module, String file, int line,
                 int column, boolean hasDebugInfo) {
        this(pc, cfa, function, module, file, line, column, hasDebugInfo, false);
    }

    /** True when the frame's source line is known. */
    public boolean hasLine() {
        return line > 0 && !file.isEmpty();
    }
}
