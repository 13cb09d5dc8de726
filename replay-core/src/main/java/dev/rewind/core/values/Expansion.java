/*
 * Expansion: how a value opens up in a variables view: a struct's or union's members, an array's
 * elements (indexed, fetched a page at a time), what a pointer points to, or the children a C++
 * library formatter makes (a container's elements, a smart pointer's pointee, "[raw]").
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import java.util.List;
import java.util.Objects;

public sealed interface Expansion {
    /** Children with names (members, a pointee). */
    int namedCount();

    /** Children by index (array elements). */
    long indexedCount();

    record Members(int typeId, Placed at) implements Expansion {
        public Members {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public int namedCount() {
            return -1; // known once the type is: ValueFormatter.children lists them
        }

        @Override
        public long indexedCount() {
            return 0;
        }
    }

    record Elements(int elementTypeId, long elementSize, long count, Placed at) implements Expansion {
        public Elements {
            Objects.requireNonNull(at, "at");
            if (elementSize < 0 || count < 0) {
                throw new IllegalArgumentException("negative element size or count");
            }
        }

        @Override
        public int namedCount() {
            return 0;
        }

        @Override
        public long indexedCount() {
            return count;
        }
    }

    /** @param name the child's name, "*p" */
    record Pointee(String name, int typeId, RemoteAddress target) implements Expansion {
        public Pointee {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public int namedCount() {
            return 1;
        }

        @Override
        public long indexedCount() {
            return 0;
        }
    }

    /**
     * Children made by a formatter (StdFormatters): named ones (a pointee, counts, "[raw]") and
     * {@code count} indexed ones, read from the replayed process a page at a time when asked for.
     * {@code named} is how many named children there are (-1: known once listed).
     */
    record Synthetic(long count, int named, Children children) implements Expansion {
        public Synthetic {
            Objects.requireNonNull(children, "children");
            if (count < 0) {
                throw new IllegalArgumentException("negative element count");
            }
        }

        @Override
        public int namedCount() {
            return named;
        }

        @Override
        public long indexedCount() {
            return count;
        }
    }

    /** How a Synthetic expansion's children are made. */
    interface Children {
        List<Value> named() throws AgentException;

        /** Elements [from, to): fewer, ending with an explanation, where the container is damaged. */
        List<Value> indexed(long from, long to) throws AgentException;
    }

    /** How a container reads its elements [from, to) (as {@link Children#indexed}). */
    @FunctionalInterface
    interface ElementRange {
        List<Value> read(long from, long to) throws AgentException;
    }

    /** Children that are only indexed (no named ones), read by {@code elements}. */
    static Children indexedOnly(ElementRange elements) {
        return new Children() {
            @Override
            public List<Value> named() {
                return List.of();
            }

            @Override
            public List<Value> indexed(long from, long to) throws AgentException {
                return elements.read(from, to);
            }
        };
    }
}
