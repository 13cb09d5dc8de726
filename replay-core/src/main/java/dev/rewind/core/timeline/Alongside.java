/*
 * Alongside: the addresses each stepBack armed (the frame's line starts, the caller's call), by
 * the pc of the arrival it started at. A seek deep into an event leaves save points (HitChain)
 * that a stepBack from there can use only when they count every address it arms: so a seek to
 * an arrival at a pc noted here counts those too (FIND_LAST's count-only rule, never judged).
 * Bounded: the least recently noted pcs go first.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.SearchMessages;
import dev.rewind.core.model.RemoteAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class Alongside {
    /** The most pcs remembered. */
    static final int MAX_PCS = 64;

    /** pc → the addresses a stepBack from an arrival there armed (fewer than SearchMessages.MAX_ADDRESSES). */
    private final Map<RemoteAddress, Set<RemoteAddress>> byPc = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RemoteAddress, Set<RemoteAddress>> eldest) {
            return size() > MAX_PCS;
        }
    };

    /** A stepBack from an arrival at {@code pc} armed {@code addresses}: later seeks there count them too. */
    void note(RemoteAddress pc, Collection<RemoteAddress> addresses) {
        if (addresses.size() < SearchMessages.MAX_ADDRESSES) {
            byPc.put(pc, Set.copyOf(addresses));
        }
    }

    /** The addresses noted alongside {@code target}'s pc (none for other kinds of positions). */
    Set<RemoteAddress> of(Position target) {
        Set<RemoteAddress> a = target.kind() == Position.Kind.PC ? byPc.get(target.pc()) : null;
        return a == null ? Set.of() : a;
    }

    /**
     * {@code armed} with, as count-only addresses, those noted alongside {@code pc} that it does not
     * arm already (while the request stays within SearchMessages.MAX_ADDRESSES).
     */
    List<SearchMessages.ArmedAddress> with(RemoteAddress pc, List<SearchMessages.ArmedAddress> armed) {
        Set<RemoteAddress> extra = byPc.get(pc);
        if (extra == null) {
            return armed;
        }
        Set<RemoteAddress> have = new HashSet<>();
        armed.forEach(a -> have.add(a.address()));
        have.add(pc);
        List<SearchMessages.ArmedAddress> out = new ArrayList<>(armed);
        for (RemoteAddress a : extra) {
            if (have.add(a)) {
                out.add(SearchMessages.ArmedAddress.countOnly(a));
            }
        }
        return out.size() <= SearchMessages.MAX_ADDRESSES ? out : armed;
    }
}
