/*
 * CxxTypeNames: a C++ class name as gdb shows it with libstdc++'s type printers. The agent gives
 * the name as the compiler wrote it, qualified ("std::vector<int, std::allocator<int> >"); gdb
 * drops the template arguments a program did not write (the defaults: allocators, std::less,
 * std::hash, std::equal_to, std::default_delete), names std::string/std::wstring/std::string_view,
 * drops the inline namespace __cxx11 and closes nested templates as ">>":
 * "std::map<std::string, int>". Invariants: only a whole std template instantiation is rewritten
 * (a member such as "std::vector<int, std::allocator<int> >::iterator", a user template, or a std
 * template gdb does not know stays as the compiler spelled it), and a container is rewritten only
 * when every defaulted argument is exactly the default for the arguments before it (else gdb,
 * and this, show the compiler's spelling: "std::map<int, int, std::greater<int>, ...>").
 */
package dev.rewind.core.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

public final class CxxTypeNames {
    /** How deep nested template arguments are rewritten (deeper ones stay as written). */
    private static final int MAX_DEPTH = 16;

    /** A template name split: the part before '<', its top-level arguments, what follows the '>'. */
    private record Template(String head, List<String> args, String rest) {
    }

    /** The default of a template's trailing argument, given the arguments before it (its spellings). */
    private record Default(int index, Function<List<String>, List<String>> spelling) {
    }

    private static final Map<String, List<Default>> DEFAULTS = Map.ofEntries(
            Map.entry("std::vector", List.of(allocatorOf(0, 1))),
            Map.entry("std::list", List.of(allocatorOf(0, 1))),
            Map.entry("std::deque", List.of(allocatorOf(0, 1))),
            Map.entry("std::forward_list", List.of(allocatorOf(0, 1))),
            Map.entry("std::set", List.of(of("std::less", 1), allocatorOf(0, 2))),
            Map.entry("std::multiset", List.of(of("std::less", 1), allocatorOf(0, 2))),
            Map.entry("std::map", List.of(of("std::less", 2), pairAllocator(3))),
            Map.entry("std::multimap", List.of(of("std::less", 2), pairAllocator(3))),
            Map.entry("std::unordered_set", List.of(of("std::hash", 1), of("std::equal_to", 2), allocatorOf(0, 3))),
            Map.entry("std::unordered_multiset",
                    List.of(of("std::hash", 1), of("std::equal_to", 2), allocatorOf(0, 3))),
            Map.entry("std::unordered_map", List.of(of("std::hash", 2), of("std::equal_to", 3), pairAllocator(4))),
            Map.entry("std::unordered_multimap",
                    List.of(of("std::hash", 2), of("std::equal_to", 3), pairAllocator(4))),
            Map.entry("std::unique_ptr", List.of(of("std::default_delete", 1))));

    /** std templates gdb shows with their arguments rewritten but none dropped. */
    private static final Set<String> ARGUMENTS_ONLY = Set.of("std::pair", "std::tuple", "std::variant",
            "std::optional", "std::shared_ptr", "std::weak_ptr", "std::array");

    private CxxTypeNames() {
    }

    /** The name gdb shows for a class named {@code raw} by the compiler. */
    public static String shown(String raw) {
        return shown(raw, 0);
    }

    private static String shown(String raw, int depth) {
        Template t = split(raw);
        if (t == null || !t.rest().isEmpty() || depth > MAX_DEPTH) {
            return raw;
        }
        String head = t.head().startsWith("std::__cxx11::") ? "std::" + t.head().substring(14) : t.head();
        List<String> args = t.args();
        String text = text(head, args);
        if (text != null) {
            return text;
        }
        List<Default> defaults = DEFAULTS.get(head);
        if (defaults == null && !ARGUMENTS_ONLY.contains(head)) {
            return raw;
        }
        int kept = args.size();
        if (defaults != null) {
            kept = defaults.get(0).index();
            if (args.size() != defaults.get(defaults.size() - 1).index() + 1) {
                return raw;
            }
            for (Default d : defaults) {
                if (!d.spelling().apply(args.subList(0, d.index())).contains(args.get(d.index()))) {
                    return raw; // gdb rewrites a container only when all its defaults are the defaults
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String a : args.subList(0, kept)) {
            out.add(shown(a, depth + 1));
        }
        return head + "<" + String.join(", ", out) + ">";
    }

    /** std::string, std::wstring and std::string_view for their default instantiations; else null. */
    private static String text(String head, List<String> args) {
        if (head.equals("std::basic_string") && args.size() == 3) {
            for (String unit : List.of("char", "wchar_t")) {
                if (args.equals(List.of(unit, written("std::char_traits", unit), written("std::allocator", unit)))) {
                    return unit.equals("char") ? "std::string" : "std::wstring";
                }
            }
        }
        if (head.equals("std::basic_string_view") && args.equals(List.of("char", written("std::char_traits", "char")))) {
            return "std::string_view";
        }
        return null;
    }

    private static Default of(String template, int index) {
        return new Default(index, before -> List.of(written(template, before.get(0))));
    }

    private static Default allocatorOf(int argument, int index) {
        return new Default(index, before -> List.of(written("std::allocator", before.get(argument))));
    }

    /** A map's allocator: std::allocator<std::pair<K const, V> > (g++ writes "const K" for a class K). */
    private static Default pairAllocator(int index) {
        return new Default(index, before -> List.of(
                written("std::allocator", written("std::pair", before.get(0) + " const, " + before.get(1))),
                written("std::allocator", written("std::pair", "const " + before.get(0) + ", " + before.get(1)))));
    }

    /** A one-argument template as gcc writes it: "std::less<int>", "std::allocator<std::less<int> >". */
    private static String written(String template, String argument) {
        return template + "<" + argument + (argument.endsWith(">") ? " >" : ">");
    }

    /** The name split at its first top-level template argument list, or null when it has none. */
    private static Template split(String name) {
        int open = name.indexOf('<');
        if (open <= 0 || name.startsWith("operator", name.lastIndexOf(':', open) + 1)) {
            return null;
        }
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '<' || c == '(' || c == '[') {
                depth++;
            } else if (c == '>' || c == ')' || c == ']') {
                depth--;
                if (depth == 0 && c == '>') {
                    args.add(name.substring(start, i).strip());
                    return new Template(name.substring(0, open), args, name.substring(i + 1));
                }
            } else if (c == ',' && depth == 1) {
                args.add(name.substring(start, i).strip());
                start = i + 1;
            }
        }
        return null;
    }
}
