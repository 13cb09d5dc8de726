/*
 * StdIterators: the readers of StdFormatters for iterators of the libstdc++ containers, shown as
 * the element they designate (as gdb's printers show them): vector, string and deque iterators
 * hold a pointer to it (_M_current, _M_cur); list, forward_list, map/set and unordered iterators
 * hold a node (_M_node, _M_cur) whose value follows the node's links at a fixed offset of
 * libstdc++'s layout (list 16: next and prev; forward_list and hash nodes 8: next; red-black tree
 * nodes 32: colour, parent, left, right; for elements aligned to at most 8 or 16 bytes). A null
 * iterator (default-constructed, singular) is said to be one; an end() iterator cannot be told
 * from the iterator alone and is shown as what lies there, as gdb does.
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import java.util.List;
import java.util.Optional;

final class StdIterators {
    /** Where the element is from the node a node iterator holds. */
    private static final long LIST_VALUE = 16;
    private static final long FORWARD_VALUE = 8;
    private static final long TREE_VALUE = 32;

    private StdIterators() {
    }

    /** Iterators holding a pointer to the element (its type is the pointee's). */
    static Optional<Value> pointing(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> current = std.field(s, "current");
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> element = std.layout.pointee(current.get().typeId());
        if (element.isEmpty()) {
            return Optional.empty();
        }
        return shown(std, s, current.get(), element.get(), 0);
    }

    static Optional<Value> listNode(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        return node(std, s, LIST_VALUE);
    }

    static Optional<Value> forwardNode(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        return node(std, s, FORWARD_VALUE);
    }

    static Optional<Value> treeNode(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        return node(std, s, TREE_VALUE);
    }

    /** Iterators holding a node: the element type is the iterator's first template argument. */
    private static Optional<Value> node(StdFormatters std, StdFormatters.Subject s, long valueOffset)
            throws AgentException {
        Optional<CxxLayout.Field> node = std.field(s, "node");
        Optional<Integer> element = std.layout.argument(s.typeId(), 0);
        if (node.isEmpty() || element.isEmpty() || std.layout.pointee(node.get().typeId()).isEmpty()
                || std.layout.sizeOf(element.get()) <= 0) {
            return Optional.empty(); // g++ may leave the template arguments out: shown raw then
        }
        return shown(std, s, node.get(), element.get(), valueOffset);
    }

    private static Optional<Value> shown(StdFormatters std, StdFormatters.Subject s, CxxLayout.Field link,
                                         int element, long valueOffset) throws AgentException {
        Optional<Long> p = std.layout.word(s.at(), link.offset());
        if (p.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        if (p.get() == 0) {
            return Optional.of(std.value(s, "non-dereferenceable iterator", 0, StdFormatters.NONE));
        }
        RemoteAddress at = RemoteAddress.of(p.get() + valueOffset);
        long size = std.layout.sizeOf(element);
        if (!std.readable(at.value(), size)) {
            return Optional.of(std.invalid(s, "element at " + at + " unreadable"));
        }
        Value v = std.formatter.format("[element]", element, Placed.inMemory(at));
        return Optional.of(std.value(s, v.display(), 0, StdFormatters.named(() -> List.of(v))));
    }
}
