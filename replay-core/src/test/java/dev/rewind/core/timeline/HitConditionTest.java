/*
 * HitConditionTest: the hit-condition forms parse as VS Code users write them, and nextAfter /
 * lastAtOrBefore (the closed forms forward and backward motions use) agree with stopsAt checked
 * hit by hit for every operator over a range of counts.
 */
package dev.rewind.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HitConditionTest {
    private static final List<String> FORMS = List.of("0", "1", "5", ">= 3", "> 3", "== 4", "= 1", "== 0",
            "< 4", "< 1", "<= 4", "<= 0", "% 1", "% 3", "% 7");

    @Test
    void parsesTheForms() {
        assertEquals(new HitCondition(">=", 5), HitCondition.parse(" 5 "));
        assertEquals(new HitCondition("==", 1), HitCondition.parse("= 1"));
        assertEquals(new HitCondition("%", 7), HitCondition.parse("%7"));
        assertThrows(IllegalArgumentException.class, () -> HitCondition.parse("% 0"));
        assertThrows(IllegalArgumentException.class, () -> HitCondition.parse("!= 3"));
        assertThrows(IllegalArgumentException.class, () -> HitCondition.parse("abc"));
    }

    @Test
    void nextAfterIsTheFirstStoppingHitAboveTheCount() {
        for (String form : FORMS) {
            HitCondition c = HitCondition.parse(form);
            for (long hits = 0; hits <= 40; hits++) {
                OptionalLong want = OptionalLong.empty();
                for (long n = hits + 1; n <= 200; n++) {
                    if (c.stopsAt(n)) {
                        want = OptionalLong.of(n);
                        break;
                    }
                }
                assertEquals(want, c.nextAfter(hits), form + " after " + hits);
            }
        }
    }

    @Test
    void lastAtOrBeforeIsTheLastStoppingHitUpToTheCount() {
        for (String form : FORMS) {
            HitCondition c = HitCondition.parse(form);
            for (long hits = 0; hits <= 40; hits++) {
                OptionalLong want = OptionalLong.empty();
                for (long n = hits; n >= 1; n--) {
                    if (c.stopsAt(n)) {
                        want = OptionalLong.of(n);
                        break;
                    }
                }
                assertEquals(want, c.lastAtOrBefore(hits), form + " up to " + hits);
            }
        }
    }

    @Test
    void moduloStopsEveryNthForwardsAndBackwards() {
        HitCondition every7 = HitCondition.parse("% 7");
        assertEquals(OptionalLong.of(7), every7.nextAfter(0));
        assertEquals(OptionalLong.of(14), every7.nextAfter(7));
        assertEquals(OptionalLong.of(7), every7.lastAtOrBefore(13));
        assertEquals(OptionalLong.empty(), every7.lastAtOrBefore(6));
    }
}
