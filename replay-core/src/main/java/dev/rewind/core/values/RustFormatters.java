/*
 * RustFormatters: Rust values as rust-gdb and CodeLLDB show them. One table of the standard
 * library's types (keyed by the type's name as rustc's DWARF spells it: "String", "Vec<i32, ...>",
 * "&str", "&[T]", "Rc<T, ...>", "HashMap<K, V, ...>", "BTreeMap<K, V, ...>"), each with its reader
 * (RustCollections, RustBTree), then
 * the language's own shapes: enums by their variant part (RUST_TYPE_INFO: Option, Result and the
 * program's enums, niche-optimised ones included), tuples "(1, 'x')" and tuple structs "Point(3, -5)".
 *
 * Invariants: a reader applies only when every member it needs exists with the expected kind
 * (rustc's std layouts differ between versions: each reader knows the ones of rustc 1.63 and of
 * today's), else the value is shown raw; an enum whose discriminant selects no variant, or whose
 * variant part the agent does not read, is never shown as some variant. The raw layout stays
 * reachable as "[raw]".
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.RustVariants;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

final class RustFormatters {
    private static StdFormatters.Family family(String name, String pattern, StdFormatters.Reader reader) {
        return new StdFormatters.Family(name, Pattern.compile(pattern), Map.of(), reader);
    }

    static final List<StdFormatters.Family> FAMILIES = List.of(
            family("String", "^(?:alloc::string::)?String$", RustCollections::string),
            family("&str", "^&(?:mut )?str$", RustCollections::str),
            family("Vec", "^(?:alloc::vec::)?Vec<", RustCollections::vec),
            family("slice", "^&(?:mut )?\\[", RustCollections::slice),
            family("Rc", "^(?:alloc::rc::)?Rc<", RustCollections::rc),
            family("Arc", "^(?:alloc::sync::)?Arc<", RustCollections::arc),
            family("HashMap", "^(?:std::collections::hash::map::)?HashMap<", RustCollections::hashMap),
            family("HashSet", "^(?:std::collections::hash::set::)?HashSet<", RustCollections::hashSet),
            family("BTreeMap", "^(?:alloc::collections::btree::map::)?BTreeMap<", RustBTree::map),
            family("BTreeSet", "^(?:alloc::collections::btree::set::)?BTreeSet<", RustBTree::set));

    private static final StdFormatters.Family ENUM = family("enum", "", RustFormatters::enumValue);
    private static final Pattern TUPLE_FIELD = Pattern.compile("__\\d+");

    private final StdFormatters std;

    RustFormatters(StdFormatters std) {
        this.std = std;
    }

    /** The name of the std family whose reader shows values of type {@code typeId} ("Vec", "String"). */
    Optional<String> familyOf(int typeId) throws AgentException {
        TypeInfo t = std.layout.strip(typeId);
        if (t.kind() != TypeKind.STRUCT) {
            return Optional.empty();
        }
        for (StdFormatters.Family f : FAMILIES) {
            if (f.pattern().matcher(t.name()).find()) {
                return Optional.of(f.name());
            }
        }
        return Optional.empty();
    }

    /** The value formatted as Rust shows it, or empty when no Rust shape applies (shown raw then). */
    Optional<Value> format(String name, int typeId, String typeName, Placed at) throws AgentException {
        TypeInfo t = std.layout.strip(typeId);
        if (t.kind() != TypeKind.STRUCT) {
            return Optional.empty();
        }
        for (StdFormatters.Family f : FAMILIES) {
            if (f.pattern().matcher(t.name()).find()) {
                Optional<Value> v = f.reader().read(std, new StdFormatters.Subject(name, t.id(), typeName, at, f));
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        if (t.members().isEmpty() && t.size() > 0 && std.source.rust(t.id()).isEnum()) {
            return enumValue(std, new StdFormatters.Subject(name, t.id(), typeName, at, ENUM));
        }
        if (isTuple(t)) {
            return Optional.of(tuple(name, t, typeName, at));
        }
        return Optional.empty();
    }

    /** Members __0, __1, ... in order: a tuple or a tuple struct (or a tuple variant's fields). */
    static boolean isTuple(TypeInfo t) {
        if (t.members().isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.members().size(); i++) {
            if (!t.members().get(i).name().equals("__" + i)) {
                return false;
            }
        }
        return true;
    }

    /** "(1, 'x')" for a tuple, "Point(3, -5)" for a tuple struct; its fields as children. */
    private Value tuple(String name, TypeInfo t, String typeName, Placed at) throws AgentException {
        String prefix = t.name().startsWith("(") ? "" : t.name();
        Value raw = std.formatter.formatRaw(name, t.id(), at);
        List<Value> fields = std.formatter.children(raw.expansion().orElseThrow(), 0, -1);
        return new Value(name, prefix + "(" + displays(fields, false) + ")", typeName, at.address(), Optional.empty(),
                raw.expansion());
    }

    /** An enum: the variant its discriminant selects, "Some(7)", "Word{text: "hi", upper: true}", "None". */
    private static Optional<Value> enumValue(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        RustVariants v = std.source.rust(s.typeId());
        if (v.state() != RustVariants.READ) {
            return Optional.empty();
        }
        long discr = 0;
        int size = 0;
        if (v.discrType() != 0) {
            TypeInfo d = std.layout.strip(v.discrType());
            size = (int) d.size();
            Optional<Long> value = std.layout.unsigned(s.at(), v.discrOffset(), size);
            if (value.isEmpty()) {
                return Optional.of(std.invalid(s, "discriminant unreadable"));
            }
            discr = value.get();
        }
        Optional<RustVariants.Variant> chosen = v.select(discr, size);
        if (chosen.isEmpty()) {
            return Optional.of(std.invalid(s, "discriminant " + Long.toUnsignedString(discr) + " selects no variant"));
        }
        RustVariants.Variant variant = chosen.get();
        TypeInfo fieldsType = std.layout.strip(variant.typeId());
        Placed at = s.at().slice(variant.offset(), fieldsType.size());
        Value raw = std.formatter.formatRaw(variant.name(), variant.typeId(), at);
        List<Value> fields = fieldsType.kind() == TypeKind.STRUCT && !fieldsType.members().isEmpty()
                ? std.formatter.children(raw.expansion().orElseThrow(), 0, -1) : List.of();
        String display = variant.name();
        if (!fields.isEmpty()) {
            boolean tuple = isTuple(fieldsType);
            display += tuple ? "(" + displays(fields, false) + ")" : "{" + displays(fields, true) + "}";
        }
        return Optional.of(std.value(s, display, 0, StdFormatters.named(() -> fields)));
    }

    /** "a, b" or, with names, "x: a, y: b" (nested values as their one-line displays). */
    private static String displays(List<Value> fields, boolean named) {
        List<String> parts = new ArrayList<>();
        for (Value f : fields) {
            parts.add(named ? f.name() + ": " + f.display() : f.display());
        }
        return String.join(", ", parts);
    }
}
