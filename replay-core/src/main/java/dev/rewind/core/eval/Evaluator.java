/*
 * Evaluator: evaluates a C expression in a stopped replay's frame, without side effects on the
 * replay: nothing is written to it. Function calls run in a throwaway copy of the moment (a call
 * world), and from the first call on the evaluation reads that copy, so a call's result (and what
 * it points to) is what the call left. Values come from memory, from registers, or are computed; a
 * result can be formatted like a variable (ValueFormatter over the same TypeTable, or over the call
 * world: callFormatter), so a struct or pointer result expands.
 * Failures are EvalExceptions with one-line messages; AgentException means the agent itself failed.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Location;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import dev.rewind.core.session.Variable;
import dev.rewind.core.values.Placed;
import dev.rewind.core.values.Value;
import dev.rewind.core.values.ValueFormatter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

public final class Evaluator {
    /** Values up to this size are read whole before formatting (larger ones as the view pages them). */
    private static final int PRELOAD_LIMIT = 4096;

    private final CTypes types;
    private final Conversions conv;
    private final Operators ops;
    private final Access access;
    private final Names names;
    private final EvalScope scope;
    private final CxxRules cxx;
    private final CxxNames cxxNames;
    private final CxxContainers containers;
    private final RustContainers rustContainers;
    /** The call world of this evaluation's calls (0 before the first call). */
    private int world;
    /** Formats values read from that world; null before the first call. */
    private ValueFormatter callFormatter;

    public Evaluator(TypeTable table, EvalScope scope) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(scope, "scope");
        this.types = new CTypes(table);
        this.conv = new Conversions(types);
        this.ops = new Operators(types, conv);
        this.access = new Access(types, conv, ops);
        this.names = new Names(table, scope, conv);
        this.scope = scope;
        this.cxx = new CxxRules(types, conv);
        this.cxxNames = new CxxNames(types, conv, access, names);
        this.containers = new CxxContainers(types, conv, access);
        this.rustContainers = new RustContainers(types, conv, access);
    }

    /**
     * A call of the program's function by name, run by the agent in a throwaway copy of the current
     * moment (the evaluation's call world: its later calls run in the same copy, and from the first
     * call on the evaluation reads that copy's memory): integer and pointer arguments (arrays decay;
     * string literals are written into the copy), an integer or pointer result typed by the function's
     * return type (long when it has no debug information).
     */
    private Operand call(Expr.Call c) throws EvalException, AgentException {
        if (c.function() instanceof Expr.Member m) {
            Operand object = eval(m.base());
            object = m.arrow() ? access.dereference(object) : access.throughRustPointers(object);
            if (access.hasMember(object.typeId(), m.member())) {
                Operand member = access.member(object, m.member(), false);
                if (isCallable(member)) { // a function pointer member: ops->apply(2, 3)
                    return callThrough(member, c.arguments());
                }
            }
            return memberCall(object, m, c.arguments());
        }
        if (!(c.function() instanceof Expr.Name n) || names.find(n.name()).isPresent()
                || cxxNames.member(n.name()).isPresent()) {
            return callThrough(eval(c.function()), c.arguments()); // fp(3), (*fp)(3), table[i](x)
        }
        if (n.name().contains("::")) {
            throw new EvalException("calling member functions and functions in namespaces ('" + n.name()
                    + "') is not supported yet");
        }
        return invoke(n.name(), 0, arguments(c.arguments()), java.util.OptionalInt.empty());
    }

    private java.util.List<Operand> arguments(java.util.List<Expr> arguments) throws EvalException, AgentException {
        java.util.List<Operand> operands = new java.util.ArrayList<>();
        for (Expr a : arguments) {
            operands.add(eval(a));
        }
        return operands;
    }

    /** A function or a pointer to one. */
    private boolean isCallable(Operand o) throws AgentException {
        TypeInfo t = types.strip(o.typeId());
        return t.kind() == TypeKind.FUNCTION
                || CTypes.isPointer(t) && t.target() != 0 && types.strip(t.target()).kind() == TypeKind.FUNCTION;
    }

    /**
     * A call through {@code callee}, a function or a pointer to one: the function at its entry is
     * called (an address that is no function's entry is refused, never jumped to), and the result
     * has the return type the pointer's function type declares, as in C.
     */
    private Operand callThrough(Operand callee, java.util.List<Expr> arguments) throws EvalException, AgentException {
        TypeInfo t = types.strip(callee.typeId());
        long entry;
        TypeInfo function;
        if (t.kind() == TypeKind.FUNCTION && callee.address().isPresent()) {
            entry = callee.address().get().value();
            function = t;
        } else if (CTypes.isPointer(t) && t.target() != 0 && types.strip(t.target()).kind() == TypeKind.FUNCTION) {
            entry = conv.integer(callee).longValue();
            function = types.strip(t.target());
        } else {
            throw new EvalException("only functions and pointers to functions can be called (this is "
                    + types.name(callee.typeId()) + ")");
        }
        RemoteAddress at = RemoteAddress.of(entry);
        if (entry == 0) {
            throw new EvalException("the function pointer is null");
        }
        Optional<String> symbol = types.memory().functionAt(at);
        if (!ProgramNames.isEntry(symbol)) {
            throw new EvalException(at + " is not the start of a function the program's symbols know"
                    + symbol.map(s -> " (it is " + s + ")").orElse("") + ": not called");
        }
        return invoke(symbol.get(), entry, arguments(arguments), java.util.OptionalInt.of(function.target()));
    }

    /**
     * Calls function {@code name} (at {@code address}, or resolved by the agent when it is 0) with
     * {@code operands} as its arguments; the result has type {@code declaredReturn} when the caller
     * knows it (0: void), else the function's own return type.
     */
    private Operand invoke(String name, long address, java.util.List<Operand> operands,
            java.util.OptionalInt declaredReturn) throws EvalException, AgentException {
        if (operands.size() > 6) {
            throw new EvalException("calls with more than 6 arguments are not supported");
        }
        java.util.List<Long> args = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        int dataArguments = 0;
        for (Operand operand : operands) {
            Operand v = operand;
            if (v.address().isEmpty() && types.strip(v.typeId()).kind() == TypeKind.ARRAY) {
                // a literal the evaluator made: it goes into the call's copy of the program
                byte[] bytes = v.at().load(types.memory(), (int) types.sizeOf(v.typeId()));
                while (data.size() % 16 != 0) {
                    data.write(0);
                }
                dataArguments |= 1 << args.size();
                args.add((long) data.size());
                data.writeBytes(bytes);
                continue;
            }
            v = conv.decay(v);
            TypeInfo t = types.strip(v.typeId());
            if (!CTypes.isInteger(t) && !CTypes.isPointer(t)) {
                throw new EvalException("only integer and pointer arguments can be passed to a call");
            }
            args.add(conv.integer(v).longValue());
        }
        if (data.size() > dev.rewind.core.agent.SessionRequest.Call.MAX_CALL_DATA) {
            throw new EvalException("the call's literal arguments are too long (at most "
                    + dev.rewind.core.agent.SessionRequest.Call.MAX_CALL_DATA + " bytes)");
        }
        Optional<dev.rewind.core.session.CallResult> result =
                scope.call(new CallRequest(name, address, world, args, dataArguments, data.toByteArray()));
        if (result.isEmpty()) {
            throw new EvalException("no function '" + name + "' in the program");
        }
        dev.rewind.core.session.CallResult r = result.get();
        if (!r.ok()) {
            throw new EvalException(r.error());
        }
        if (r.world() != world) {
            world = r.world();
            types.readFrom(scope.callWorld(world, types.table()));
            callFormatter = new ValueFormatter(types.memory());
        }
        if (declaredReturn.isEmpty() && r.returnType().isEmpty()) {
            return conv.ofBase(java.math.BigInteger.valueOf(r.rax()), BaseType.LONG);
        }
        int id = declaredReturn.isPresent() ? declaredReturn.getAsInt() : r.returnType().getAsInt();
        if (id == 0) {
            throw new EvalException(name + " returned (its result type is void)");
        }
        TypeInfo t = types.strip(id);
        if (!CTypes.isInteger(t) && !CTypes.isPointer(t)) {
            throw new EvalException("calling functions that return " + (t.name().isEmpty() ? "this type" : t.name())
                    + " is not supported yet");
        }
        int size = (int) Math.min(8, Math.max(1, types.sizeOf(id)));
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (r.rax() >>> (8 * i));
        }
        return Operand.computed(id, bytes);
    }

    /**
     * The formatter of values read from the world the evaluation's calls ran in (its memory, not the
     * replay's); empty when the evaluation made no call. Expansions of such values must use it.
     */
    public Optional<ValueFormatter> callFormatter() {
        return Optional.ofNullable(callFormatter);
    }

    /** An expression as messages quote it: stripped, at most 80 characters. */
    private static String shown(String text) {
        String t = text.strip();
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }

    /** Thrown through the parser's type-name predicate, which cannot throw checked exceptions. */
    private static final class AgentFailure extends RuntimeException {
        AgentFailure(AgentException cause) {
            super(cause);
        }
    }

    /** Parses {@code text} in this scope (its typedef names known) and evaluates it. */
    public Operand evaluate(String text) throws EvalException, AgentException {
        try {
            Expr e = Parser.parse(text, name -> {
                try {
                    return names.isTypedefName(name);
                } catch (AgentException a) {
                    throw new AgentFailure(a);
                }
            });
            return eval(e);
        } catch (AgentFailure f) {
            throw (AgentException) f.getCause();
        } catch (IllegalArgumentException | ArithmeticException e) {
            // An address that wraps past 2^64, a count too large for the JVM: the expression's fault.
            throw new EvalException("cannot evaluate '" + shown(text) + "': " + e.getMessage());
        }
    }

    /**
     * {@code text} evaluated and shown as a variables view shows it (see present); a lone name of a
     * variable that is optimized out or unavailable here shows as such, as in the variables view.
     */
    public Value show(String text, ValueFormatter formatter) throws EvalException, AgentException {
        String name = text.strip();
        if (Lexer.isIdentifier(name)) {
            Optional<Variable> v = names.find(name);
            if (v.isPresent() && (v.get().location() == Location.OPTIMIZED_OUT
                    || v.get().location() == Location.UNAVAILABLE)) {
                return formatter.ofVariable(v.get());
            }
        }
        return present(name, evaluate(name), formatter);
    }

    /** Bytes in the program's memory: what a data breakpoint watches. */
    public record Memory(RemoteAddress address, long size) {
    }

    /** The memory {@code text} designates (an lvalue in memory), or why it has none. */
    public Memory lvalue(String text) throws EvalException, AgentException {
        Operand o = evaluate(text);
        Optional<RemoteAddress> at = o.address();
        if (at.isEmpty()) {
            throw new EvalException("'" + shown(text) + "' is not in memory (a register, a computed value, or "
                    + "optimized out)");
        }
        long size = types.sizeOf(o.typeId());
        if (size <= 0) {
            throw new EvalException("'" + shown(text) + "' has no size");
        }
        return new Memory(at.get(), size);
    }

    /** The size of type {@code typeId} in bytes (typedefs and qualifiers seen through). */
    public long sizeOf(int typeId) throws AgentException {
        return types.sizeOf(typeId);
    }

    /** The type of member {@code name} of struct or union {@code typeId}; empty for none or a bitfield. */
    public Optional<Integer> memberType(int typeId, String name) throws AgentException {
        for (TypeInfo.Member m : types.strip(typeId).members()) {
            if (m.name().equals(name) && m.bitSize() == 0) {
                return Optional.of(m.typeId());
            }
        }
        return Optional.empty();
    }

    /** C's truth of a scalar result: not zero. */
    public boolean isTrue(Operand o) throws EvalException, AgentException {
        return conv.truth(o);
    }

    /**
     * The result as a variables view shows it, named {@code name}; values in memory are read first,
     * so an unreadable address is an error ("cannot read memory at 0x0"), not a display.
     */
    public Value present(String name, Operand o, ValueFormatter formatter) throws EvalException, AgentException {
        TypeInfo t = types.strip(o.typeId());
        long size = types.sizeOf(o.typeId());
        Placed at = o.at();
        Optional<RemoteAddress> address = o.address();
        if (address.isPresent() && size > 0 && t.kind() != TypeKind.FUNCTION) {
            int want = (int) Math.min(size, PRELOAD_LIMIT);
            byte[] bytes = at.load(types.memory(), want);
            if (bytes.length == 0) {
                throw new EvalException("cannot read memory at " + address.get());
            }
            at = Placed.read(address.get(), bytes);
        }
        return (callFormatter != null ? callFormatter : formatter).format(name, o.typeId(), at);
    }

    /** The value of {@code e}; a C++ reference is its referent. */
    private Operand eval(Expr e) throws EvalException, AgentException {
        return cxx.referent(evalOperand(e));
    }

    private Operand evalOperand(Expr e) throws EvalException, AgentException {
        if (e instanceof Expr.Name n) {
            return name(n.name());
        }
        if (e instanceof Expr.Register r) {
            return names.register(r.name());
        }
        if (e instanceof Expr.IntLiteral i) {
            return conv.ofBase(i.value(), i.type());
        }
        if (e instanceof Expr.FloatLiteral f) {
            return conv.ofDouble(f.value(), types.table().base(f.type()));
        }
        if (e instanceof Expr.StringLiteral s) {
            byte[] text = s.text().getBytes(StandardCharsets.ISO_8859_1);
            byte[] bytes = new byte[text.length + 1];
            System.arraycopy(text, 0, bytes, 0, text.length);
            int array = types.table().arrayOf(types.table().base(BaseType.CHAR), 1, bytes.length);
            return Operand.computed(array, bytes);
        }
        if (e instanceof Expr.Member m) {
            return access.member(eval(m.base()), m.member(), m.arrow());
        }
        if (e instanceof Expr.Index x) {
            Operand base = eval(x.base());
            Operand index = eval(x.index());
            Optional<Operand> element = containers.index(base, index);
            if (element.isEmpty()) {
                element = rustContainers.index(base, index);
            }
            return element.isPresent() ? element.get() : access.index(base, index);
        }
        if (e instanceof Expr.Call c) {
            return call(c);
        }
        if (e instanceof Expr.Unary u) {
            return unary(u);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b);
        }
        if (e instanceof Expr.Conditional c) {
            return conditional(c);
        }
        if (e instanceof Expr.Cast c) {
            return cxx.cast(eval(c.operand()), names.resolve(c.type()));
        }
        if (e instanceof Expr.NamedCast c) {
            return namedCast(c);
        }
        if (e instanceof Expr.SizeofExpr s) {
            return sizeOf(eval(s.operand()).typeId(), "the expression");
        }
        Expr.SizeofType s = (Expr.SizeofType) e;
        return sizeOf(names.resolve(s.type()), s.type().toString());
    }

    /** A name: a local, a member of *this (in a method), a global, an enumerator; or a qualified name. */
    private Operand name(String name) throws EvalException, AgentException {
        if (name.contains("::")) {
            return cxxNames.qualified(name);
        }
        Optional<Operand> member = cxxNames.member(name);
        return member.isPresent() ? member.get() : names.variable(name);
    }

    /**
     * {@code object.method(args)}: a libstdc++ container's size(), at() ... read through its formatter;
     * calling other member functions is refused.
     */
    private Operand memberCall(Operand object, Expr.Member m, java.util.List<Expr> arguments)
            throws EvalException, AgentException {
        java.util.List<Operand> args = new java.util.ArrayList<>();
        for (Expr a : arguments) {
            args.add(eval(a));
        }
        Optional<Operand> result = containers.method(object, m.member(), args);
        if (result.isEmpty()) {
            result = rustContainers.method(object, m.member(), args);
        }
        if (result.isPresent()) {
            return result.get();
        }
        Optional<String> family = containers.family(object);
        if (family.isPresent()) {
            throw new EvalException(family.get() + "::" + m.member() + " with " + args.size() + " argument(s) is"
                    + " not supported (size, length, empty and at are)");
        }
        String method = cxx.methodOf(object, m.member());
        args.add(0, access.addressOf(object));
        try {
            return invoke(method, 0, args, java.util.OptionalInt.empty());
        } catch (EvalException e) {
            if (e.getMessage().startsWith("no function '")) {
                throw new EvalException("no function " + method + " in the program: it was never emitted (or"
                        + " inlined everywhere), or it is inherited (bases are not searched yet)");
            }
            throw e;
        }
    }

    private Operand namedCast(Expr.NamedCast c) throws EvalException, AgentException {
        int target = names.resolve(c.type());
        Operand operand = eval(c.operand());
        return switch (c.keyword()) {
            case "static_cast" -> cxx.cast(operand, target);
            case "reinterpret_cast", "const_cast" -> conv.convert(operand, target);
            default -> throw new EvalException(c.keyword() + " is not supported: it needs the object's dynamic"
                    + " type checked at run time");
        };
    }

    private Operand unary(Expr.Unary u) throws EvalException, AgentException {
        Operand operand = eval(u.operand());
        return switch (u.op()) {
            case DEREFERENCE -> access.dereference(operand);
            case ADDRESS_OF -> access.addressOf(operand);
            default -> ops.unary(u.op(), operand);
        };
    }

    private Operand binary(Expr.Binary b) throws EvalException, AgentException {
        if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
            boolean left = conv.truth(eval(b.left()));
            boolean result;
            if (b.op() == Expr.BinaryOp.AND) {
                result = left && conv.truth(eval(b.right()));
            } else {
                result = left || conv.truth(eval(b.right()));
            }
            return conv.ofBase(result ? BigInteger.ONE : BigInteger.ZERO, BaseType.INT);
        }
        return ops.binary(b.op(), eval(b.left()), eval(b.right()));
    }

    /**
     * Only the chosen branch must evaluate; the other is tried for its type (reading, never
     * writing), so that two arithmetic branches get their common type as in C.
     */
    private Operand conditional(Expr.Conditional c) throws EvalException, AgentException {
        boolean which = conv.truth(eval(c.condition()));
        Operand chosen = eval(which ? c.ifTrue() : c.ifFalse());
        Operand other;
        try {
            other = eval(which ? c.ifFalse() : c.ifTrue());
        } catch (EvalException ignored) {
            return chosen; // the branch not taken need not be valid here (a null pointer it would follow, say)
        }
        if (CTypes.isArithmetic(types.strip(chosen.typeId())) && CTypes.isArithmetic(types.strip(other.typeId()))) {
            return conv.convert(chosen, conv.common(chosen.typeId(), other.typeId()));
        }
        return chosen;
    }

    private Operand sizeOf(int typeId, String what) throws EvalException, AgentException {
        TypeInfo t = types.strip(typeId);
        long size = t.kind() == TypeKind.VOID ? 1 : types.sizeOf(typeId);
        if (t.kind() == TypeKind.FUNCTION) {
            throw new EvalException("sizeof cannot be applied to a function");
        }
        if (size == 0 && t.kind() != TypeKind.VOID && t.kind() != TypeKind.ARRAY) {
            throw new EvalException("the size of " + types.name(typeId) + " (" + what + ") is unknown:"
                    + " it is an incomplete type");
        }
        return conv.ofBase(BigInteger.valueOf(size), BaseType.UNSIGNED_LONG);
    }
}
