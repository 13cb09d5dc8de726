/*
 * SessionScope: the EvalScope of one frame of a stopped ReplaySession; each list is asked of the
 * agent once, when first needed (a condition that names only locals never lists the globals).
 * The agent knows a frame only once the stack was listed down to it at this stop
 * (ReplaySession.stack): the caller sees to that.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.Registers;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Scope;
import dev.rewind.core.session.Variable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

public final class SessionScope implements EvalScope {
    private final ReplaySession session;
    private final int frameIndex;
    private final int thread;
    private List<Variable> locals;
    private List<Variable> globals;
    private Optional<Registers> registers;

    /** @param frameIndex 0 for the innermost frame */
    public SessionScope(ReplaySession session, int frameIndex) {
        this(session, frameIndex, 0);
    }

    /**
     * A frame of thread {@code thread} (a recorded tid; 0: the thread that moves now), whose stack
     * the session listed last (ReplaySession.stackOf).
     */
    public SessionScope(ReplaySession session, int frameIndex, int thread) {
        this.session = Objects.requireNonNull(session, "session");
        if (frameIndex < 0) {
            throw new IllegalArgumentException("negative frame index " + frameIndex);
        }
        this.frameIndex = frameIndex;
        this.thread = thread;
    }

    @Override
    public List<Variable> locals() throws AgentException {
        if (locals == null) {
            locals = session.variables(frameIndex, Scope.LOCALS);
        }
        return locals;
    }

    @Override
    public List<Variable> globals() throws AgentException {
        if (globals == null) {
            globals = session.variables(frameIndex, Scope.GLOBALS);
        }
        return globals;
    }

    @Override
    public Optional<dev.rewind.core.agent.SessionReply.Named> lookup(String name) throws AgentException {
        return Optional.of(session.lookupName(name));
    }

    @Override
    public Optional<dev.rewind.core.session.CallResult> call(CallRequest request) throws AgentException {
        if (request.address() != 0) { // through a pointer: the evaluator checked it is a function's entry
            return Optional.of(session.call(dev.rewind.core.model.RemoteAddress.of(request.address()), request.name(),
                    request.world(), request.arguments(), request.dataArguments(), request.data()));
        }
        List<dev.rewind.core.model.RemoteAddress> addresses;
        try {
            addresses = session.functionAddresses(request.name());
        } catch (AgentException e) {
            if (e.code() == dev.rewind.core.agent.AgentErrorCode.NOT_AVAILABLE) {
                return Optional.empty();
            }
            throw e;
        }
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        if (request.name().contains("::") && addresses.size() > 1) {
            // overloads (or one name in several scopes): which one the arguments select is not worked out
            return Optional.of(new dev.rewind.core.session.CallResult(false, 0, java.util.OptionalInt.empty(), 0,
                    request.name() + " has " + addresses.size() + " definitions (overloads): calling one of them"
                            + " is not supported yet"));
        }
        // the agent maps an address inside the function to its entry
        return Optional.of(session.call(addresses.get(0), request.name(), request.world(), request.arguments(),
                request.dataArguments(), request.data()));
    }

    @Override
    public dev.rewind.core.values.ValueSource callWorld(int world, TypeTable types) {
        return new CallWorldMemory(session, world, types);
    }

    @Override
    public Optional<Registers> registers() throws AgentException {
        if (registers == null) {
            registers = frameIndex == 0 ? Optional.of(session.registersOf(thread)) : Optional.empty();
        }
        return registers;
    }
}
