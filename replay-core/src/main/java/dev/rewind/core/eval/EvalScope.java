/*
 * EvalScope: what names mean where an expression is evaluated: the selected frame's parameters and
 * locals (with their block depths), the globals and statics of its compilation unit, and the
 * registers when the frame is the innermost one.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.Registers;
import dev.rewind.core.session.Variable;
import java.util.List;
import java.util.Optional;

public interface EvalScope {
    /** Parameters and locals of the frame, as the agent lists them (inner blocks have greater depth). */
    List<Variable> locals() throws AgentException;

    /** Globals and statics of the frame's compilation unit. */
    List<Variable> globals() throws AgentException;

    /** The registers, for the innermost frame only (empty for callers: we do not unwind them). */
    Optional<Registers> registers() throws AgentException;

    /**
     * What {@code name} stands for in the whole program when it is no local (a variable of any
     * compilation unit, a qualified C++ or Rust name, a function); empty when this scope cannot ask.
     */
    default Optional<dev.rewind.core.agent.SessionReply.Named> lookup(String name) throws AgentException {
        return Optional.empty();
    }

    /**
     * Calls function {@code name} of the program as {@code request} says, in a throwaway copy of the
     * current moment (the replay itself is untouched); empty when no function has that name.
     */
    default Optional<dev.rewind.core.session.CallResult> call(CallRequest request) throws AgentException {
        return Optional.empty();
    }

    /**
     * The memory of call world {@code world} (a CallResult's), with the types of {@code types}: what
     * the calls left, never the replay's memory.
     */
    default dev.rewind.core.values.ValueSource callWorld(int world, TypeTable types) {
        throw new UnsupportedOperationException("this scope makes no calls");
    }
}
