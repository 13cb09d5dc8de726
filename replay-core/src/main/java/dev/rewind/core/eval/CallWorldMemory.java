/*
 * CallWorldMemory: the ValueSource of a value a call produced: the program's types (and the
 * evaluator's made-up ones) from the TypeTable, memory from the call world the call ran in
 * (ReplaySession.readCallMemory), never from the replay. Once that world is gone (another
 * evaluation's call, or the replay moved) every read fails with the agent's reason instead of
 * showing the replay's bytes.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.values.ValueSource;
import java.util.Objects;

public final class CallWorldMemory implements ValueSource {
    private final ReplaySession session;
    private final int world;
    private final TypeTable types;

    public CallWorldMemory(ReplaySession session, int world, TypeTable types) {
        this.session = Objects.requireNonNull(session, "session");
        this.types = Objects.requireNonNull(types, "types");
        if (world == 0) {
            throw new IllegalArgumentException("call world 0 is no world");
        }
        this.world = world;
    }

    @Override
    public TypeInfo type(int id) throws AgentException {
        return types.type(id);
    }

    @Override
    public byte[] readMemory(RemoteAddress address, int length) throws AgentException {
        return session.readCallMemory(world, address, length);
    }

    /** Code is the program's: the same in the call world as in the replay. */
    @Override
    public java.util.Optional<String> functionAt(RemoteAddress address) throws AgentException {
        return types.functionAt(address);
    }

    /** Type facts are the program's; they do not depend on the memory they are read from. */
    @Override
    public dev.rewind.core.session.CxxFacts cxx(int id) throws AgentException {
        return types.cxx(id);
    }

    @Override
    public dev.rewind.core.session.RustVariants rust(int id) throws AgentException {
        return types.rust(id);
    }

    /**
     * The agent finds a dynamic class by reading the replay's memory, not the call world's: so none
     * is claimed here (the static type is shown), never one read from the wrong process.
     */
    @Override
    public java.util.Optional<dev.rewind.core.session.DynamicType> dynamicType(int id, RemoteAddress object) {
        return java.util.Optional.empty();
    }
}
