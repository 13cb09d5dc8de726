/*
 * ArgumentMutations: a request's arguments made wrong at random: a member's value replaced by the
 * wrong type (a string where a number goes, a number where a string goes, null, an array, an
 * object), by a huge or negative or fractional number, a very long string or one holding a NUL; a
 * member removed; the arguments replaced by a non-object or left out.
 */
package dev.rewind.dap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

final class ArgumentMutations {
    private static final List<Object> WRONG_VALUES = new ArrayList<>(List.of(
            "abc", "", "0x", "-1", 1e300, -1e300, 9.223372036854776E18, -1, 0, 0.5, 2147483648L, -2147483649L,
            Long.MAX_VALUE, true, List.of(), List.of(1, "a"), Map.of(), Map.of("x", 1), "x".repeat(100_000),
            "a\0b", "((((((((((", "*".repeat(50_000) + "p", "\u00ff\ud83d\ude00"));

    static {
        WRONG_VALUES.add(null);
    }

    private ArgumentMutations() {
    }

    /** {@code template} (a map of arguments) mutated once or a few times. */
    static Object mutate(Random random, Object template) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return null; // no arguments at all
        }
        if (kind == 1) {
            return pick(random); // arguments that are not an object
        }
        Object mutated = copy(template);
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            mutated = mutateSomewhere(random, mutated);
        }
        return mutated;
    }

    private static Object mutateSomewhere(Random random, Object value) {
        if (value instanceof Map<?, ?> map && !map.isEmpty() && random.nextInt(4) != 0) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            List<String> keys = new ArrayList<>(m.keySet());
            String key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(4)) {
                case 0 -> m.remove(key);
                case 1 -> m.put(key, pick(random));
                default -> m.put(key, mutateSomewhere(random, m.get(key)));
            }
            return m;
        }
        if (value instanceof List<?> list && !list.isEmpty() && random.nextInt(4) != 0) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) list;
            int i = random.nextInt(l.size());
            l.set(i, random.nextBoolean() ? pick(random) : mutateSomewhere(random, l.get(i)));
            return l;
        }
        return pick(random);
    }

    private static Object pick(Random random) {
        return copy(WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size())));
    }

    /** A deep, mutable copy of maps and lists. */
    private static Object copy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(String.valueOf(k), copy(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(v -> c.add(copy(v)));
            return c;
        }
        return o;
    }
}
