/*
 * ProgramNames: a name that is no local, no global of the frame's compilation unit and no enum
 * constant, looked up in the whole program by the agent (LOOKUP_NAME): a global of another unit, a
 * C++ namespace-scope variable or static member (`ns::inner::var`, `Account::count`), a Rust static
 * (`crate::module::STATIC`), or a function, which is a value as in C and gdb (`main` is
 * `{int (int, char **)} 0x401136 <main>`, `&main` a pointer to it). What cannot be a right answer
 * is refused: overloaded functions (which one is meant is not worked out), a variable without debug
 * information or without a location here.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.SessionReply;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.util.List;
import java.util.Optional;

final class ProgramNames {
    /** gdb's name for the type of a function the program has no debug information for. */
    static final String NO_DEBUG_FUNCTION = "<text variable, no debug info>";

    private final TypeTable table;
    private final EvalScope scope;

    ProgramNames(TypeTable table, EvalScope scope) {
        this.table = table;
        this.scope = scope;
    }

    /** The variable or function {@code name} names in the program; empty when nothing has the name. */
    Optional<Operand> find(String name) throws EvalException, AgentException {
        Optional<SessionReply.Named> found = scope.lookup(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SessionReply.Named n = found.get();
        return switch (n.kind()) {
            case NONE -> Optional.empty();
            case MEMORY -> {
                if (n.typeId() == 0) {
                    throw new EvalException("'" + name + "' has unknown type (the program has no debug information"
                            + " for it): cast it to its declared type, as in *(int *)&" + name);
                }
                yield Optional.of(Operand.inMemory(n.typeId(), n.address()));
            }
            case CONSTANT -> Optional.of(Operand.computed(n.typeId(), n.bytes()));
            case NO_LOCATION -> throw new EvalException("'" + name + "' has no location here (optimized out)");
            case FUNCTION -> Optional.of(function(name, n));
        };
    }

    private Operand function(String name, SessionReply.Named n) throws EvalException, AgentException {
        if (n.definitions() > 1) {
            throw new EvalException(name + " has " + n.definitions() + " definitions (overloads): naming one of"
                    + " them is not supported yet");
        }
        int type = n.typeId();
        if (type == 0) {
            type = noDebugFunction();
        } else if (table.type(type).kind() != TypeKind.FUNCTION) {
            throw new EvalException("the agent described " + name + " with a type that is not a function's");
        }
        return Operand.inMemory(type, n.address());
    }

    /** The type of a function without debug information: its result is taken as a long when called. */
    private int noDebugFunction() {
        return table.synthetic("function:nodebug", id -> new TypeInfo(id, TypeKind.FUNCTION, NO_DEBUG_FUNCTION, 0,
                table.base(BaseType.LONG), 0, List.of(), List.of()));
    }

    /** Whether {@code address} is a function's entry (not inside it): what a call through a pointer needs. */
    static boolean isEntry(Optional<String> symbol) {
        return symbol.isPresent() && !symbol.get().matches("(?s).*\\+\\d+");
    }
}
