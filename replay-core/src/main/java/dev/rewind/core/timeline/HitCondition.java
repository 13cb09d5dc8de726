/*
 * HitCondition: when a breakpoint stops, by how many times it has been hit (its condition, if any,
 * true) in this session. The forms, as VS Code users write them (gdb's ignore counts for a plain N):
 *   "N" or ">= N"  stop at the N-th hit and every hit after it;
 *   "== N" or "= N" stop at the N-th hit only;
 *   "> N", "< N", "<= N" as they read;
 *   "% N"          stop at every N-th hit (N, 2N, ...).
 * The Timeline's semantics, forwards and backwards: which hit numbers stop (stopsAt), the first
 * one after a count (nextAfter: how many arrivals a forward run may pass unjudged) and the last
 * one at or before a count (lastAtOrBefore: where a backward search lands), in closed form, never
 * hit by hit. Hits are numbered from 1.
 */
package dev.rewind.core.timeline;

import java.util.Objects;
import java.util.OptionalLong;
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

    /** The first hit number above {@code hits} (≥ 0) that stops; empty when none does. */
    public OptionalLong nextAfter(long hits) {
        if (hits < 0) {
            throw new IllegalArgumentException("negative hit count " + hits);
        }
        long n = hits + 1;
        return switch (operator) {
            case ">=" -> OptionalLong.of(Math.max(n, count));
            case ">" -> count == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(Math.max(n, count + 1));
            case "==" -> n <= count && count >= 1 ? OptionalLong.of(count) : OptionalLong.empty();
            case "<" -> n < count ? OptionalLong.of(n) : OptionalLong.empty();
            case "<=" -> n <= count ? OptionalLong.of(n) : OptionalLong.empty();
            default -> OptionalLong.of((hits / count + 1) * count);
        };
    }

    /** The last hit number from 1 to {@code hits} that stops; empty when none does. */
    public OptionalLong lastAtOrBefore(long hits) {
        if (hits < 1) {
            return OptionalLong.empty();
        }
        long last = switch (operator) {
            case ">=" -> hits >= count ? hits : 0;
            case ">" -> hits > count ? hits : 0;
            case "==" -> hits >= count ? count : 0;
            case "<" -> Math.min(hits, count - 1);
            case "<=" -> Math.min(hits, count);
            default -> hits / count * count;
        };
        return last >= 1 ? OptionalLong.of(last) : OptionalLong.empty();
    }
}
