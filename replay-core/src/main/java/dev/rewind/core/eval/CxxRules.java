/*
 * CxxRules: the C++ rules the evaluator applies on top of C's: a reference stands for its referent
 * (so `r + 1`, `&r`, `sizeof r` and `r.x` mean what they mean in C++), and a pointer converted
 * between classes related by inheritance moves by the base subobject's offset (static_cast and C
 * casts; 0 stays 0), which is not 0 for a base that is not the first. Base subobjects are the
 * members the agent marks as bases (CXX_TYPE); a class reached twice through different paths
 * (non-virtual diamond) is ambiguous and refused, as the compiler refuses it.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class CxxRules {
    /** How deep base classes are searched (far beyond real hierarchies). */
    private static final int MAX_BASE_DEPTH = 32;

    private final CTypes types;
    private final Conversions conv;

    CxxRules(CTypes types, Conversions conv) {
        this.types = types;
        this.conv = conv;
    }

    /** True when {@code typeId} is a C++ lvalue or rvalue reference (through typedefs). */
    boolean isReference(int typeId) throws AgentException {
        TypeInfo t = types.strip(typeId);
        return t.kind() == TypeKind.POINTER && types.table().cxx(t.id()).isReference();
    }

    /** The referent when {@code o} is a reference (the object in memory it refers to), else {@code o}. */
    Operand referent(Operand o) throws EvalException, AgentException {
        if (!isReference(o.typeId())) {
            return o;
        }
        TypeInfo t = types.strip(o.typeId());
        long address = conv.integer(o).longValue();
        return Operand.inMemory(t.target(), RemoteAddress.of(address));
    }

    /**
     * {@code o} converted to {@code target} as static_cast (and a C cast) converts it: a pointer to a
     * class converted to a pointer to a base or derived class moves by the base's offset.
     */
    Operand cast(Operand o, int target) throws EvalException, AgentException {
        Operand d = conv.decay(o);
        TypeInfo from = types.strip(d.typeId());
        TypeInfo to = types.strip(target);
        if (from.kind() != TypeKind.POINTER || to.kind() != TypeKind.POINTER) {
            return conv.convert(o, target);
        }
        Optional<TypeInfo> fromClass = classOf(from.target());
        Optional<TypeInfo> toClass = classOf(to.target());
        if (fromClass.isEmpty() || toClass.isEmpty() || fromClass.get().id() == toClass.get().id()) {
            return conv.convert(o, target);
        }
        BigInteger pointer = conv.integer(d);
        Optional<Long> up = baseOffset(fromClass.get(), toClass.get());
        Optional<Long> down = up.isPresent() ? Optional.empty() : baseOffset(toClass.get(), fromClass.get());
        if (up.isEmpty() && down.isEmpty()) {
            return conv.convert(o, target); // unrelated classes: the address is kept, as C casts keep it
        }
        if (pointer.signum() == 0) {
            return conv.ofInteger(BigInteger.ZERO, target);
        }
        BigInteger moved = up.isPresent() ? pointer.add(BigInteger.valueOf(up.get()))
                : pointer.subtract(BigInteger.valueOf(down.get()));
        return conv.ofInteger(moved, target);
    }

    /**
     * The qualified name of member function {@code method} of {@code object}'s class, to call it
     * with the object as `this`: refused when the object is not a class object in memory, or is
     * polymorphic and its dynamic class (from its vtable) is another or unknown, since a virtual
     * call would run the override (virtual dispatch is not done).
     */
    String methodOf(Operand object, String method) throws EvalException, AgentException {
        TypeInfo cls = types.strip(object.typeId());
        if (cls.kind() != TypeKind.STRUCT && cls.kind() != TypeKind.UNION) {
            throw new EvalException("'." + method + "()' needs a class object, not " + types.name(object.typeId()));
        }
        if (object.address().isEmpty()) {
            throw new EvalException("the object of '." + method + "()' is not in memory: it cannot be passed as this");
        }
        String name = cls.name().replaceFirst("^(struct|class|union) ", "");
        if (name.isEmpty()) {
            throw new EvalException("the class of '." + method + "()' has no name");
        }
        if (isPolymorphic(cls, 0)) {
            Optional<dev.rewind.core.session.DynamicType> dynamic =
                    types.memory().dynamicType(cls.id(), object.address().get());
            String dynamicName = dynamic.isPresent() ? types.strip(dynamic.get().typeId()).name() : "";
            if (!dynamicName.equals(cls.name())) {
                throw new EvalException("the object's dynamic class is " + (dynamicName.isEmpty() ? "unknown"
                        : dynamicName) + ", not " + name + ": calling through the vtable (virtual"
                        + " dispatch) is not supported yet; cast it to its class first");
            }
        }
        return name + "::" + method;
    }

    /** True when the class or one of its bases has a vtable pointer. */
    private boolean isPolymorphic(TypeInfo t, int depth) throws AgentException {
        if (depth > MAX_BASE_DEPTH) {
            return false;
        }
        for (TypeInfo.Member m : t.members()) {
            if (m.name().startsWith("_vptr")) {
                return true;
            }
        }
        for (int index : types.table().cxx(t.id()).baseMembers()) {
            if (index >= 0 && index < t.members().size()) {
                TypeInfo b = types.strip(t.members().get(index).typeId());
                if (b.kind() == TypeKind.STRUCT && isPolymorphic(b, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<TypeInfo> classOf(int typeId) throws AgentException {
        if (typeId == 0) {
            return Optional.empty();
        }
        TypeInfo t = types.strip(typeId);
        return t.kind() == TypeKind.STRUCT ? Optional.of(t) : Optional.empty();
    }

    /**
     * The offset of base class {@code base} inside {@code derived}; empty when it is not a base.
     * Classes are compared by name as well as id: a class may have several type ids (one per
     * compilation unit), never several definitions.
     */
    Optional<Long> baseOffset(TypeInfo derived, TypeInfo base) throws EvalException, AgentException {
        List<Long> found = new ArrayList<>();
        collect(derived, base, 0, 0, found);
        if (found.size() > 1) {
            throw new EvalException(base.name() + " is an ambiguous base of " + derived.name()
                    + " (it is reached through several paths)");
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private void collect(TypeInfo t, TypeInfo base, long offset, int depth, List<Long> found)
            throws AgentException {
        if (depth > MAX_BASE_DEPTH) {
            return;
        }
        List<TypeInfo.Member> members = t.members();
        for (int index : types.table().cxx(t.id()).baseMembers()) {
            if (index < 0 || index >= members.size()) {
                continue;
            }
            TypeInfo.Member m = members.get(index);
            TypeInfo b = types.strip(m.typeId());
            if (b.kind() != TypeKind.STRUCT) {
                continue;
            }
            if (b.id() == base.id() || (!b.name().isEmpty() && b.name().equals(base.name()))) {
                found.add(offset + m.offset());
            } else {
                collect(b, base, offset + m.offset(), depth + 1, found);
            }
        }
    }
}
