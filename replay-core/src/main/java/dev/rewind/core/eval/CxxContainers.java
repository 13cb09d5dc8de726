/*
 * CxxContainers: libstdc++ containers in expressions, read through the same formatters that show
 * them (no call into the program, so it works where size() or operator[] were inlined away):
 * `c.size()`, `c.length()` and `c.empty()`, `v[i]` and `v.at(i)` for the sequences (vector, array,
 * deque, list, forward_list, vector<bool>, the strings and string views), `m[k]` and `m.at(k)` for map and unordered_map.
 *
 * Invariants: an element is the formatter's child at that index (its address) typed by the
 * container's template argument; an index outside the container and a key it does not hold are
 * errors (operator[] on a map would insert: a replay is never changed, so a missing key is
 * reported). A key is matched by how the formatter shows it, so only keys whose display is exact
 * (integers, enums, pointers, strings shown whole) are accepted. A damaged container is an error.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import dev.rewind.core.values.Expansion;
import dev.rewind.core.values.Value;
import dev.rewind.core.values.ValueFormatter;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class CxxContainers {
    private static final Set<String> SEQUENCES = Set.of("std::vector", "std::array", "std::deque", "std::list",
            "std::forward_list");
    private static final Set<String> STRINGS = Set.of("std::string", "std::string_view", "std::wstring",
            "std::wstring_view");
    private static final Set<String> MAPS = Set.of("std::map", "std::unordered_map");
    private static final Set<String> SIZED = Set.of("std::vector", "std::array", "std::deque", "std::list",
            "std::forward_list", "std::map", "std::set", "std::unordered_map", "std::unordered_set");
    /** Children fetched at a time while looking a key up. */
    private static final int PAGE = 1024;

    private final CTypes types;
    private final Conversions conv;
    private final Access access;

    CxxContainers(CTypes types, Conversions conv, Access access) {
        this.types = types;
        this.conv = conv;
        this.access = access;
    }

    /** The formatter family of {@code o}'s type, when it is a libstdc++ class one applies to. */
    Optional<String> family(Operand o) throws AgentException {
        TypeInfo t = types.strip(o.typeId());
        if (t.kind() != TypeKind.STRUCT) {
            return Optional.empty();
        }
        return formatter().libraryFamily(o.typeId());
    }

    /** {@code object.method(args)} for the methods above; empty when {@code object} is no such container. */
    Optional<Operand> method(Operand object, String method, List<Operand> args) throws EvalException, AgentException {
        Optional<String> family = family(object);
        if (family.isEmpty()) {
            return Optional.empty();
        }
        String f = family.get();
        boolean sized = SIZED.contains(f) || STRINGS.contains(f);
        switch (method) {
            case "size", "length", "empty" -> {
                if (!sized || !args.isEmpty() || (method.equals("length") && !STRINGS.contains(f))) {
                    return Optional.empty();
                }
                long n = size(object, f);
                return Optional.of(method.equals("empty")
                        ? conv.ofBase(n == 0 ? BigInteger.ONE : BigInteger.ZERO, BaseType.BOOL)
                        : conv.ofBase(BigInteger.valueOf(n), BaseType.UNSIGNED_LONG));
            }
            case "at" -> {
                if (args.size() != 1) {
                    return Optional.empty();
                }
                return index(object, args.get(0));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** {@code object[key]}; empty when {@code object} is not a container that can be indexed. */
    Optional<Operand> index(Operand object, Operand key) throws EvalException, AgentException {
        Optional<String> family = family(object);
        if (family.isEmpty()) {
            return Optional.empty();
        }
        String f = family.get();
        if (SEQUENCES.contains(f) || STRINGS.contains(f)) {
            TypeInfo k = types.strip(key.typeId());
            if (!CTypes.isInteger(k)) {
                throw new EvalException("a " + f + " index must be an integer, not " + types.name(key.typeId()));
            }
            BigInteger i = conv.integer(key);
            long n = size(object, f);
            if (i.signum() < 0 || i.compareTo(BigInteger.valueOf(n)) >= 0) {
                throw new EvalException("index " + i + " is outside the " + f + " of " + n + " elements");
            }
            return Optional.of(STRINGS.contains(f) ? character(object, i.longValue()) : element(object, f, i.longValue()));
        }
        if (MAPS.contains(f)) {
            if (types.strip(object.typeId()).name().contains("multimap<")) {
                throw new EvalException("a multimap has no [] or at(): several values may have one key");
            }
            return Optional.of(lookup(object, f, key));
        }
        return Optional.empty();
    }

    private ValueFormatter formatter() {
        return new ValueFormatter(types.memory());
    }

    /** The container as its formatter shows it; a damaged one is an error. */
    private Value shown(Operand o, String family) throws EvalException, AgentException {
        Value v = formatter().format("", o.typeId(), o.at());
        if (v.display().startsWith("<invalid")) {
            throw new EvalException("the " + family + " is damaged: " + v.display());
        }
        return v;
    }

    private long size(Operand o, String family) throws EvalException, AgentException {
        if (STRINGS.contains(family)) {
            return stringField(o, family.endsWith("string") ? "_M_string_length" : "_M_len").longValue();
        }
        Value v = shown(o, family);
        return v.expansion().map(Expansion::indexedCount).orElse(0L);
    }

    private BigInteger stringField(Operand o, String name) throws EvalException, AgentException {
        return conv.integer(access.member(o, name, false));
    }

    /** Character {@code i} of a string (its data pointer + i), typed as the string's characters. */
    private Operand character(Operand o, long i) throws EvalException, AgentException {
        Operand data = o;
        for (String step : family(o).orElseThrow().endsWith("string") ? List.of("_M_dataplus", "_M_p")
                : List.of("_M_str")) {
            data = access.member(data, step, false);
        }
        TypeInfo p = types.strip(data.typeId());
        if (p.kind() != TypeKind.POINTER || p.target() == 0) {
            throw new EvalException("this string's layout is not the expected one");
        }
        long address = conv.integer(data).longValue() + i * Math.max(1, types.sizeOf(p.target()));
        return Operand.inMemory(p.target(), RemoteAddress.of(address));
    }

    /** Element {@code i} of a sequence: the formatter's child i, typed by the template argument 0. */
    private Operand element(Operand o, String family, long i) throws EvalException, AgentException {
        Value v = shown(o, family);
        List<Value> child = formatter().children(v.expansion().orElseThrow(), ValueFormatter.Filter.INDEXED, i, 1);
        int type = argument(o, 0);
        if (child.size() == 1 && child.get(0).address().isEmpty() && types.strip(type).kind() == TypeKind.BOOL
                && Set.of("true", "false").contains(child.get(0).display())) {
            // vector<bool> holds bits: the formatter read it
            return conv.ofInteger(child.get(0).display().equals("true") ? BigInteger.ONE : BigInteger.ZERO, type);
        }
        if (child.size() != 1 || child.get(0).address().isEmpty()) {
            throw new EvalException("element " + i + " of the " + family + " cannot be read"
                    + (child.isEmpty() ? "" : ": " + child.get(0).display()));
        }
        return Operand.inMemory(type, child.get(0).address().get());
    }

    /** The value of key {@code key} in a map: the child named [key], typed by the template argument 1. */
    private Operand lookup(Operand o, String family, Operand key) throws EvalException, AgentException {
        TypeInfo k = types.strip(key.typeId());
        if (CTypes.isFloating(k) || CTypes.isAggregate(k) && family(key).filter(STRINGS::contains).isEmpty()) {
            throw new EvalException("looking a " + family + " up by a key of type " + types.name(key.typeId())
                    + " is not supported (only integer, enum, pointer and string keys)");
        }
        String display = formatter().format("", key.typeId(), key.at()).display();
        if (display.endsWith("...\"") || display.startsWith("<")) {
            throw new EvalException("the key " + display + " cannot be compared exactly");
        }
        String wanted = "[" + display + "]";
        Value v = shown(o, family);
        Expansion e = v.expansion().orElseThrow();
        long n = e.indexedCount();
        int type = argument(o, 1);
        for (long from = 0; from < n; from += PAGE) {
            for (Value child : formatter().children(e, ValueFormatter.Filter.INDEXED, from, PAGE)) {
                if (child.name().equals(wanted)) {
                    if (child.address().isEmpty()) {
                        throw new EvalException("the value of key " + display + " cannot be read: " + child.display());
                    }
                    return Operand.inMemory(type, child.address().get());
                }
            }
        }
        throw new EvalException("the " + family + " has no key " + display);
    }

    private int argument(Operand o, int index) throws EvalException, AgentException {
        List<Integer> args = types.table().cxx(types.strip(o.typeId()).id()).templateArgs();
        if (index >= args.size()) {
            throw new EvalException("the element type of " + types.name(o.typeId()) + " is not known");
        }
        return args.get(index);
    }
}
