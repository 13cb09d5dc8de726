/*
 * StdFormatters: libstdc++ values as a C++ developer expects them (as gdb's and LLDB's formatters
 * show them), in one table: per type family, the class-name pattern it applies to, the member paths
 * of the libstdc++ layout it reads (GCC 12's headers: _M_impl._M_start, _M_dataplus._M_p, the
 * red-black tree's _M_header, ...) and the reader that makes the display and the children.
 *
 * Invariants: a family applies only when its pattern matches AND every member path it needs exists
 * (names starting with _M_ are reserved to the library, so a user class never passes for one);
 * otherwise the value is shown raw. Everything is read from the replayed process at the current stop;
 * a container whose fields are absurd or whose memory is unreadable is shown as invalid, and every
 * walk is bounded, so damage never hangs the view. The raw view stays reachable as "[raw]".
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

final class StdFormatters {
    /** Most elements a walk over nodes follows in one request (lists, trees, hash tables). */
    static final long MAX_WALK = 1_000_000;
    /** Elements shown in a one-line summary. */
    static final int PREVIEW = 8;

    /** A value being formatted: the name, type and bytes it has, and where the family's paths lead. */
    record Subject(String name, int typeId, String typeName, Placed at, Family family) {
    }

    @FunctionalInterface
    interface Reader {
        /** The formatted value, or empty when the layout is not the expected one (shown raw then). */
        Optional<Value> read(StdFormatters std, Subject s) throws AgentException;
    }

    /**
     * @param pattern the class name (without std::, __cxx11::) it applies to
     * @param paths   named member paths ("_M_impl._M_start") the reader asks for by key
     */
    record Family(String name, Pattern pattern, Map<String, String> paths, Reader reader) {
    }

    private static Family family(String name, String pattern, Map<String, String> paths, Reader reader) {
        return new Family(name, Pattern.compile("^(?:" + pattern + ")<"), paths, reader);
    }

    static final List<Family> FAMILIES = List.of(
            family("std::string", "basic_string(?=<char,)", Map.of("data", "_M_dataplus._M_p",
                    "length", "_M_string_length"), StdSequences::string),
            family("std::wstring", "basic_string(?=<(?:wchar_t|char16_t|char32_t),)", Map.of("data",
                    "_M_dataplus._M_p", "length", "_M_string_length"), StdText::string),
            family("std::wstring_view", "basic_string_view(?=<(?:wchar_t|char16_t|char32_t),)", Map.of("data",
                    "_M_str", "length", "_M_len"), StdText::string),
            family("std::atomic", "atomic", Map.of(), StdWrappers::atomic),
            family("iterator", "__normal_iterator", Map.of("current", "_M_current"), StdIterators::pointing),
            family("std::deque iterator", "_Deque_iterator", Map.of("current", "_M_cur"), StdIterators::pointing),
            family("std::list iterator", "_List_iterator|_List_const_iterator", Map.of("node", "_M_node"),
                    StdIterators::listNode),
            family("std::forward_list iterator", "_Fwd_list_iterator|_Fwd_list_const_iterator",
                    Map.of("node", "_M_node"), StdIterators::forwardNode),
            family("std::map iterator", "_Rb_tree_iterator|_Rb_tree_const_iterator", Map.of("node", "_M_node"),
                    StdIterators::treeNode),
            family("std::unordered_map iterator", "_Node_iterator|_Node_const_iterator", Map.of("node", "_M_cur"),
                    StdIterators::forwardNode),
            family("std::string_view", "basic_string_view(?=<char,)", Map.of("data", "_M_str", "length", "_M_len"),
                    StdSequences::string),
            family("std::vector", "vector", Map.of("start", "_M_impl._M_start", "finish", "_M_impl._M_finish",
                    "end", "_M_impl._M_end_of_storage"), StdSequences::vector),
            family("std::array", "array", Map.of("elements", "_M_elems"), StdSequences::array),
            family("std::deque", "deque", Map.of("start", "_M_impl._M_start", "finish", "_M_impl._M_finish"),
                    StdSequences::deque),
            family("std::list", "list", Map.of("header", "_M_impl._M_node", "size", "_M_impl._M_node._M_size",
                    "node", "_List_node<"), StdLinked::list),
            family("std::forward_list", "forward_list", Map.of("head", "_M_impl._M_head._M_next",
                    "node", "_Fwd_list_node<"), StdLinked::forwardList),
            family("std::map", "map|multimap", Map.of("header", "_M_t._M_impl._M_header",
                    "size", "_M_t._M_impl._M_node_count", "node", "_Rb_tree_node<"), StdLinked::tree),
            family("std::set", "set|multiset", Map.of("header", "_M_t._M_impl._M_header",
                    "size", "_M_t._M_impl._M_node_count", "node", "_Rb_tree_node<"), StdLinked::tree),
            family("std::unordered_map", "unordered_map|unordered_multimap", Map.of("first",
                    "_M_h._M_before_begin._M_nxt", "size", "_M_h._M_element_count", "node", "_Hash_node<"),
                    StdLinked::hashtable),
            family("std::unordered_set", "unordered_set|unordered_multiset", Map.of("first",
                    "_M_h._M_before_begin._M_nxt", "size", "_M_h._M_element_count", "node", "_Hash_node<"),
                    StdLinked::hashtable),
            family("std::unique_ptr", "unique_ptr", Map.of("tuple", "_M_t._M_t"), StdWrappers::uniquePtr),
            family("std::shared_ptr", "shared_ptr", Map.of("pointer", "_M_ptr", "counts", "_M_refcount._M_pi"),
                    StdWrappers::sharedPtr),
            family("std::weak_ptr", "weak_ptr", Map.of("pointer", "_M_ptr", "counts", "_M_refcount._M_pi"),
                    StdWrappers::sharedPtr),
            family("std::optional", "optional", Map.of("engaged", "_M_payload._M_engaged",
                    "value", "_M_payload._M_payload._M_value"), StdWrappers::optional),
            family("std::variant", "variant", Map.of("index", "_M_index", "union", "_M_u"), StdWrappers::variant),
            family("std::tuple", "tuple", Map.of(), StdWrappers::tuple),
            family("std::function", "function", Map.of("manager", "_M_manager", "functor", "_M_functor",
                    "invoker", "_M_invoker"), StdFunction::function),
            family("std::pair", "pair", Map.of("first", "first", "second", "second"), StdWrappers::pair));

    final ValueFormatter formatter;
    final CxxLayout layout;
    final ValueSource source;

    StdFormatters(ValueFormatter formatter, ValueSource source) {
        this.formatter = formatter;
        this.source = source;
        this.layout = new CxxLayout(source);
    }

    /** The value formatted by its family, or empty when none applies (then it is shown raw). */
    Optional<Value> format(String name, int typeId, String typeName, Placed at) throws AgentException {
        String className = layout.className(typeId);
        if (className.isEmpty()) {
            return Optional.empty();
        }
        for (Family f : FAMILIES) {
            if (f.pattern().matcher(className).find()) {
                return f.reader().read(this, new Subject(name, typeId, typeName, at, f));
            }
        }
        return Optional.empty();
    }

    /** The name of the family that formats type {@code typeId}, when one applies. */
    Optional<String> familyOf(int typeId) throws AgentException {
        String className = layout.className(typeId);
        if (className.isEmpty()) {
            return Optional.empty();
        }
        for (Family f : FAMILIES) {
            if (f.pattern().matcher(className).find()) {
                return Optional.of(f.name());
            }
        }
        return Optional.empty();
    }

    /** The member at the family's path {@code key}, searched through base classes. */
    Optional<CxxLayout.Field> field(Subject s, String key) throws AgentException {
        String path = s.family().paths().get(key);
        if (path == null) {
            throw new IllegalArgumentException(s.family().name() + " has no path " + key);
        }
        return layout.find(s.typeId(), path.split("\\."));
    }

    /** The unsigned integer (up to 8 bytes) the member at {@code f} holds. */
    Optional<Long> number(Subject s, CxxLayout.Field f) throws AgentException {
        return layout.unsigned(s.at(), f.offset(), layout.sizeOf(f.typeId()));
    }

    /**
     * A formatted value that expands into named children, {@code count} indexed ones, and "[raw]"
     * (readers give containers, count > 0, no named children besides "[raw]").
     */
    Value value(Subject s, String display, long count, Expansion.Children children) {
        Expansion.Children withRaw = new Expansion.Children() {
            @Override
            public List<Value> named() throws AgentException {
                List<Value> out = new ArrayList<>(children.named());
                out.add(formatter.formatRaw("[raw]", s.typeId(), s.at()));
                return out;
            }

            @Override
            public List<Value> indexed(long from, long to) throws AgentException {
                return children.indexed(from, to);
            }
        };
        return new Value(s.name(), display, s.typeName(), s.at().address(), Optional.empty(),
                Optional.of(new Expansion.Synthetic(count, count > 0 ? 1 : -1, withRaw)));
    }

    /** A container whose fields make no sense here (uninitialised or damaged): said so, raw view kept. */
    Value invalid(Subject s, String why) {
        return value(s, "<invalid " + s.family().name() + ": " + why + ">", 0, NONE);
    }

    static final Expansion.Children NONE = new Expansion.Children() {
        @Override
        public List<Value> named() {
            return List.of();
        }

        @Override
        public List<Value> indexed(long from, long to) {
            return List.of();
        }
    };

    /** Children that are only named (a pointee, counts): computed when the value is expanded. */
    static Expansion.Children named(NamedChildren named) {
        return new Expansion.Children() {
            @Override
            public List<Value> named() throws AgentException {
                return named.get();
            }

            @Override
            public List<Value> indexed(long from, long to) {
                return List.of();
            }
        };
    }

    @FunctionalInterface
    interface NamedChildren {
        List<Value> get() throws AgentException;
    }

    /**
     * Children that are only indexed, read one element at a time: element i from {@code reader}; where
     * the reader has none, the page ends with a damaged child saying {@code why} (asked only then).
     */
    static Expansion.Children paged(ElementReader reader, Supplier<String> why) {
        return Expansion.indexedOnly((from, to) -> {
            List<Value> out = new ArrayList<>();
            for (long i = from; i < to; i++) {
                Optional<Value> element = reader.read(i);
                if (element.isEmpty()) {
                    out.add(damaged(i, why.get()));
                    break;
                }
                out.add(element.get());
            }
            return out;
        });
    }

    /** Element {@code index} of a container, or empty where the container cannot be followed to it. */
    @FunctionalInterface
    interface ElementReader {
        Optional<Value> read(long index) throws AgentException;
    }

    /** The child that ends a page early: where and why the container could not be followed further. */
    static Value damaged(long index, String why) {
        return Value.plain("[" + index + "]", "<" + why + ">", "");
    }

    /** "{a, b, c, ...}" from the displays of the first elements. */
    static String preview(List<Value> first, long count) {
        List<String> parts = new ArrayList<>();
        for (Value v : first) {
            parts.add(v.display());
        }
        return "{" + String.join(", ", parts) + (count > first.size() ? ", ...}" : "}");
    }

    /** Whether {@code length} bytes at {@code address} can be read (the first and the last). */
    boolean readable(long address, long length) throws AgentException {
        if (length <= 0) {
            return true;
        }
        return source.readMemory(RemoteAddress.of(address), 1).length == 1
                && source.readMemory(RemoteAddress.of(address + length - 1), 1).length == 1;
    }
}
