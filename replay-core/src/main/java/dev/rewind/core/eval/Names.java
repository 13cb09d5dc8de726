/*
 * Names: what a name in an expression stands for, in C's scope order: a local of the frame (the
 * innermost block's first), a parameter, a global or static of the compilation unit, then an enum
 * constant, then anything the whole program has by that name (ProgramNames: another unit's global,
 * a function); `$name` is a register of the innermost frame. Type names (casts, sizeof) resolve to C
 * base types, or to the struct/union/enum tags and typedefs reachable from the variables in scope
 * and the globals (TypeIndex), since the agent has no lookup of types by name.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Registers;
import dev.rewind.core.session.Variable;
import dev.rewind.core.session.VariableKind;
import dev.rewind.core.trace.GeneralRegisters;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class Names {
    /** Register aliases gdb users type. */
    private static final Map<String, String> ALIASES = Map.of("pc", "rip", "sp", "rsp", "fp", "rbp");
    /** Registers that hold addresses: typed void * so they show in hex. */
    private static final Set<String> ADDRESS_REGISTERS = Set.of("rip", "rsp", "rbp");

    private final TypeTable table;
    private final EvalScope scope;
    private final Conversions conv;
    private final ProgramNames program;
    private boolean learned;

    Names(TypeTable table, EvalScope scope, Conversions conv) {
        this.table = table;
        this.scope = scope;
        this.conv = conv;
        this.program = new ProgramNames(table, scope);
    }

    /** {@code name} (qualified or not) looked up in the whole program: a variable or a function. */
    Optional<Operand> inProgram(String name) throws EvalException, AgentException {
        return program.find(name);
    }

    Operand variable(String name) throws EvalException, AgentException {
        Optional<Variable> v = find(name);
        if (v.isPresent()) {
            return operand(v.get());
        }
        learnTypes();
        Optional<TypeIndex.EnumConstant> constant = table.index().enumerator(name);
        if (constant.isPresent()) {
            return conv.ofInteger(BigInteger.valueOf(constant.get().value()), constant.get().enumTypeId());
        }
        Optional<Operand> elsewhere = program.find(name);
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        throw new EvalException("no symbol '" + name + "' in this context");
    }

    /** The variable {@code name} in scope order: the deepest local, a parameter, then a global. */
    Optional<Variable> find(String name) throws AgentException {
        Optional<Variable> local = local(name);
        if (local.isPresent()) {
            return local;
        }
        return scope.globals().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The local or parameter {@code name} of the frame (the deepest block's first). */
    Optional<Variable> local(String name) throws AgentException {
        Variable best = null;
        for (Variable v : scope.locals()) {
            if (v.name().equals(name) && (best == null || v.depth() > best.depth()
                    || (v.depth() == best.depth() && v.kind() == VariableKind.LOCAL && best.kind() != VariableKind.LOCAL))) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The local or parameter {@code name} as an operand (optimized out ones refused), when there is one. */
    Optional<Operand> localOperand(String name) throws EvalException, AgentException {
        Optional<Variable> v = local(name);
        return v.isPresent() ? Optional.of(operand(v.get())) : Optional.empty();
    }

    /** The enum constants named {@code name} of the types learned so far. */
    java.util.List<TypeIndex.EnumConstant> enumerators(String name) throws AgentException {
        learnTypes();
        return table.index().enumerators(name);
    }

    /** A class, struct, union or enum named {@code name} (as C++ spells it, without keyword). */
    Optional<Integer> typeNamed(String name) throws AgentException {
        learnTypes();
        return table.index().typedef(name);
    }

    private static Operand operand(Variable v) throws EvalException {
        return switch (v.location()) {
            case MEMORY -> Operand.inMemory(v.typeId(), v.address());
            case REGISTER, VALUE -> Operand.computed(v.typeId(), v.bytes());
            case OPTIMIZED_OUT -> throw new EvalException("'" + v.name() + "' is optimized out here");
            case UNAVAILABLE -> throw new EvalException("the value of '" + v.name() + "' is not available here");
        };
    }

    Operand register(String name) throws EvalException, AgentException {
        String reg = ALIASES.getOrDefault(name, name);
        if (!GeneralRegisters.NAMES.contains(reg)) {
            throw new EvalException("no register named '$" + name + "'");
        }
        Optional<Registers> regs = scope.registers();
        if (regs.isEmpty()) {
            throw new EvalException("registers are known only in the innermost frame");
        }
        BigInteger v = new BigInteger(Long.toUnsignedString(regs.get().get(reg)));
        int type = ADDRESS_REGISTERS.contains(reg) ? table.pointerTo(0) : table.base(BaseType.UNSIGNED_LONG);
        return conv.ofInteger(v, type);
    }

    /** True when {@code name} is a typedef of the program and no variable in scope hides it. */
    boolean isTypedefName(String name) throws AgentException {
        if (find(name).isPresent()) {
            return false;
        }
        learnTypes();
        return table.index().typedef(name).isPresent();
    }

    /** The type id a cast or sizeof names. */
    int resolve(TypeSpec spec) throws EvalException, AgentException {
        int id;
        if (spec.base() instanceof TypeSpec.Builtin b) {
            id = b.type() == BaseType.VOID ? 0 : table.base(b.type());
        } else {
            learnTypes();
            Optional<Integer> found = spec.base() instanceof TypeSpec.Tagged
                    ? table.index().tagged(spec.baseSpelling())
                    : table.index().typedef(spec.baseSpelling());
            id = found.orElseThrow(() -> new EvalException("unknown type '" + spec.baseSpelling()
                    + "': types are found through the variables in scope and the globals, and no such type is among them"));
        }
        for (int i = 0; i < spec.pointers(); i++) {
            id = table.pointerTo(id);
        }
        return id;
    }

    /** Indexes the types of the variables in scope and of the globals (once per evaluator). */
    private void learnTypes() throws AgentException {
        if (learned) {
            return;
        }
        learned = true;
        List<Integer> roots = new ArrayList<>();
        scope.locals().forEach(v -> roots.add(v.typeId()));
        scope.globals().forEach(v -> roots.add(v.typeId()));
        table.index().learn(roots);
    }

    static RemoteAddress addressOf(BigInteger v) {
        return RemoteAddress.of(v.longValue());
    }
}
