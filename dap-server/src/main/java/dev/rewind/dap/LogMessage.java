/*
 * LogMessage: a log point's message: text with C expressions in braces ("i={i} p->x={p->x}"),
 * "{{" and "}}" for literal braces. Each expression's syntax is checked when the breakpoint is set;
 * at each hit they are evaluated and shown as a variables view shows them; one that fails shows its
 * error in angle brackets in place of the value, and the rest of the message still prints.
 */
package dev.rewind.dap;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.eval.EvalException;
import dev.rewind.core.eval.Evaluator;
import dev.rewind.core.eval.Parser;
import dev.rewind.core.values.ValueFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

public record LogMessage(List<Part> parts) {
    /** A piece of the message: literal text, or an expression to show. */
    public record Part(String text, boolean expression) {
        public Part {
            Objects.requireNonNull(text, "text");
        }
    }

    public LogMessage {
        parts = List.copyOf(parts);
    }

    /** The message written as {@code template}; IllegalArgumentException with a user message when malformed. */
    public static LogMessage parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                literal.append(c);
                i += 2;
            } else if (c == '{') {
                int close = template.indexOf('}', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("invalid log message: the '{' at column " + (i + 1)
                            + " is not closed (write {{ for a brace)");
                }
                String expression = template.substring(i + 1, close);
                try {
                    Parser.check(expression);
                } catch (EvalException e) {
                    throw new IllegalArgumentException("invalid log message: {" + BreakpointOptions.shown(expression)
                            + "}: " + e.getMessage());
                }
                if (literal.length() > 0) {
                    parts.add(new Part(literal.toString(), false));
                    literal.setLength(0);
                }
                parts.add(new Part(expression.strip(), true));
                i = close + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("invalid log message: a '}' at column " + (i + 1)
                        + " closes nothing (write }} for a brace)");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), false));
        }
        return new LogMessage(parts);
    }

    /** The message with each expression evaluated where the replay is stopped. */
    public String render(Evaluator evaluator, ValueFormatter formatter) throws AgentException {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (!p.expression()) {
                out.append(p.text());
                continue;
            }
            try {
                out.append(evaluator.show(p.text(), formatter).display());
            } catch (EvalException e) {
                out.append('<').append(e.getMessage()).append('>');
            }
        }
        return out.toString();
    }
}
