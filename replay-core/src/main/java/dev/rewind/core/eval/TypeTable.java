/*
 * TypeTable: the program's types (from the agent, by id) plus the types expressions make up: C base
 * types ("unsigned long" for sizeof, "int" for a comparison), pointers (&x, casts, arrays decaying)
 * and char arrays (string literals). Made-up types get ids from FIRST_SYNTHETIC up, which the agent
 * never hands out, and live as long as the table, so a value's children can still be formatted
 * after the evaluation that made its type. A ValueFormatter over this table formats both kinds.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.CxxFacts;
import dev.rewind.core.session.DynamicType;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import dev.rewind.core.values.ValueSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class TypeTable implements ValueSource {
    /** The first id of a made-up type; the agent's ids are small and sequential. */
    public static final int FIRST_SYNTHETIC = 1 << 30;

    private final ValueSource program;
    private final Map<Integer, TypeInfo> made = new ConcurrentHashMap<>();
    private final Map<String, Integer> byKey = new ConcurrentHashMap<>();
    private final TypeIndex index;
    private int next = FIRST_SYNTHETIC;

    public TypeTable(ValueSource program) {
        this.program = Objects.requireNonNull(program, "program");
        this.index = new TypeIndex(this);
    }

    @Override
    public TypeInfo type(int id) throws AgentException {
        if (id >= FIRST_SYNTHETIC) {
            TypeInfo t = made.get(id);
            if (t == null) {
                throw new IllegalArgumentException("no made-up type " + id);
            }
            return t;
        }
        return program.type(id);
    }

    @Override
    public byte[] readMemory(RemoteAddress address, int length) throws AgentException {
        return program.readMemory(address, length);
    }

    @Override
    public java.util.Optional<String> functionAt(RemoteAddress address) throws AgentException {
        return program.functionAt(address);
    }

    /** C++ facts come from the program; made-up types have none. */
    @Override
    public CxxFacts cxx(int id) throws AgentException {
        return id >= FIRST_SYNTHETIC ? CxxFacts.none(id) : program.cxx(id);
    }

    /** Rust variant parts come from the program; made-up types have none. */
    @Override
    public dev.rewind.core.session.RustVariants rust(int id) throws AgentException {
        return id >= FIRST_SYNTHETIC ? dev.rewind.core.session.RustVariants.none(id) : program.rust(id);
    }

    @Override
    public Optional<DynamicType> dynamicType(int id, RemoteAddress object) throws AgentException {
        return id >= FIRST_SYNTHETIC ? Optional.empty() : program.dynamicType(id, object);
    }

    /** The id of a C base type. */
    public int base(BaseType b) {
        return make("base:" + b.name(), id -> new TypeInfo(id, b.kind, b.spelling, b.size, 0, 0, List.of(), List.of()));
    }

    /** The id of "pointer to {@code target}". */
    public int pointerTo(int target) {
        return make("ptr:" + target, id -> new TypeInfo(id, TypeKind.POINTER, "", 8, target, 0, List.of(), List.of()));
    }

    /** The id of "array of {@code count} {@code element}s" ({@code elementSize} bytes each). */
    public int arrayOf(int element, long elementSize, long count) {
        return make("array:" + element + ":" + count, id -> new TypeInfo(id, TypeKind.ARRAY, "", elementSize * count,
                element, count, List.of(), List.of()));
    }

    /** A made-up type of its own, made once per {@code key} by {@code maker} (given the new id). */
    int synthetic(String key, java.util.function.IntFunction<TypeInfo> maker) {
        return make("own:" + key, maker::apply);
    }

    /**
     * Forgets the program's types and the made-up types built on them: the agent that handed out
     * those ids is gone (ReplaySession.restartAgent), a new one numbers types afresh. Made-up ids
     * go on counting up, so an old one is never taken for a new one.
     */
    public synchronized void forgetProgramTypes() {
        made.clear();
        byKey.clear();
        index.forget();
    }

    TypeIndex index() {
        return index;
    }

    private interface Maker {
        TypeInfo make(int id);
    }

    private synchronized int make(String key, Maker maker) {
        Integer id = byKey.get(key);
        if (id != null) {
            return id;
        }
        int fresh = next++;
        made.put(fresh, maker.make(fresh));
        byKey.put(key, fresh);
        return fresh;
    }
}
