/*
 * StdLinked: the readers of StdFormatters for node-based containers: std::list and
 * std::forward_list (followed by their links), std::map/set and their multi- kinds (the red-black
 * tree walked in order from its leftmost node) and the unordered ones (the hash table's singly linked
 * node list). The element type and its place in a node come from the node class the container's
 * allocator names (_List_node<T>, _Rb_tree_node<V>, _Hash_node<V, ...>) and its _M_storage member.
 *
 * Every walk is bounded by the container's own size and MAX_WALK; a link that is null, unreadable or
 * leads back to the start too early ends the page with an explanation instead of elements.
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class StdLinked {
    /** A forward_list is counted up to this many nodes; longer ones show as "size>N". */
    private static final long MAX_COUNTED = 100_000;
    /** Red-black tree node links: _M_parent, _M_left, _M_right after the colour. */
    private static final int RB_PARENT = 8;
    private static final int RB_LEFT = 16;
    private static final int RB_RIGHT = 24;

    private StdLinked() {
    }

    /** A node class: where its value is and of which type. */
    private record Node(long valueOffset, int valueType) {
    }

    /**
     * The nodes of one container at this stop, each read whole (links and value) in one request and
     * kept while its children are listed: memory does not change while the replay stands still.
     */
    private static final class Nodes {
        private static final int MAX_CACHED = 100_000;
        private final CxxLayout layout;
        private final ValueSource source;
        private final int nodeSize;
        private final java.util.Map<Long, byte[]> cache = new java.util.HashMap<>();

        Nodes(StdFormatters std, Node n) throws AgentException {
            this.layout = std.layout;
            this.source = std.source;
            long size = n.valueOffset() + std.layout.sizeOf(n.valueType());
            this.nodeSize = (int) Math.max(32, Math.min(size, ValueFormatter.EAGER_LIMIT));
        }

        private synchronized byte[] bytes(long node) throws AgentException {
            byte[] b = cache.get(node);
            if (b == null) {
                if (cache.size() >= MAX_CACHED) {
                    cache.clear();
                }
                b = source.readMemory(RemoteAddress.of(node), nodeSize);
                cache.put(node, b);
            }
            return b;
        }

        /** The word at {@code node + offset}, empty when unreadable. */
        Optional<Long> word(long node, long offset) throws AgentException {
            byte[] b = bytes(node);
            if (offset + 8 <= b.length) {
                return Optional.of(Scalars.integer(java.util.Arrays.copyOfRange(b, (int) offset, (int) offset + 8),
                        false).longValue());
            }
            return layout.wordAt(node + offset);
        }

        /** Where the value at {@code node + offset} is, with the bytes already read. */
        Placed placed(long node, long offset) throws AgentException {
            byte[] b = bytes(node);
            RemoteAddress at = RemoteAddress.of(node + offset);
            return offset < b.length ? Placed.read(at, java.util.Arrays.copyOfRange(b, (int) offset, b.length))
                    : Placed.inMemory(at);
        }
    }

    private static Optional<Node> node(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<Integer> nodeType = std.layout.argumentNamed(s.typeId(), s.family().paths().get("node"));
        if (nodeType.isEmpty()) {
            return Optional.empty();
        }
        Optional<CxxLayout.Field> storage = std.layout.find(nodeType.get(), "_M_storage");
        if (storage.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> value = std.layout.storedType(storage.get().typeId());
        return value.map(v -> new Node(storage.get().offset(), v));
    }

    /** One element at {@code node}: the whole value, or for maps a child named by its key. */
    private static Value element(StdFormatters std, Node n, Nodes nodes, long index, long node, boolean keyed)
            throws AgentException {
        Placed at = nodes.placed(node, n.valueOffset());
        if (keyed) {
            Optional<CxxLayout.Field> first = std.layout.find(n.valueType(), "first");
            Optional<CxxLayout.Field> second = std.layout.find(n.valueType(), "second");
            if (first.isPresent() && second.isPresent()) {
                Value key = std.formatter.format("key", first.get().typeId(),
                        at.slice(first.get().offset(), std.layout.sizeOf(first.get().typeId())));
                return std.formatter.format("[" + key.display() + "]", second.get().typeId(),
                        at.slice(second.get().offset(), std.layout.sizeOf(second.get().typeId())));
            }
        }
        return std.formatter.format("[" + index + "]", n.valueType(), at);
    }

    private static boolean keyed(StdFormatters.Subject s) {
        return s.family().name().endsWith("map");
    }

    /** A container of {@code count} elements whose nodes a walker visits in order. */
    private static Value walked(StdFormatters std, StdFormatters.Subject s, Node n, Nodes nodes, long count,
                                Walker walker) throws AgentException {
        Expansion.Children children = Expansion.indexedOnly((from, to) -> {
            List<Value> out = new ArrayList<>();
            Cursor c = walker.start();
            for (long i = 0; i < to && i < StdFormatters.MAX_WALK; i++) {
                if (c.error() != null) {
                    out.add(StdFormatters.damaged(i, c.error()));
                    break;
                }
                if (i >= from) {
                    out.add(element(std, n, nodes, i, c.node(), keyed(s)));
                }
                if (i + 1 < to) {
                    c = walker.next(c.node());
                }
            }
            return out;
        });
        String display = "size=" + count;
        if (count > 0) { // the first elements: shown when few, and followed to find damage early
            List<Value> first = children.indexed(0, Math.min(count, StdFormatters.PREVIEW));
            Value last = first.get(first.size() - 1);
            if (last.typeName().isEmpty()) { // StdFormatters.damaged
                return std.invalid(s, "size " + count + ", element " + (first.size() - 1) + ": "
                        + last.display().substring(1, last.display().length() - 1));
            }
            if (count <= StdFormatters.PREVIEW) {
                display += " " + StdFormatters.preview(previewOf(first, keyed(s)), count);
            }
        }
        return std.value(s, display, count, children);
    }

    private static List<Value> previewOf(List<Value> elements, boolean keyed) {
        if (!keyed) {
            return elements;
        }
        List<Value> out = new ArrayList<>();
        for (Value v : elements) {
            out.add(Value.plain(v.name(), v.name() + " = " + v.display(), v.typeName()));
        }
        return out;
    }

    /** A place in a walk: a node's address, or why the walk cannot go on. */
    private record Cursor(long node, String error) {
        static Cursor at(long node) {
            return new Cursor(node, null);
        }

        static Cursor broken(String why) {
            return new Cursor(0, why);
        }
    }

    private interface Walker {
        Cursor start() throws AgentException;

        Cursor next(long node) throws AgentException;
    }

    /** The link word at {@code node + offset}, as a cursor: null and unreadable links are damage. */
    private static Cursor link(Nodes layout, long node, long offset, long stop) throws AgentException {
        Optional<Long> w = layout.word(node, offset);
        if (w.isEmpty()) {
            return Cursor.broken("node at " + RemoteAddress.of(node) + " unreadable");
        }
        if (w.get() == 0 || w.get() == stop) {
            return Cursor.broken("the links end early (the container is damaged or not initialised)");
        }
        if (layout.word(w.get(), 0).isEmpty()) {
            return Cursor.broken("node at " + RemoteAddress.of(w.get()) + " unreadable");
        }
        return Cursor.at(w.get());
    }

    /** The first node of a walk, when it is one. */
    private static Cursor checked(Nodes layout, long node) throws AgentException {
        if (node == 0) {
            return Cursor.broken("the links end early (the container is damaged or not initialised)");
        }
        return layout.word(node, 0).isEmpty() ? Cursor.broken("node at " + RemoteAddress.of(node) + " unreadable")
                : Cursor.at(node);
    }

    /** The walk of a container whose header node is inside the object, from that header's address. */
    private interface HeadedWalker {
        Walker over(Nodes nodes, long head);
    }

    /**
     * A container with a header node inside the object and an element count (std::list, the
     * red-black trees): the header, size and node layout found, the count bounded, then walked.
     */
    private static Optional<Value> headed(StdFormatters std, StdFormatters.Subject s, HeadedWalker walker)
            throws AgentException {
        Optional<CxxLayout.Field> header = std.field(s, "header");
        Optional<CxxLayout.Field> size = std.field(s, "size");
        Optional<Node> n = node(std, s);
        if (header.isEmpty() || size.isEmpty() || n.isEmpty() || s.at().address().isEmpty()) {
            return Optional.empty();
        }
        long head = s.at().address().get().value() + header.get().offset();
        Optional<Long> count = std.number(s, size.get());
        if (count.isEmpty() || count.get() < 0 || count.get() > (1L << 40)) {
            return Optional.of(std.invalid(s, count.map(c -> "size " + Long.toUnsignedString(c)).orElse("unreadable")));
        }
        Nodes nodes = new Nodes(std, n.get());
        return Optional.of(walked(std, s, n.get(), nodes, count.get(), walker.over(nodes, head)));
    }

    static Optional<Value> list(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        return headed(std, s, (nodes, head) -> new Walker() {
            @Override
            public Cursor start() throws AgentException {
                return link(nodes, head, 0, head);
            }

            @Override
            public Cursor next(long node) throws AgentException {
                return link(nodes, node, 0, head);
            }
        });
    }

    static Optional<Value> forwardList(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> first = std.field(s, "head");
        Optional<Node> n = node(std, s);
        if (first.isEmpty() || n.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> head = std.layout.word(s.at(), first.get().offset());
        if (head.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        Nodes nodes = new Nodes(std, n.get());
        long count = 0;
        for (long p = head.get(); p != 0 && count <= MAX_COUNTED; count++) {
            Optional<Long> next = nodes.word(p, 0);
            if (next.isEmpty()) {
                return Optional.of(std.invalid(s, "node " + count + " at " + RemoteAddress.of(p) + " unreadable"));
            }
            p = next.get();
        }
        if (count > MAX_COUNTED) {
            return Optional.of(std.invalid(s, "more than " + MAX_COUNTED + " nodes (a cycle?)"));
        }
        Walker w = new Walker() {
            @Override
            public Cursor start() throws AgentException {
                return checked(nodes, head.get());
            }

            @Override
            public Cursor next(long node) throws AgentException {
                return link(nodes, node, 0, -1);
            }
        };
        return Optional.of(walked(std, s, n.get(), nodes, count, w));
    }

    static Optional<Value> tree(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        return headed(std, s, (nodes, head) -> new Walker() {
            @Override
            public Cursor start() throws AgentException {
                return link(nodes, head, RB_LEFT, head); // the header's left is the leftmost node
            }

            @Override
            public Cursor next(long node) throws AgentException {
                return successor(nodes, node, head);
            }
        });
    }

    /** The in-order successor of {@code node} (libstdc++'s _Rb_tree_increment), bounded. */
    private static Cursor successor(Nodes layout, long node, long header) throws AgentException {
        Optional<Long> right = layout.word(node, RB_RIGHT);
        if (right.isEmpty()) {
            return Cursor.broken("node at " + RemoteAddress.of(node) + " unreadable");
        }
        long x = node;
        if (right.get() != 0) {
            x = right.get();
            for (int depth = 0; depth < 128; depth++) {
                Optional<Long> left = layout.word(x, RB_LEFT);
                if (left.isEmpty()) {
                    return Cursor.broken("node at " + RemoteAddress.of(x) + " unreadable");
                }
                if (left.get() == 0) {
                    return x == header ? Cursor.broken("the tree ends early") : Cursor.at(x);
                }
                x = left.get();
            }
            return Cursor.broken("the tree is deeper than a balanced tree can be (damaged)");
        }
        for (int depth = 0; depth < 128; depth++) {
            Optional<Long> parent = layout.word(x, RB_PARENT);
            Optional<Long> parentRight = parent.isEmpty() ? Optional.empty() : layout.word(parent.get(), RB_RIGHT);
            if (parentRight.isEmpty()) {
                return Cursor.broken("node at " + RemoteAddress.of(x) + " unreadable");
            }
            if (x != parentRight.get()) {
                long y = parent.get();
                return y == header || y == 0 ? Cursor.broken("the tree ends early") : Cursor.at(y);
            }
            x = parent.get();
        }
        return Cursor.broken("the tree is deeper than a balanced tree can be (damaged)");
    }

    static Optional<Value> hashtable(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> first = std.field(s, "first");
        Optional<CxxLayout.Field> size = std.field(s, "size");
        Optional<Node> n = node(std, s);
        if (first.isEmpty() || size.isEmpty() || n.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> head = std.layout.word(s.at(), first.get().offset());
        Optional<Long> count = std.number(s, size.get());
        if (head.isEmpty() || count.isEmpty() || count.get() < 0 || count.get() > (1L << 40)) {
            return Optional.of(std.invalid(s, count.map(c -> "size " + Long.toUnsignedString(c)).orElse("unreadable")));
        }
        Nodes nodes = new Nodes(std, n.get());
        Walker w = new Walker() {
            @Override
            public Cursor start() throws AgentException {
                return checked(nodes, head.get());
            }

            @Override
            public Cursor next(long node) throws AgentException {
                return link(nodes, node, 0, -1); // _M_nxt is a node's first word
            }
        };
        return Optional.of(walked(std, s, n.get(), nodes, count.get(), w));
    }
}
