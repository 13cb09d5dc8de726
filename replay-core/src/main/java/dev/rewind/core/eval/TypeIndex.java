/*
 * TypeIndex: the program's named types and enum constants, found by walking the types reachable
 * from given roots (the variables in scope, the globals): pointee, element and typedef targets,
 * members. The agent has no query for a type by name, so a cast to `struct node *` or `node_t`
 * can name only what this walk has seen. What was walked once is remembered for the session.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import dev.rewind.core.values.ValueSource;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class TypeIndex {
    /** The most types one session walks (a bound for programs with huge type graphs). */
    static final int MAX_TYPES = 100_000;

    /** An enum constant: its value and the enum it belongs to. */
    record EnumConstant(int enumTypeId, long value) {
    }

    private final ValueSource types;
    private final Set<Integer> visited = new HashSet<>();
    private final Map<String, Integer> tagged = new HashMap<>();
    private final Map<String, Integer> typedefs = new HashMap<>();
    private final Map<String, EnumConstant> enumerators = new HashMap<>();
    /** Every enum constant of each name (C++ enums of different classes may share names). */
    private final Map<String, java.util.List<EnumConstant>> allEnumerators = new HashMap<>();

    TypeIndex(ValueSource types) {
        this.types = types;
    }

    /** Forgets every type walked (their ids were another agent's). */
    synchronized void forget() {
        visited.clear();
        tagged.clear();
        typedefs.clear();
        enumerators.clear();
        allEnumerators.clear();
    }

    /** Walks the types reachable from {@code roots} that were not walked yet. */
    synchronized void learn(Collection<Integer> roots) throws AgentException {
        Deque<Integer> queue = new ArrayDeque<>();
        for (int r : roots) {
            if (r != 0 && r < TypeTable.FIRST_SYNTHETIC && !visited.contains(r)) {
                queue.add(r);
            }
        }
        while (!queue.isEmpty() && visited.size() < MAX_TYPES) {
            int id = queue.poll();
            if (!visited.add(id)) {
                continue;
            }
            TypeInfo t = types.type(id);
            index(t);
            enqueue(queue, t.target());
            for (TypeInfo.Member m : t.members()) {
                enqueue(queue, m.typeId());
            }
        }
    }

    private void enqueue(Deque<Integer> queue, int id) {
        if (id != 0 && id < TypeTable.FIRST_SYNTHETIC && !visited.contains(id)) {
            queue.add(id);
        }
    }

    private void index(TypeInfo t) {
        switch (t.kind()) {
            case STRUCT, UNION, ENUM -> {
                if (!t.name().isEmpty()) {
                    // C++ names a class without its keyword: "Point" is also "struct Point"
                    String keyword = t.kind() == TypeKind.ENUM ? "enum " : t.kind() == TypeKind.UNION ? "union " : "struct ";
                    boolean bare = !t.name().startsWith(keyword);
                    String spelling = bare ? keyword + t.name() : t.name();
                    Integer seen = tagged.get(spelling);
                    // A complete definition wins over a declaration (size 0).
                    if (seen == null || (t.size() > 0 && sizeOf(seen) == 0)) {
                        tagged.put(spelling, t.id());
                        if (bare) {
                            typedefs.put(t.name(), t.id());
                            unqualified(t.name()).ifPresent(tail -> typedefs.putIfAbsent(tail, t.id()));
                        }
                    }
                }
                if (t.kind() == TypeKind.ENUM) {
                    for (TypeInfo.Enumerator e : t.enumerators()) {
                        enumerators.putIfAbsent(e.name(), new EnumConstant(t.id(), e.value()));
                        allEnumerators.computeIfAbsent(e.name(), k -> new java.util.ArrayList<>())
                                .add(new EnumConstant(t.id(), e.value()));
                    }
                }
            }
            case TYPEDEF -> {
                if (!t.name().isEmpty()) {
                    typedefs.putIfAbsent(t.name(), t.id());
                    unqualified(t.name()).ifPresent(tail -> typedefs.putIfAbsent(tail, t.id()));
                }
            }
            default -> { }
        }
    }

    /**
     * The last component of a C++ name qualified by namespaces or classes ("geo::Pt" → "Pt"), so a
     * class is found by its plain name too, as before names were qualified; empty when not qualified.
     */
    private static Optional<String> unqualified(String name) {
        int depth = 0;
        int last = -1;
        for (int i = 0; i + 1 < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (depth == 0 && c == ':' && name.charAt(i + 1) == ':') {
                last = i + 2;
            }
        }
        return last < 0 || last >= name.length() ? Optional.empty() : Optional.of(name.substring(last));
    }

    private long sizeOf(int id) {
        try {
            return types.type(id).size();
        } catch (AgentException e) {
            return 0;
        }
    }

    /** "struct node", "union number", "enum color". */
    synchronized Optional<Integer> tagged(String spelling) {
        return Optional.ofNullable(tagged.get(spelling));
    }

    synchronized Optional<Integer> typedef(String name) {
        return Optional.ofNullable(typedefs.get(name));
    }

    /** Every enum constant named {@code name} learned (one per enum type id). */
    synchronized java.util.List<EnumConstant> enumerators(String name) {
        return java.util.List.copyOf(allEnumerators.getOrDefault(name, java.util.List.of()));
    }

    synchronized Optional<EnumConstant> enumerator(String name) {
        return Optional.ofNullable(enumerators.get(name));
    }
}
