/*
 * Token: one lexical token of a C expression, with the column (1-based) where it starts.
 * For CHAR and STRING tokens, text holds the decoded bytes, one char (0..255) per byte.
 */
package dev.rewind.core.eval;

import java.util.Objects;

record Token(Kind kind, String text, int column) {
    enum Kind {
        /** A name: variable, typedef, member, keyword. */
        IDENTIFIER,
        /** $name: a register of the innermost frame. */
        REGISTER,
        INTEGER,
        FLOATING,
        CHAR,
        STRING,
        PUNCTUATOR,
        END
    }

    Token {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (column < 1) {
            throw new IllegalArgumentException("column must be >= 1, got " + column);
        }
    }

    boolean is(String punctuator) {
        return kind == Kind.PUNCTUATOR && text.equals(punctuator);
    }

    boolean isWord(String word) {
        return kind == Kind.IDENTIFIER && text.equals(word);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case STRING -> "a string literal";
            case CHAR -> "a character literal";
            default -> "'" + text + "'";
        };
    }
}
