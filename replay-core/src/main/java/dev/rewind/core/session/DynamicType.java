/*
 * DynamicType: the most-derived class of a polymorphic object (from its vtable) and where that
 * whole object starts.
 */
package dev.rewind.core.session;

import dev.rewind.core.model.RemoteAddress;
import java.util.Objects;

public record DynamicType(int typeId, RemoteAddress start) {
    public DynamicType {
        Objects.requireNonNull(start, "start");
        if (typeId <= 0) {
            throw new IllegalArgumentException("dynamic type id " + typeId);
        }
    }
}
