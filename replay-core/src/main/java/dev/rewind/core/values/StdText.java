/*
 * StdText: wide and UTF text as gdb shows it: std::wstring, std::u16string, std::u32string (and
 * their string_views) as L"...", u"...", U"...", and wchar_t / char16_t / char32_t pointers as the
 * text they point at. Code units are decoded by their size (2: UTF-16, 4: UTF-32, little-endian);
 * printable characters are shown as themselves, others escaped, a unit that is no character as
 * \x{...}. At most ValueFormatter.MAX_STRING characters are read; more are shown as "...".
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.TypeInfo;
import java.util.Optional;

final class StdText {
    private StdText() {
    }

    /** The literal prefix of a character type by its name: L (wchar_t), u (char16_t), U (char32_t); empty otherwise. */
    static Optional<String> prefix(TypeInfo t) {
        return switch (t.name()) {
            case "wchar_t" -> t.size() == 4 ? Optional.of("L") : Optional.empty();
            case "char16_t" -> t.size() == 2 ? Optional.of("u") : Optional.empty();
            case "char32_t" -> t.size() == 4 ? Optional.of("U") : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** {@code length} code units of {@code unit} bytes each (the first MAX_STRING), as a literal. */
    static String literal(String prefix, byte[] bytes, int unit, long length, boolean truncated) {
        StringBuilder sb = new StringBuilder(prefix).append('"');
        int units = (int) Math.min(length, bytes.length / unit);
        for (int i = 0; i < units; i++) {
            long code = 0;
            for (int b = unit - 1; b >= 0; b--) {
                code = (code << 8) | (bytes[i * unit + b] & 0xff);
            }
            if (unit == 2 && code >= 0xd800 && code < 0xdc00 && i + 1 < units) {
                long low = (bytes[(i + 1) * 2] & 0xff) | ((bytes[(i + 1) * 2 + 1] & 0xff) << 8);
                if (low >= 0xdc00 && low < 0xe000) {
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                    i++;
                }
            }
            sb.append(character(code));
        }
        sb.append('"');
        if (truncated) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static String character(long code) {
        if (code < 0x80) {
            return Scalars.quoteChar((int) code, '"');
        }
        if (code > Character.MAX_CODE_POINT || (code >= 0xd800 && code < 0xe000)
                || Character.isISOControl((int) code) || !Character.isDefined((int) code)) {
            return "\\x" + Long.toHexString(code);
        }
        return new String(Character.toChars((int) code));
    }

    /** The text a wchar_t/char16_t/char32_t pointer points at, up to its NUL unit. */
    static String pointed(ValueSource source, RemoteAddress at, String prefix, int unit) throws AgentException {
        byte[] bytes = source.readMemory(at, (ValueFormatter.MAX_STRING + 1) * unit);
        if (bytes.length < unit) {
            return "<unreadable>";
        }
        int n = 0;
        while ((n + 1) * unit <= bytes.length && n < ValueFormatter.MAX_STRING && !zero(bytes, n, unit)) {
            n++;
        }
        boolean more = n == ValueFormatter.MAX_STRING && (n + 1) * unit <= bytes.length && !zero(bytes, n, unit);
        return literal(prefix, bytes, unit, n, more);
    }

    private static boolean zero(byte[] bytes, int index, int unit) {
        for (int b = 0; b < unit; b++) {
            if (bytes[index * unit + b] != 0) {
                return false;
            }
        }
        return true;
    }

    /** StdFormatters' reader of the wide and UTF strings and string views. */
    static Optional<Value> string(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> data = std.field(s, "data");
        Optional<CxxLayout.Field> length = std.field(s, "length");
        Optional<Integer> unitType = data.isEmpty() ? Optional.empty() : std.layout.pointee(data.get().typeId());
        if (length.isEmpty() || unitType.isEmpty()) {
            return Optional.empty();
        }
        TypeInfo unitInfo = std.layout.strip(unitType.get());
        Optional<String> prefix = prefix(unitInfo);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        int unit = (int) unitInfo.size();
        Optional<Long> p = std.layout.word(s.at(), data.get().offset());
        Optional<Long> n = std.number(s, length.get());
        if (p.isEmpty() || n.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        long len = n.get();
        if (len < 0 || len > (1L << 40)) {
            return Optional.of(std.invalid(s, "length " + Long.toUnsignedString(len)));
        }
        int shown = (int) Math.min(len, ValueFormatter.MAX_STRING);
        byte[] bytes = shown == 0 ? new byte[0] : std.source.readMemory(RemoteAddress.of(p.get()), shown * unit);
        if (bytes.length < shown * unit) {
            return Optional.of(std.invalid(s, "length " + len + ", text at " + RemoteAddress.of(p.get())
                    + " unreadable"));
        }
        return Optional.of(std.value(s, literal(prefix.get(), bytes, unit, shown, len > shown), 0,
                StdFormatters.NONE));
    }
}
