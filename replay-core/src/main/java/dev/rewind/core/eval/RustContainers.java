/*
 * RustContainers: Rust's std collections in expressions, read through the formatters that show
 * them (no call into the program): `x.len()` and `x.is_empty()` for String and &str (bytes), Vec
 * and slices (elements), HashMap, HashSet, BTreeMap and BTreeSet (entries); `v[i]` for Vec and
 * slices. References and Boxes in front are gone through, as Rust's auto-deref does.
 *
 * Invariants: an element is the formatter's child at that index (its address) typed by the
 * collection's element type; an index outside it is an error (Rust panics there), never a read
 * past its end; a collection whose layout is not the expected one is an error.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.values.Expansion;
import dev.rewind.core.values.Value;
import dev.rewind.core.values.ValueFormatter;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

final class RustContainers {
    private static final Set<String> COUNTED = Set.of("HashMap", "HashSet", "BTreeMap", "BTreeSet");
    private static final Set<String> SEQUENCES = Set.of("Vec", "slice");
    private static final Set<String> MEASURED = Set.of("String", "&str", "Vec", "slice");

    private final CTypes types;
    private final Conversions conv;
    private final Access access;

    RustContainers(CTypes types, Conversions conv, Access access) {
        this.types = types;
        this.conv = conv;
        this.access = access;
    }

    /** {@code object.len()} or {@code object.is_empty()}; empty when object is no such collection. */
    Optional<Operand> method(Operand object, String method, List<Operand> args) throws EvalException, AgentException {
        Operand o = access.throughRustPointers(object);
        Optional<String> family = family(o);
        if (family.isEmpty() || !args.isEmpty() || !(method.equals("len") || method.equals("is_empty"))) {
            return Optional.empty();
        }
        long n = length(o, family.get());
        return Optional.of(method.equals("len") ? conv.ofBase(BigInteger.valueOf(n), BaseType.UNSIGNED_LONG)
                : conv.ofBase(n == 0 ? BigInteger.ONE : BigInteger.ZERO, BaseType.BOOL));
    }

    /** {@code object[i]} for a Vec or slice; empty when object is neither. */
    Optional<Operand> index(Operand object, Operand key) throws EvalException, AgentException {
        Operand o = access.throughRustPointers(object);
        Optional<String> family = family(o);
        if (family.isEmpty() || !SEQUENCES.contains(family.get())) {
            return Optional.empty();
        }
        if (!CTypes.isInteger(types.strip(key.typeId()))) {
            throw new EvalException("a " + family.get() + " index must be an integer, not " + types.name(key.typeId()));
        }
        BigInteger i = conv.integer(key);
        long n = length(o, family.get());
        if (i.signum() < 0 || i.compareTo(BigInteger.valueOf(n)) >= 0) {
            throw new EvalException("index out of bounds: the len is " + n + " but the index is " + i);
        }
        Optional<Integer> element = formatter().rustElementType(family.get(), o.typeId());
        if (element.isEmpty()) {
            throw new EvalException("the element type of " + types.name(o.typeId()) + " is not known");
        }
        Value shown = shown(o, family.get());
        List<Value> child = formatter().children(shown.expansion().orElseThrow(), ValueFormatter.Filter.INDEXED,
                i.longValue(), 1);
        if (child.size() != 1 || child.get(0).address().isEmpty()) {
            throw new EvalException("element " + i + " of the " + family.get() + " cannot be read");
        }
        return Optional.of(Operand.inMemory(element.get(), child.get(0).address().get()));
    }

    private Optional<String> family(Operand o) throws AgentException {
        TypeInfo t = types.strip(o.typeId());
        return CTypes.isAggregate(t) ? formatter().rustFamily(o.typeId()) : Optional.empty();
    }

    private long length(Operand o, String family) throws EvalException, AgentException {
        if (COUNTED.contains(family)) {
            return shown(o, family).expansion().map(Expansion::indexedCount).orElse(0L);
        }
        OptionalLong n = MEASURED.contains(family) ? formatter().rustLength(family, o.typeId(), o.at())
                : OptionalLong.empty();
        if (n.isEmpty()) {
            throw new EvalException("the length of this " + family + " cannot be read (its layout is not the"
                    + " expected one)");
        }
        return n.getAsLong();
    }

    /** The collection as its formatter shows it; a damaged one is an error. */
    private Value shown(Operand o, String family) throws EvalException, AgentException {
        Value v = formatter().format("", o.typeId(), o.at());
        if (v.display().startsWith("<invalid")) {
            throw new EvalException("the " + family + " is damaged: " + v.display());
        }
        return v;
    }

    private ValueFormatter formatter() {
        return new ValueFormatter(types.memory());
    }
}
