/*
 * RustBTree: BTreeMap<K, V> as key → value in key order, BTreeSet<T> as its elements (a BTreeMap
 * with zero-sized values). The tree: root is an Option of a NodeRef (height, node); a LeafNode
 * holds len ≤ 11 keys and values (MaybeUninit → ManuallyDrop → the value); an internal node is a
 * LeafNode followed by len + 1 edges (child pointers) at the LeafNode's size. Elements are listed
 * by an in-order walk done once, when first asked, bounded by the map's length and StdFormatters.MAX_WALK;
 * a node that cannot be read or claims more keys than it holds ends the walk with the reason.
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.RustVariants;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class RustBTree {
    private static final int MAX_HEIGHT = 64;

    private RustBTree() {
    }

    /** Where a node's parts are and what types they hold. */
    private record Layout(long nodeSize, CxxLayout.Field len, CxxLayout.Field keys, CxxLayout.Field vals,
                          CxxLayout.Field key, CxxLayout.Field value, long keySlot, long valueSlot, long capacity) {
    }

    static Optional<Value> map(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        return tree(std, s, s.typeId(), 0, true);
    }

    static Optional<Value> set(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> map = std.layout.find(s.typeId(), "map");
        return map.isEmpty() ? Optional.empty() : tree(std, s, map.get().typeId(), map.get().offset(), false);
    }

    private static Optional<Value> tree(StdFormatters std, StdFormatters.Subject s, int mapType, long base,
                                        boolean keyed) throws AgentException {
        Optional<CxxLayout.Field> root = std.layout.find(mapType, "root");
        Optional<CxxLayout.Field> length = std.layout.find(mapType, "length");
        if (root.isEmpty() || length.isEmpty()) {
            return Optional.empty();
        }
        TypeInfo option = std.layout.strip(root.get().typeId());
        RustVariants variants = std.source.rust(option.id());
        Optional<RustVariants.Variant> some = variants.variants().stream().filter(v -> v.name().equals("Some"))
                .findFirst();
        if (variants.state() != RustVariants.READ || some.isEmpty()) {
            return Optional.empty();
        }
        Optional<CxxLayout.Field> refField = std.layout.find(some.get().typeId(), "__0");
        if (refField.isEmpty()) {
            return Optional.empty();
        }
        long refOffset = base + root.get().offset() + some.get().offset() + refField.get().offset();
        Optional<CxxLayout.Field> node = std.layout.find(refField.get().typeId(), "node");
        Optional<CxxLayout.Field> height = std.layout.find(refField.get().typeId(), "height");
        Optional<Integer> leafType = node.isEmpty() ? Optional.empty() : pointee(std, node.get().typeId());
        Optional<Layout> layout = leafType.isEmpty() ? Optional.empty() : layout(std, leafType.get());
        if (height.isEmpty() || layout.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> count = std.layout.word(s.at(), base + length.get().offset());
        if (count.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        long n = count.get();
        if (n == 0) {
            return Optional.of(std.value(s, "size=0", 0, StdFormatters.NONE));
        }
        // a non-empty map has a root: Some, its node pointer the niche
        Optional<Long> rootNode = std.layout.word(s.at(), refOffset + node.get().offset());
        Optional<Long> rootHeight = std.layout.word(s.at(), refOffset + height.get().offset());
        if (rootNode.isEmpty() || rootHeight.isEmpty() || rootNode.get() == 0 || n < 0
                || rootHeight.get() < 0 || rootHeight.get() > MAX_HEIGHT) {
            return Optional.of(std.invalid(s, "length " + Long.toUnsignedString(n) + ", root "
                    + rootNode.map(p -> RemoteAddress.of(p).toString()).orElse("unreadable")));
        }
        Walk walk = new Walk(std, layout.get(), rootNode.get(), rootHeight.get().intValue(), n);
        Expansion.Children children = StdFormatters.paged(i -> {
            Optional<Long> slot = walk.slot(i);
            return slot.isEmpty() ? Optional.empty() : Optional.of(entry(std, layout.get(), slot.get(), i, keyed));
        }, walk::error);
        List<Value> first = children.indexed(0, Math.min(n, StdFormatters.PREVIEW));
        if (first.get(first.size() - 1).typeName().isEmpty()) {
            return Optional.of(std.invalid(s, "size " + n + ": " + walk.error()));
        }
        List<Value> preview = new ArrayList<>();
        for (Value v : first) {
            preview.add(keyed ? Value.plain(v.name(), v.name() + " = " + v.display(), v.typeName()) : v);
        }
        return Optional.of(std.value(s, "size=" + n + " " + StdFormatters.preview(preview, n), n, children));
    }

    private static Optional<Integer> pointee(StdFormatters std, int typeId) throws AgentException {
        int t = typeId;
        for (int i = 0; i < 4; i++) {
            TypeInfo info = std.layout.strip(t);
            if (info.kind() == TypeKind.POINTER) {
                return std.layout.pointee(info.id());
            }
            Optional<CxxLayout.Field> inner = std.layout.find(info.id(), "pointer");
            if (inner.isEmpty()) {
                return Optional.empty();
            }
            t = inner.get().typeId();
        }
        return Optional.empty();
    }

    private static Optional<Layout> layout(StdFormatters std, int leafType) throws AgentException {
        TypeInfo leaf = std.layout.strip(leafType);
        Optional<CxxLayout.Field> len = std.layout.find(leaf.id(), "len");
        Optional<CxxLayout.Field> keys = std.layout.find(leaf.id(), "keys");
        Optional<CxxLayout.Field> vals = std.layout.find(leaf.id(), "vals");
        if (len.isEmpty() || keys.isEmpty() || vals.isEmpty() || leaf.size() % 8 != 0) {
            return Optional.empty();
        }
        TypeInfo keyArray = std.layout.strip(keys.get().typeId());
        TypeInfo valArray = std.layout.strip(vals.get().typeId());
        if (keyArray.kind() != TypeKind.ARRAY || valArray.kind() != TypeKind.ARRAY || keyArray.count() == 0) {
            return Optional.empty();
        }
        Optional<CxxLayout.Field> key = unwrapped(std, keyArray.target());
        Optional<CxxLayout.Field> value = unwrapped(std, valArray.target());
        if (key.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Layout(leaf.size(), len.get(), keys.get(), vals.get(), key.get(), value.get(),
                std.layout.sizeOf(keyArray.target()), std.layout.sizeOf(valArray.target()), keyArray.count()));
    }

    /**
     * The value a MaybeUninit&lt;T&gt; slot holds: its "value" (a ManuallyDrop), whose "value" is T,
     * or since rustc 1.8x a MaybeDangling&lt;T&gt; newtype holding T as "__0".
     */
    private static Optional<CxxLayout.Field> unwrapped(StdFormatters std, int slotType) throws AgentException {
        Optional<CxxLayout.Field> f = std.layout.find(slotType, "value", "value");
        if (f.isPresent() && std.layout.strip(f.get().typeId()).name().startsWith("MaybeDangling<")) {
            Optional<CxxLayout.Field> inner = std.layout.find(f.get().typeId(), "__0");
            long outer = f.get().offset();
            f = inner.map(x -> new CxxLayout.Field(outer + x.offset(), x.typeId()));
        }
        return f;
    }

    /** Element {@code index}: named by its key for maps, [i] for sets. */
    private static Value entry(StdFormatters std, Layout l, long slot, long index, boolean keyed)
            throws AgentException {
        long node = slot >>> 4;
        int i = (int) (slot & 15);
        RemoteAddress keyAt = RemoteAddress.of(node + l.keys().offset() + i * l.keySlot() + l.key().offset());
        if (!keyed) {
            return std.formatter.format("[" + index + "]", l.key().typeId(), Placed.inMemory(keyAt));
        }
        Value key = std.formatter.format("key", l.key().typeId(), Placed.inMemory(keyAt));
        RemoteAddress valueAt = RemoteAddress.of(node + l.vals().offset() + i * l.valueSlot() + l.value().offset());
        return std.formatter.format("[" + key.display() + "]", l.value().typeId(), Placed.inMemory(valueAt));
    }

    /** The in-order walk, done once: each element as (node address << 4 | index in node). */
    private static final class Walk {
        private final StdFormatters std;
        private final Layout l;
        private final long root;
        private final int height;
        private final long count;
        private List<Long> slots;
        private String error;

        Walk(StdFormatters std, Layout l, long root, int height, long count) {
            this.std = std;
            this.l = l;
            this.root = root;
            this.height = height;
            this.count = count;
        }

        String error() {
            return error;
        }

        Optional<Long> slot(long index) throws AgentException {
            if (slots == null) {
                slots = new ArrayList<>();
                visit(root, height);
                if (error == null && slots.size() < count) {
                    error = "only " + slots.size() + " elements in the tree for length " + count;
                }
            }
            return index < slots.size() ? Optional.of(slots.get((int) index)) : Optional.empty();
        }

        /** Appends the elements under {@code node}; false once the walk must stop. */
        private boolean visit(long node, int h) throws AgentException {
            if (slots.size() >= count || slots.size() >= StdFormatters.MAX_WALK) {
                return false;
            }
            if ((node & 7) != 0 || node == 0) {
                error = "node at " + RemoteAddress.of(node) + " misaligned";
                return false;
            }
            Optional<Long> len = std.layout.unsigned(Placed.inMemory(RemoteAddress.of(node)), l.len().offset(), 2);
            if (len.isEmpty() || len.get() > l.capacity()) {
                error = "node at " + RemoteAddress.of(node) + (len.isEmpty() ? " unreadable" : " holds " + len.get()
                        + " keys");
                return false;
            }
            for (int i = 0; i <= len.get(); i++) {
                if (h > 0) {
                    Optional<Long> child = std.layout.wordAt(node + l.nodeSize() + 8L * i);
                    if (child.isEmpty()) {
                        error = "edges of node at " + RemoteAddress.of(node) + " unreadable";
                        return false;
                    }
                    if (!visit(child.get(), h - 1)) {
                        return false;
                    }
                }
                if (i < len.get()) {
                    if (slots.size() >= count) {
                        return false;
                    }
                    slots.add(node << 4 | i);
                }
            }
            return true;
        }
    }
}
