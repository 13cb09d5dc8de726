/*
 * CleanErrors: every error the server answers is a DAP error with a one-line message and
 * body.error = {id, format, showUser}; never a Java stack trace, never an exception's class name
 * where a sentence will do. Used for lsp4j's exception handler (a request method that throws) and
 * for requests whose JSON could not be read into their argument types.
 */
package dev.rewind.dap;

import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

final class CleanErrors {
    private static final Logger LOG = Logger.getLogger(CleanErrors.class.getName());
    /** "java.lang.NumberFormatException: " and the like at the start of a message. */
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*: ");
    /** Gson's "at line 1 column 87 path $.arguments.threadId": only the path says something. */
    private static final Pattern GSON_POSITION = Pattern.compile(" at line \\d+ column \\d+ path (\\S+)");

    private CleanErrors() {
    }

    /** lsp4j's exception handler: the error a throwing request method answers with. */
    static ResponseError of(Throwable thrown) {
        Throwable t = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (t instanceof ResponseErrorException r) {
            return r.getResponseError();
        }
        LOG.log(Level.SEVERE, "a request failed inside the protocol layer", t);
        return RequestDispatcher.error(DapError.INTERNAL, RequestDispatcher.internalError("handling a request", t))
                .getResponseError();
    }

    /** The error for a request whose arguments could not be read (wrong types, broken JSON). */
    static ResponseError malformed(String command, String problem) {
        String what = command == null ? "a request" : "'" + command + "'";
        return RequestDispatcher.error(DapError.BAD_ARGUMENTS, "the arguments of " + what + " are malformed: " + problem)
                .getResponseError();
    }

    /** One readable line for an exception from JSON parsing: no class names, no links, no stack. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        Throwable cause = t.getCause();
        while ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
            cause = cause.getCause();
        }
        return clean(message == null ? t.getClass().getSimpleName() : message);
    }

    /** {@code message} without exception class prefixes, Gson's advice links and positions. */
    static String clean(String message) {
        String line = message.lines().filter(l -> !l.startsWith("See http")).findFirst().orElse("").strip();
        String previous;
        do {
            previous = line;
            line = EXCEPTION_PREFIX.matcher(line).replaceFirst("");
        } while (!line.equals(previous));
        line = GSON_POSITION.matcher(line).replaceAll(" at $1");
        if (line.length() > 300) {
            line = line.substring(0, 300) + "...";
        }
        return line.isEmpty() ? "unreadable JSON" : line;
    }
}
