/*
 * CxxFacts: what a C++ type is beyond its C shape (the agent's CXX_TYPE_INFO): whether a pointer type
 * is a reference, which members are base-class subobjects, the template type arguments.
 */
package dev.rewind.core.session;

import java.util.List;

/**
 * @param reference    0 none, 1 lvalue reference, 2 rvalue reference (pointer types only)
 * @param baseMembers  indexes into TypeInfo.members() of the base-class subobjects
 * @param templateArgs template type arguments in order (value arguments left out)
 */
public record CxxFacts(int typeId, int reference, List<Integer> baseMembers, List<Integer> templateArgs) {
    public CxxFacts {
        baseMembers = List.copyOf(baseMembers);
        templateArgs = List.copyOf(templateArgs);
        if (reference < 0 || reference > 2) {
            throw new IllegalArgumentException("reference kind " + reference);
        }
    }

    /** The facts of a type with none of them (C types). */
    public static CxxFacts none(int typeId) {
        return new CxxFacts(typeId, 0, List.of(), List.of());
    }

    public boolean isReference() {
        return reference != 0;
    }

    public boolean isBase(int memberIndex) {
        return baseMembers.contains(memberIndex);
    }
}
