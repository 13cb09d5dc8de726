/*
 * RustText: text as Rust's Debug format writes it: string literals decoded as UTF-8 ("héllo",
 * with \n \t \r \0 \" \\ and a \\u{..} escape for other control characters; bytes that are not UTF-8 as \x..),
 * and chars ('é', '\n').
 */
package dev.rewind.core.values;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

final class RustText {
    private RustText() {
    }

    /** The first {@code length} bytes as a Rust string literal; {@code truncated} adds "..." after it. */
    static String string(byte[] bytes, int length, boolean truncated) {
        StringBuilder sb = new StringBuilder("\"");
        if (truncated) {
            length = wholeCharacters(bytes, length);
        }
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length));
            text.toString().codePoints().forEach(c -> sb.append(escape(c, '"')));
        } catch (CharacterCodingException e) {
            // cut inside a character (a long text shown in part) or not UTF-8: escape what is not ASCII
            for (int i = 0; i < length; i++) {
                int b = bytes[i] & 0xff;
                sb.append(b < 0x80 ? escape(b, '"') : String.format("\\x%02x", b));
            }
        }
        sb.append('"');
        return truncated ? sb.append("...").toString() : sb.toString();
    }

    /** {@code length} less a character cut at its end (a preview ends at a byte count, not a character). */
    private static int wholeCharacters(byte[] bytes, int length) {
        for (int back = 1; back <= 3 && back <= length; back++) {
            int b = bytes[length - back] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // a continuation byte: look further back for the start
            }
            int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return needed > back ? length - back : length;
        }
        return length;
    }

    /** A Rust char (a Unicode scalar value) as 'c'; a value that is none as its number. */
    static String character(long code) {
        if (code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            return code + " <not a char>";
        }
        return "'" + escape((int) code, '\'') + "'";
    }

    private static String escape(int c, char quote) {
        return switch (c) {
            case 0 -> "\\0";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\\' -> "\\\\";
            default -> {
                if (c == quote) {
                    yield "\\" + quote;
                }
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                    yield "\\u{" + Integer.toHexString(c) + "}";
                }
                yield new String(Character.toChars(c));
            }
        };
    }
}
