/*
 * TypeSpec: a type as an expression spells it in a cast or sizeof: a base type, a struct/union/enum
 * tag, or a typedef name, followed by zero or more '*'.
 */
package dev.rewind.core.eval;

import java.util.Objects;
import java.util.Set;

public record TypeSpec(Base base, int pointers) {
    /** What the '*'s apply to. */
    public sealed interface Base {
    }

    public record Builtin(BaseType type) implements Base {
        public Builtin {
            Objects.requireNonNull(type, "type");
        }
    }

    /** @param keyword "struct", "union" or "enum" */
    public record Tagged(String keyword, String tag) implements Base {
        static final Set<String> KEYWORDS = Set.of("struct", "union", "enum");

        public Tagged {
            if (!KEYWORDS.contains(keyword) || tag == null || tag.isEmpty()) {
                throw new IllegalArgumentException("bad tagged type " + keyword + " " + tag);
            }
        }
    }

    public record Named(String name) implements Base {
        public Named {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a typedef needs a name");
            }
        }
    }

    public TypeSpec {
        Objects.requireNonNull(base, "base");
        if (pointers < 0) {
            throw new IllegalArgumentException("negative pointer count " + pointers);
        }
    }

    /** The base as C spells it: "unsigned char", "struct node", "size_t". */
    public String baseSpelling() {
        if (base instanceof Builtin b) {
            return b.type().spelling;
        }
        if (base instanceof Tagged t) {
            return t.keyword() + " " + t.tag();
        }
        return ((Named) base).name();
    }

    @Override
    public String toString() {
        return pointers == 0 ? baseSpelling() : baseSpelling() + " " + "*".repeat(pointers);
    }
}
