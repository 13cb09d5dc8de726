/*
 * Lexer: splits a C expression into tokens: names, $registers, integer and floating literals (their
 * suffixes kept in the text), character and string literals (escapes decoded), punctuators.
 * After a name, ')' or ']', ".0" is a member access of a tuple field (Rust's `pair.0`), not a number.
 */
package dev.rewind.core.eval;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

final class Lexer {
    /** Longest first, so that "<<=" wins over "<<" and "<". */
    private static final List<String> PUNCTUATORS = List.of(
            "<<=", ">>=", "::", "->", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=",
            "%=", "&=", "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", "?", ":", ".",
            "[", "]", "(", ")", ",", "{", "}", ";");

    private final String text;
    private int pos;
    /** The token read last (null before the first): what ".0" follows decides what it is. */
    private Token previous;
    /** Whether the previous token is a tuple field's number (pair.1), which a further ".0" may follow. */
    private boolean fieldNumber;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) throws EvalException {
        Lexer lexer = new Lexer(text);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            lexer.previous = t;
            out.add(t);
        } while (t.kind() != Token.Kind.END);
        return out;
    }

    private Token next() throws EvalException {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        int column = start + 1;
        if (pos >= text.length()) {
            return new Token(Token.Kind.END, "", column);
        }
        char c = text.charAt(pos);
        if (isIdentifierStart(c)) {
            return new Token(Token.Kind.IDENTIFIER, word(), column);
        }
        if (c == '$') {
            pos++;
            String name = word();
            if (name.isEmpty()) {
                throw new EvalException("expected a register name after '$' at column " + column);
            }
            return new Token(Token.Kind.REGISTER, name, column);
        }
        boolean field = fieldNumber;
        fieldNumber = false;
        if (c == '.' && previous != null && (previous.kind() == Token.Kind.IDENTIFIER || previous.is(")")
                || previous.is("]") || field)) {
            pos++;
            return new Token(Token.Kind.PUNCTUATOR, ".", column); // a tuple field follows: pair.0
        }
        if (previous != null && previous.is(".") && Character.isDigit(c)) {
            int digits = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            fieldNumber = true;
            return new Token(Token.Kind.INTEGER, text.substring(digits, pos), column); // the field's number only
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number(column);
        }
        if (c == '\'') {
            byte[] bytes = quoted('\'', column);
            if (bytes.length != 1) {
                throw new EvalException("a character literal holds one character (column " + column + ")");
            }
            return new Token(Token.Kind.CHAR, latin1(bytes), column);
        }
        if (c == '"') {
            return new Token(Token.Kind.STRING, latin1(quoted('"', column)), column);
        }
        for (String p : PUNCTUATORS) {
            if (text.startsWith(p, pos)) {
                pos += p.length();
                return new Token(Token.Kind.PUNCTUATOR, p, column);
            }
        }
        throw new EvalException("unexpected character '" + c + "' at column " + column);
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (isIdentifierStart(text.charAt(pos)) || Character.isDigit(text.charAt(pos)))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** Digits, hex digits, a fraction, an exponent and suffix letters: checked when the parser reads it. */
    private Token number(int column) {
        int start = pos;
        boolean floating = false;
        boolean hex = text.startsWith("0x", pos) || text.startsWith("0X", pos);
        if (hex) {
            pos += 2;
        }
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean exponent = hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E');
            if (exponent && pos + 1 < text.length() && (text.charAt(pos + 1) == '+' || text.charAt(pos + 1) == '-')) {
                floating = true;
                pos += 2;
            } else if (c == '.' || exponent) {
                floating = true;
                pos++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                pos++;
            } else {
                break;
            }
        }
        return new Token(floating ? Token.Kind.FLOATING : Token.Kind.INTEGER, text.substring(start, pos), column);
    }

    /** The bytes of a quoted literal (UTF-8 for plain characters), escapes decoded. */
    private byte[] quoted(char quote, int column) throws EvalException {
        pos++; // the opening quote
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= text.length()) {
                throw new EvalException("missing closing " + quote + " for the literal at column " + column);
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toByteArray();
            }
            if (c != '\\') {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                continue;
            }
            if (pos >= text.length()) {
                throw new EvalException("missing closing " + quote + " for the literal at column " + column);
            }
            out.write(escape(column));
        }
    }

    private int escape(int column) throws EvalException {
        char e = text.charAt(pos++);
        switch (e) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'a': return 7;
            case 'b': return '\b';
            case 'f': return '\f';
            case 'v': return 11;
            case 'e': return 27;
            case '\\': case '\'': case '"': case '?': return e;
            case 'x': {
                int start = pos;
                while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                    pos++;
                }
                if (start == pos) {
                    throw new EvalException("\\x without hex digits in the literal at column " + column);
                }
                return Integer.parseInt(text.substring(start, Math.min(pos, start + 8)), 16) & 0xff;
            }
            default:
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int i = 0; i < 2 && pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '7'; i++) {
                        v = v * 8 + (text.charAt(pos++) - '0');
                    }
                    return v & 0xff;
                }
                throw new EvalException("unknown escape '\\" + e + "' in the literal at column " + column);
        }
    }

    /** True when {@code text} is one C identifier (and no keyword of the expression syntax). */
    static boolean isIdentifier(String text) {
        if (text.isEmpty() || !isIdentifierStart(text.charAt(0)) || text.equals("sizeof")) {
            return false;
        }
        return text.chars().allMatch(c -> isIdentifierStart((char) c) || Character.isDigit(c));
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || (c < 128 && Character.isLetter(c));
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
