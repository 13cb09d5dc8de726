/*
 * ValueSource: what formatting a value needs from a stopped replay: the program's C types by id and
 * its memory. ReplaySession is one; tests use a map-backed one.
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.CxxFacts;
import dev.rewind.core.session.DynamicType;
import dev.rewind.core.session.TypeInfo;
import java.util.Optional;

public interface ValueSource {
    /** The type with this id (0 is void). */
    TypeInfo type(int id) throws AgentException;

    /** Up to {@code length} bytes at {@code address}; fewer, down to none, where memory is not readable. */
    byte[] readMemory(RemoteAddress address, int length) throws AgentException;

    /**
     * The function {@code address} is in, as gdb names it after a code pointer: "compare", or
     * "compare+4" inside it; empty when no function is known there.
     */
    default java.util.Optional<String> functionAt(RemoteAddress address) throws AgentException {
        return java.util.Optional.empty();
    }

    /** The C++ facts of a type (references, bases, template arguments); none for C programs. */
    default CxxFacts cxx(int id) throws AgentException {
        return CxxFacts.none(id);
    }

    /** The variant part of a Rust enum type; none for other types and C and C++ programs. */
    default dev.rewind.core.session.RustVariants rust(int id) throws AgentException {
        return dev.rewind.core.session.RustVariants.none(id);
    }

    /** The most-derived class of the polymorphic object of type {@code id} at {@code object}, when known. */
    default Optional<DynamicType> dynamicType(int id, RemoteAddress object) throws AgentException {
        return Optional.empty();
    }
}
