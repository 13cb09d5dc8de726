/*
 * VariableHandles: the variablesReference numbers handed to the client for one stop: scopes and
 * expandable values. All are forgotten when the replay runs again (DAP says references are only
 * valid while the program is stopped); numbers are never reused, so a stale one is an error, not
 * another value.
 */
package dev.rewind.dap;

import dev.rewind.core.values.Expansion;
import dev.rewind.core.values.ValueFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class VariableHandles {
    /** What a reference stands for: a scope of a frame, or a value's children. */
    public sealed interface Target {
    }

    /** The frame's local variables (parameters are in ArgumentsOf). */
    public record LocalsOf(int frameIndex) implements Target {
    }

    /** The frame's function parameters. */
    public record ArgumentsOf(int frameIndex) implements Target {
    }

    public record GlobalsOf(int frameIndex) implements Target {
    }

    public record RegistersOf(int frameIndex) implements Target {
    }

    public record ChildrenOf(Expansion expansion) implements Target {
    }

    /**
     * A value's children read from the copy of the program an evaluation's calls ran in (its
     * formatter reads that copy, never the replay); their own children are CallChildrenOf too.
     */
    public record CallChildrenOf(Expansion expansion, ValueFormatter formatter) implements Target {
    }

    private final Map<Integer, Target> targets = new HashMap<>();
    private int next = 1;

    public int add(Target target) {
        int id = next++;
        targets.put(id, target);
        return id;
    }

    public Optional<Target> get(int reference) {
        return Optional.ofNullable(targets.get(reference));
    }

    /**
     * A new agent stands at the same stop (DebugContext.restartAgent): the scopes of its frames
     * stay valid, the references to values' children (which name the old agent's type ids) are void.
     */
    public void forgetValues() {
        targets.values().removeIf(t -> t instanceof ChildrenOf || t instanceof CallChildrenOf);
    }

    /** The replay moves on: every reference handed out so far is void. */
    public void clear() {
        targets.clear();
    }
}
