/*
 * HitSavePointsTest: which hit save points a replay may start from (only toward a later arrival
 * of their own event, every armed address counted there), which one is the latest, and where
 * HitChain cuts a long stretch (powers of two back from the target, never at or before the start).
 * The replays themselves are tested through the DAP (HitSavePointTravelTest).
 */
package dev.rewind.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.SavePoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HitSavePointsTest {
    private static final RemoteAddress BODY = RemoteAddress.of(0x401136);
    private static final RemoteAddress MIX = RemoteAddress.of(0x401150);
    private static final RemoteAddress OTHER = RemoteAddress.of(0x401200);
    private static final EventIndex E = EventIndex.of(37);

    /** A point before the {@code body}-th arrival at BODY, with {@code mix} arrivals at MIX before it. */
    private static HitSavePoints.HitPoint point(int body, int mix) {
        return new HitSavePoints.HitPoint(new SavePoint(body, E, 0), Position.at(E, BODY, body),
                Map.of(BODY, body - 1, MIX, mix));
    }

    @Test
    void servesOnlyLaterArrivalsOfItsEventWithEveryArmedAddressCounted() {
        HitSavePoints.HitPoint p = point(100, 99);
        assertTrue(p.serves(Position.at(E, BODY, 100), List.of(MIX)), "its own arrival: still to come");
        assertTrue(p.serves(Position.at(E, MIX, 100), List.of(BODY)));
        assertFalse(p.serves(Position.at(E, MIX, 99), List.of()), "that arrival came before it");
        assertFalse(p.serves(Position.at(E, BODY, 99), List.of()));
        assertFalse(p.serves(Position.at(E, OTHER, 5), List.of()), "OTHER is not counted there");
        assertFalse(p.serves(Position.at(E, BODY, 200), List.of(OTHER)), "an armed address not counted");
        assertFalse(p.serves(Position.at(EventIndex.of(38), BODY, 200), List.of()), "another event");
        assertFalse(p.serves(Position.boundary(E), List.of()));
    }

    @Test
    void aHitPointStandsBeforeAnArrival() {
        assertThrows(IllegalArgumentException.class, () -> new HitSavePoints.HitPoint(new SavePoint(1, E, 0),
                Position.boundary(E), Map.of()));
    }

    @Test
    void theLatestServingPointHasTheMostArrivalsBeforeIt() {
        HitSavePoints.HitPoint early = point(50, 49);
        HitSavePoints.HitPoint late = point(90, 89);
        Position target = Position.at(E, MIX, 95);
        assertTrue(late.progress(target, List.of(BODY)) > early.progress(target, List.of(BODY)));
    }

    @Test
    void cutsArePowersOfTwoBackFromTheTargetAfterTheStart() {
        assertEquals(List.of(), HitChain.cuts(Position.at(E, BODY, 7), 0), "a short stretch is not cut");
        assertEquals(List.of(1, 9, 13, 15, 16), HitChain.cuts(Position.at(E, BODY, 17), 0));
        assertEquals(List.of(13, 15, 16), HitChain.cuts(Position.at(E, BODY, 17), 9), "only after the start");
        List<Integer> deep = HitChain.cuts(Position.at(E, BODY, 8000), 0);
        assertEquals(13, deep.size());
        assertEquals(7999, deep.get(deep.size() - 1));
        assertTrue(deep.get(0) > 0);
    }
}
