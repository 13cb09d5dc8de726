/*
 * CxxNames: what a name means in C++ beyond C's scopes. Inside a method a name that is no local or
 * parameter is first a member of *this (through its bases), then a global: locals shadow members
 * as in C++. A qualified name `Scope::name` is an enumerator of the enum named Scope, or of an enum
 * that a member of class Scope has as its type; else a static member, a namespace-scope variable or
 * a function of that qualified name in the whole program (ProgramNames), never guessed from an
 * unqualified name that may be another one.
 */
package dev.rewind.core.eval;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

final class CxxNames {
    private final CTypes types;
    private final Conversions conv;
    private final Access access;
    private final Names names;

    CxxNames(CTypes types, Conversions conv, Access access, Names names) {
        this.types = types;
        this.conv = conv;
        this.access = access;
        this.names = names;
    }

    /**
     * {@code name} as a member of *this, when the frame is a method's, no local hides it, and this
     * class has it (a static data member of this class included); a member whose `this` is
     * optimized out is an error (a global of that name would be the wrong variable).
     */
    Optional<Operand> member(String name) throws EvalException, AgentException {
        if (name.equals("this") || names.local(name).isPresent()) {
            return Optional.empty();
        }
        Optional<dev.rewind.core.session.Variable> self = names.local("this");
        if (self.isEmpty()) {
            return Optional.empty();
        }
        TypeInfo pointer = types.strip(self.get().typeId());
        if (pointer.kind() != TypeKind.POINTER || pointer.target() == 0) {
            return Optional.empty();
        }
        if (!access.hasMember(pointer.target(), name)) {
            return staticMember(types.strip(pointer.target()), name);
        }
        Operand object = names.localOperand("this").orElseThrow();
        return Optional.of(access.member(object, name, true));
    }

    /** A static data member {@code name} of the class {@code self} (its bases are not searched). */
    private Optional<Operand> staticMember(TypeInfo self, String name) throws EvalException, AgentException {
        if (self.name().isEmpty() || !CTypes.isAggregate(self)) {
            return Optional.empty();
        }
        Optional<Operand> found = names.inProgram(self.name() + "::" + name);
        if (found.isPresent() && types.strip(found.get().typeId()).kind() == TypeKind.FUNCTION) {
            return Optional.empty(); // a member function: called as this->name(), never a value here
        }
        return found;
    }

    /** The qualified name {@code Scope::name} (Scope possibly qualified itself). */
    Operand qualified(String text) throws EvalException, AgentException {
        int split = text.lastIndexOf("::");
        String scope = text.substring(0, split);
        String name = text.substring(split + 2);
        String scopeLast = scope.substring(scope.lastIndexOf("::") < 0 ? 0 : scope.lastIndexOf("::") + 2);
        Set<Integer> memberTypes = memberTypesOf(scope);
        if (memberTypes.isEmpty()) {
            memberTypes = memberTypesOf(scopeLast);
        }
        Operand found = null;
        Set<Long> values = new HashSet<>();
        for (TypeIndex.EnumConstant c : names.enumerators(name)) {
            TypeInfo e = types.table().type(c.enumTypeId());
            // the enum's name is qualified by its namespaces and classes ("Account::Kind")
            if (e.name().equals(scope) || e.name().endsWith("::" + scope) || memberTypes.contains(c.enumTypeId())) {
                values.add(c.value());
                found = conv.ofInteger(BigInteger.valueOf(c.value()), c.enumTypeId());
            }
        }
        if (values.size() > 1) {
            throw new EvalException("'" + text + "' is ambiguous: several enums named " + scopeLast + " have it");
        }
        if (found != null) {
            return found;
        }
        Optional<Operand> elsewhere = names.inProgram(text);
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        throw new EvalException("no symbol '" + text + "' in this context");
    }

    /** The enum types of the members of the class {@code className} (empty when there is no such class). */
    private Set<Integer> memberTypesOf(String className) throws AgentException {
        Set<Integer> out = new HashSet<>();
        Optional<Integer> id = names.typeNamed(className);
        if (id.isEmpty()) {
            return out;
        }
        TypeInfo t = types.strip(id.get());
        if (t.kind() != TypeKind.STRUCT && t.kind() != TypeKind.UNION) {
            return out;
        }
        for (TypeInfo.Member m : t.members()) {
            TypeInfo mt = types.strip(m.typeId());
            if (mt.kind() == TypeKind.ENUM) {
                out.add(mt.id());
            }
        }
        return out;
    }
}
