/*
 * ExpressionDepthTest: hostile expressions (thousands of parentheses, long operator chains, long
 * runs of unary operators and casts) are refused at once with "expression nested too deeply",
 * never a StackOverflowError; expressions at the limit still parse and evaluate.
 */
package dev.rewind.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionDepthTest extends EvalFixture {
    private static final String TOO_DEEP = "expression nested too deeply (limit " + Parser.MAX_DEPTH + ")";

    /** Hostile shapes, each far past the limit. */
    private static List<String> hostile() {
        return List.of(
                "(".repeat(2_000) + "1" + ")".repeat(2_000),
                "1" + " + 1".repeat(50_000),
                "*".repeat(100_000) + "p",
                "-".repeat(3_000) + "1", // "--" is refused as a decrement; "- - -" is not
                "- ".repeat(3_000) + "1",
                "(int)".repeat(3_000) + "1",
                "sizeof ".repeat(3_000) + "i",
                "a" + "[0]".repeat(5_000),
                "p" + "->next".repeat(5_000),
                "1 ? 2 : ".repeat(3_000) + "3",
                "a[".repeat(3_000) + "0" + "]".repeat(3_000),
                "i < i == ".repeat(10_000) + "i");
    }

    @Test
    void hostileExpressionsAreRefusedNotOverflowed() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String text : hostile()) {
                String message = assertThrows(EvalException.class, () -> Parser.check(text),
                        () -> "accepted " + text.substring(0, 40)).getMessage();
                assertTrue(message.startsWith(TOO_DEEP) || message.contains("not allowed"),
                        () -> text.substring(0, 40) + ": " + message);
            }
        });
    }

    @Test
    void evaluatorRefusesThemToo() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String text : hostile()) {
                String message = error(text);
                assertTrue(message.startsWith(TOO_DEEP) || message.contains("not allowed"),
                        () -> text.substring(0, 40) + ": " + message);
            }
        });
    }

    @Test
    void expressionsWithinTheLimitStillEvaluate() throws Exception {
        int levels = Parser.MAX_DEPTH / 2;
        assertEquals("7", show("(".repeat(levels) + "i" + ")".repeat(levels)));
        assertEquals(String.valueOf(levels + 7), show("i" + " + 1".repeat(levels)));
        assertEquals("7", show("- ".repeat(levels) + "i")); // an even number of negations
        assertEquals("7", show("(int)".repeat(levels) + "i"));
    }
}
