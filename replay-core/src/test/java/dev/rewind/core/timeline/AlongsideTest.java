/*
 * AlongsideTest: a seek toward an arrival at a pc a stepBack started from arms, counted only,
 * what that stepBack armed (never twice, never the pc itself, never past FIND_LAST's limit), so
 * that a hit save point it leaves serves the same stepBack; other pcs and kinds get nothing.
 */
package dev.rewind.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.core.agent.SearchMessages;
import dev.rewind.core.agent.SearchMessages.ArmedAddress;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.SavePoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlongsideTest {
    private static final RemoteAddress BODY = RemoteAddress.of(0x401136);
    private static final RemoteAddress MIX = RemoteAddress.of(0x401150);
    private static final RemoteAddress CALL = RemoteAddress.of(0x401200);
    private static final EventIndex E = EventIndex.of(37);

    @Test
    void aSeekToANotedPcCountsWhatTheStepBackArmed() {
        Alongside alongside = new Alongside();
        List<RemoteAddress> stepBackArms = List.of(BODY, MIX, CALL);
        alongside.note(BODY, stepBackArms);
        List<ArmedAddress> user = List.of(ArmedAddress.anyFrame(MIX));
        List<ArmedAddress> seek = alongside.with(BODY, user);
        assertEquals(List.of(ArmedAddress.anyFrame(MIX), ArmedAddress.countOnly(CALL)), seek);
        assertEquals(Set.copyOf(stepBackArms), alongside.of(Position.at(E, BODY, 5)));
        assertEquals(user, alongside.with(MIX, user));
        assertEquals(Set.of(), alongside.of(Position.boundary(E)));

        // a save point the seek leaves counts BODY, MIX and CALL: it serves the stepBack
        Map<RemoteAddress, Integer> before = new HashMap<>();
        before.put(BODY, 41);
        seek.forEach(a -> before.put(a.address(), 3));
        HitSavePoints.HitPoint point = new HitSavePoints.HitPoint(new SavePoint(1, E, 0), Position.at(E, BODY, 42),
                before);
        assertTrue(point.serves(Position.at(E, BODY, 43), stepBackArms));
    }

    @Test
    void neverPastTheLimitOfARequest() {
        Alongside alongside = new Alongside();
        List<RemoteAddress> many = new ArrayList<>();
        for (int i = 0; i < SearchMessages.MAX_ADDRESSES - 1; i++) {
            many.add(RemoteAddress.of(0x500000 + i));
        }
        alongside.note(BODY, many);
        List<ArmedAddress> user = List.of(ArmedAddress.anyFrame(MIX), ArmedAddress.anyFrame(CALL));
        assertEquals(user, alongside.with(BODY, user));
        assertEquals(SearchMessages.MAX_ADDRESSES - 1, alongside.with(BODY, List.of()).size());
    }
}
