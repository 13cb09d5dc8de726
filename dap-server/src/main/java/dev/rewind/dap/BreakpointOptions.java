/*
 * BreakpointOptions: what a breakpoint asks beyond its place: a condition (a C expression, its
 * syntax checked when set), a hit condition, a log message (a log point never stops). Made from a
 * DAP request's strings; blank strings mean "none".
 */
package dev.rewind.dap;

import dev.rewind.core.eval.EvalException;
import dev.rewind.core.eval.Parser;
import dev.rewind.core.timeline.HitCondition;
import java.util.Objects;
import java.util.Optional;

public record BreakpointOptions(Optional<String> condition, Optional<HitCondition> hitCondition,
                                Optional<LogMessage> logMessage) {
    public static final BreakpointOptions NONE = new BreakpointOptions(Optional.empty(), Optional.empty(),
            Optional.empty());

    public BreakpointOptions {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(hitCondition, "hitCondition");
        Objects.requireNonNull(logMessage, "logMessage");
    }

    /**
     * The options of a DAP breakpoint (any argument may be null); IllegalArgumentException with a
     * user message ("invalid condition 'i ==': the expression ends where a value should be").
     */
    public static BreakpointOptions of(String condition, String hitCondition, String logMessage) {
        Optional<String> c = present(condition);
        if (c.isPresent()) {
            try {
                Parser.check(c.get());
            } catch (EvalException e) {
                throw new IllegalArgumentException("invalid condition '" + shown(c.get()) + "': " + e.getMessage());
            }
        }
        return new BreakpointOptions(c, present(hitCondition).map(HitCondition::parse),
                present(logMessage).map(LogMessage::parse));
    }

    /** An expression as messages quote it: at most 80 characters. */
    public static String shown(String expression) {
        return expression.length() <= 80 ? expression : expression.substring(0, 77) + "...";
    }

    private static Optional<String> present(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
