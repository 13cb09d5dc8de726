/*
 * StdWrappers: the readers of StdFormatters for values that hold one or a few others:
 * std::unique_ptr, std::shared_ptr and std::weak_ptr (the pointee, with use and weak counts),
 * std::optional (the value or nullopt), std::variant (the active alternative), std::tuple (its
 * elements, from the _Head_base of each _Tuple_impl level), std::pair and std::atomic (its value:
 * __atomic_base's _M_i, atomic<bool>'s _M_base._M_i, a pointer's _M_b._M_p, or a class's _M_i).
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class StdWrappers {
    private static final int MAX_TUPLE = 64;

    private StdWrappers() {
    }

    static Optional<Value> uniquePtr(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> tuple = std.field(s, "tuple");
        if (tuple.isEmpty()) {
            return Optional.empty();
        }
        List<CxxLayout.Field> parts = tupleElements(std.layout, tuple.get().typeId(), tuple.get().offset(), 0);
        if (parts.isEmpty() || std.layout.pointee(parts.get(0).typeId()).isEmpty()) {
            return Optional.empty();
        }
        CxxLayout.Field pointer = parts.get(0);
        Optional<Long> p = std.layout.word(s.at(), pointer.offset());
        if (p.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        return Optional.of(pointing(std, s, pointer.typeId(), p.get(), ""));
    }

    static Optional<Value> atomic(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        for (String[] path : List.of(new String[] {"_M_i"}, new String[] {"_M_base", "_M_i"},
                new String[] {"_M_b", "_M_p"})) {
            Optional<CxxLayout.Field> f = std.layout.find(s.typeId(), path);
            if (f.isPresent()) {
                Value v = std.formatter.format("[value]", f.get().typeId(),
                        s.at().slice(f.get().offset(), std.layout.sizeOf(f.get().typeId())));
                return Optional.of(std.value(s, v.display(), 0, StdFormatters.named(() -> List.of(v))));
            }
        }
        return Optional.empty();
    }

    static Optional<Value> sharedPtr(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> pointer = std.field(s, "pointer");
        Optional<CxxLayout.Field> counts = std.field(s, "counts");
        if (pointer.isEmpty() || counts.isEmpty() || std.layout.pointee(pointer.get().typeId()).isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> countsType = std.layout.pointee(counts.get().typeId());
        Optional<CxxLayout.Field> use = countsType.isEmpty() ? Optional.empty()
                : std.layout.find(countsType.get(), "_M_use_count");
        Optional<CxxLayout.Field> weak = countsType.isEmpty() ? Optional.empty()
                : std.layout.find(countsType.get(), "_M_weak_count");
        if (use.isEmpty() || weak.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> p = std.layout.word(s.at(), pointer.get().offset());
        Optional<Long> block = std.layout.word(s.at(), counts.get().offset());
        if (p.isEmpty() || block.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        if (block.get() == 0) {
            return Optional.of(pointing(std, s, pointer.get().typeId(), p.get(), ""));
        }
        Placed counters = Placed.inMemory(RemoteAddress.of(block.get()));
        Optional<Long> uses = std.layout.unsigned(counters, use.get().offset(), 4);
        Optional<Long> weaks = std.layout.unsigned(counters, weak.get().offset(), 4);
        if (uses.isEmpty() || weaks.isEmpty()) {
            return Optional.of(std.invalid(s, "control block at " + RemoteAddress.of(block.get()) + " unreadable"));
        }
        int u = uses.get().intValue();
        int w = weaks.get().intValue();
        if (u == 0) { // expired: the pointee is gone, never read it
            return Optional.of(std.value(s, "expired (weak count " + w + ")", 0, StdFormatters.named(() ->
                    List.of(Value.plain("[weak count]", Integer.toString(w), "int")))));
        }
        return Optional.of(pointing(std, s, pointer.get().typeId(), p.get(),
                " (use count " + u + ", weak count " + (w - 1) + ")"));
    }

    /** A smart pointer: "nullptr", or the pointee's display (its address when it is no scalar). */
    private static Value pointing(StdFormatters std, StdFormatters.Subject s, int pointerType, long p, String counts)
            throws AgentException {
        if (p == 0) {
            return std.value(s, "nullptr" + counts, 0, StdFormatters.NONE);
        }
        int target = std.layout.pointee(pointerType).orElseThrow();
        RemoteAddress at = RemoteAddress.of(p);
        Value pointee = std.formatter.pointee("*" + s.name(), target, at);
        TypeKind kind = std.layout.strip(target).kind();
        boolean aggregate = kind == TypeKind.STRUCT || kind == TypeKind.UNION || kind == TypeKind.ARRAY;
        String display = aggregate ? at + " " + pointee.display() : pointee.display();
        return std.value(s, display + counts, 0, StdFormatters.named(() -> List.of(pointee)));
    }

    static Optional<Value> optional(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> engaged = std.field(s, "engaged");
        Optional<CxxLayout.Field> value = std.field(s, "value");
        if (engaged.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> on = std.number(s, engaged.get());
        if (on.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        if (on.get() == 0) {
            return Optional.of(std.value(s, "nullopt", 0, StdFormatters.NONE));
        }
        Value v = std.formatter.format("[value]", value.get().typeId(),
                s.at().slice(value.get().offset(), std.layout.sizeOf(value.get().typeId())));
        return Optional.of(std.value(s, v.display(), 0, StdFormatters.named(() -> List.of(v))));
    }

    static Optional<Value> variant(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> index = std.field(s, "index");
        Optional<CxxLayout.Field> union = std.field(s, "union");
        if (index.isEmpty() || union.isEmpty()) {
            return Optional.empty();
        }
        long indexSize = std.layout.sizeOf(index.get().typeId());
        Optional<Long> i = std.number(s, index.get());
        if (i.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        if (indexSize < 8 && i.get() == (1L << (8 * indexSize)) - 1) {
            return Optional.of(std.value(s, "valueless by exception", 0, StdFormatters.NONE));
        }
        CxxLayout.Field u = union.get();
        for (long k = 0; k < i.get() && k < MAX_TUPLE; k++) {
            Optional<CxxLayout.Field> rest = std.layout.find(u.typeId(), "_M_rest");
            if (rest.isEmpty()) {
                return Optional.of(std.invalid(s, "index " + i.get() + " past the alternatives"));
            }
            u = new CxxLayout.Field(u.offset() + rest.get().offset(), rest.get().typeId());
        }
        Optional<CxxLayout.Field> storage = std.layout.find(u.typeId(), "_M_first", "_M_storage");
        Optional<Integer> type = storage.isEmpty() ? Optional.empty() : std.layout.storedType(storage.get().typeId());
        if (type.isEmpty()) {
            return Optional.of(std.invalid(s, "index " + i.get() + " past the alternatives"));
        }
        Value v = std.formatter.format("[value]", type.get(),
                s.at().slice(u.offset() + storage.get().offset(), std.layout.sizeOf(type.get())));
        return Optional.of(std.value(s, "index " + i.get() + ": " + v.display(), 0,
                StdFormatters.named(() -> List.of(v))));
    }

    static Optional<Value> tuple(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        List<CxxLayout.Field> parts = tupleElements(std.layout, s.typeId(), 0, 0);
        List<Value> values = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            CxxLayout.Field f = parts.get(k);
            values.add(std.formatter.format("[" + k + "]", f.typeId(),
                    s.at().slice(f.offset(), std.layout.sizeOf(f.typeId()))));
        }
        return Optional.of(std.value(s, StdFormatters.preview(values.subList(0,
                Math.min(values.size(), StdFormatters.PREVIEW)), values.size()), 0, StdFormatters.named(() -> values)));
    }

    /** The elements of a std::tuple (or _Tuple_impl) in order: each level's _Head_base, then the rest. */
    static List<CxxLayout.Field> tupleElements(CxxLayout layout, int typeId, long offset, int depth)
            throws AgentException {
        TypeInfo t = layout.strip(typeId);
        List<CxxLayout.Field> head = new ArrayList<>();
        List<CxxLayout.Field> rest = new ArrayList<>();
        if (t.kind() != TypeKind.STRUCT || depth > MAX_TUPLE) {
            return head;
        }
        for (TypeInfo.Member m : t.members()) {
            if (!m.name().isEmpty()) {
                continue;
            }
            String base = layout.className(m.typeId());
            if (base.startsWith("_Head_base<")) {
                Optional<CxxLayout.Field> f = layout.find(m.typeId(), "_M_head_impl");
                f.ifPresent(v -> head.add(new CxxLayout.Field(offset + m.offset() + v.offset(), v.typeId())));
            } else if (base.startsWith("_Tuple_impl<")) {
                rest.addAll(tupleElements(layout, m.typeId(), offset + m.offset(), depth + 1));
            }
        }
        head.addAll(rest);
        return head;
    }

    static Optional<Value> pair(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> first = std.field(s, "first");
        Optional<CxxLayout.Field> second = std.field(s, "second");
        if (first.isEmpty() || second.isEmpty()) {
            return Optional.empty();
        }
        Value a = std.formatter.format("first", first.get().typeId(),
                s.at().slice(first.get().offset(), std.layout.sizeOf(first.get().typeId())));
        Value b = std.formatter.format("second", second.get().typeId(),
                s.at().slice(second.get().offset(), std.layout.sizeOf(second.get().typeId())));
        return Optional.of(std.value(s, "{first = " + a.display() + ", second = " + b.display() + "}", 0,
                StdFormatters.named(() -> List.of(a, b))));
    }
}
