/*
 * EvalException: an expression that cannot be parsed or evaluated, with a one-line message meant
 * for the user as it is ("no symbol 'x' in this context", "division by zero").
 */
package dev.rewind.core.eval;

public final class EvalException extends Exception {
    public EvalException(String message) {
        super(message);
        if (message == null || message.isBlank() || message.contains("\n")) {
            throw new IllegalArgumentException("an evaluation error needs a one-line message, got: " + message);
        }
    }
}
