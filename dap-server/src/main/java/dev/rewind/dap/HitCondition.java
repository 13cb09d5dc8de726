/*
 * HitCondition: when a breakpoint stops, by how many times it has been hit (its condition, if any,
 * true) in this session. The forms, as VS Code users write them (gdb's ignore counts for a plain N):
 *   "N" or ">= N"  stop at the N-th hit and every hit after it;
 *   "== N" or "= N" stop at the N-th hit only;
 *   "> N", "< N", "<= N" as they read;
 *   "% N"          stop at every N-th hit (N, 2N, ...).
 */
package dev.rewind.dap;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public record HitCondition(String operator, long count) {
    private static final Pattern FORM = Pattern.compile("\\s*(>=|<=|==|=|>|<|%)?\\s*([0-9]{1,18})\\s*");

    public HitCondition {
        Objects.requireNonNull(operator, "operator");
        if (!operator.matches(">=|<=|==|>|<|%")) {
            throw new IllegalArgumentException("unknown hit condition operator " + operator);
        }
        if (count < 0 || (operator.equals("%") && count == 0)) {
            throw new IllegalArgumentException("bad hit count " + count + " for " + operator);
        }
    }

    /** The hit condition written as {@code text}; IllegalArgumentException with a user message when malformed. */
    public static HitCondition parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid hit condition '" + text.strip()
                    + "': write N (the N-th hit and after), >= N, == N, > N, < N, <= N or % N");
        }
        String op = m.group(1) == null ? ">=" : m.group(1).equals("=") ? "==" : m.group(1);
        long n = Long.parseLong(m.group(2));
        if (op.equals("%") && n == 0) {
            throw new IllegalArgumentException("invalid hit condition '" + text.strip() + "': % needs a count above 0");
        }
        return new HitCondition(op, n);
    }

    /** True when the breakpoint stops at its {@code hits}-th hit. */
    public boolean stopsAt(long hits) {
        return switch (operator) {
            case ">=" -> hits >= count;
            case "<=" -> hits <= count;
            case "==" -> hits == count;
            case ">" -> hits > count;
            case "<" -> hits < count;
            default -> hits % count == 0;
        };
    }
}
