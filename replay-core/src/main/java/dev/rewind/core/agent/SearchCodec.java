/*
 * SearchCodec: the fields of FIND_LAST, LAST_ARRIVAL, SAVE_AT_HIT and SAVED_AT_HIT (SearchMessages), written into and read
 * from a frame body. WireCodec does the framing.
 */
package dev.rewind.core.agent;

import static dev.rewind.core.agent.WireFields.address;
import static dev.rewind.core.agent.WireFields.bool;
import static dev.rewind.core.agent.WireFields.count;
import static dev.rewind.core.agent.WireFields.u8;

import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class SearchCodec {
    /** Bytes of one armed address on the wire: u64 address, u8 rule, u64 cfa. */
    private static final int ARMED_SIZE = 17;
    /** Bytes of one hit count on the wire: u64 address, u32 hits. */
    private static final int COUNT_SIZE = 12;

    private SearchCodec() {
    }

    /** Writes the fields of a search message; false when the message is not one. */
    static boolean encode(WireMessage message, WireFields.Body body) {
        if (message instanceof SearchMessages.FindLast m) {
            body.u8(m.kind().wire).u64(m.event().value()).u64(m.pc().value()).u32(m.hits()).u32(m.addresses().size());
            for (SearchMessages.ArmedAddress a : m.addresses()) {
                body.u64(a.address().value()).u8(a.rule().wire).u64(a.cfa().value());
            }
            return true;
        }
        if (message instanceof SearchMessages.LastArrival m) {
            Optional<SearchMessages.Arrival> last = m.last();
            body.bool(last.isPresent())
                    .u64(last.map(a -> a.pc().value()).orElse(0L))
                    .u64(last.map(a -> a.event().value()).orElse(0L))
                    .u32(last.map(SearchMessages.Arrival::hits).orElse(0))
                    .u64(last.map(a -> a.cfa().value()).orElse(0L))
                    .u64(m.arrivals()).u64(m.qualifying());
            SessionCodec.stop(m.stop(), body);
            return true;
        }
        if (message instanceof SearchMessages.SaveAtHit) {
            return true;
        }
        if (message instanceof SearchMessages.SavedAtHit m) {
            body.u32(m.savepoint()).u64(m.event().value()).u64(m.pc().value()).u64(m.memoryBytes())
                    .u32(m.counts().size());
            for (SearchMessages.HitCount c : m.counts()) {
                body.u64(c.address().value()).u32(c.hits());
            }
            return true;
        }
        return false;
    }

    /** Whether a message type is one this codec reads. */
    static boolean reads(int type) {
        return type >= SearchMessages.FIND_LAST && type <= SearchMessages.SAVED_AT_HIT;
    }

    static WireMessage decode(int type, ByteBuffer in) throws WireFormatException {
        if (type == SearchMessages.SAVE_AT_HIT) {
            return new SearchMessages.SaveAtHit();
        }
        if (type == SearchMessages.SAVED_AT_HIT) {
            int savepoint = in.getInt();
            EventIndex event = EventIndex.of(in.getLong());
            RemoteAddress pc = address(in);
            long memory = in.getLong();
            int n = count(in, COUNT_SIZE, "hit count list");
            List<SearchMessages.HitCount> counts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                RemoteAddress at = address(in);
                counts.add(new SearchMessages.HitCount(at, in.getInt()));
            }
            return new SearchMessages.SavedAtHit(savepoint, event, pc, memory, counts);
        }
        if (type == SearchMessages.FIND_LAST) {
            SearchMessages.TargetKind kind = SearchMessages.TargetKind.ofWire(u8(in));
            EventIndex event = EventIndex.of(in.getLong());
            RemoteAddress pc = address(in);
            int hits = in.getInt();
            int n = count(in, ARMED_SIZE, "armed address list");
            List<SearchMessages.ArmedAddress> armed = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                RemoteAddress at = address(in);
                SearchMessages.CfaRule rule = SearchMessages.CfaRule.ofWire(u8(in));
                armed.add(new SearchMessages.ArmedAddress(at, rule, address(in)));
            }
            return new SearchMessages.FindLast(kind, event, pc, hits, armed);
        }
        boolean found = bool(in);
        RemoteAddress pc = address(in);
        EventIndex event = EventIndex.of(in.getLong());
        int hits = in.getInt();
        RemoteAddress cfa = address(in);
        long arrivals = in.getLong();
        long qualifying = in.getLong();
        Optional<SearchMessages.Arrival> last = found
                ? Optional.of(new SearchMessages.Arrival(pc, event, hits, cfa)) : Optional.empty();
        return new SearchMessages.LastArrival(last, arrivals, qualifying, SessionCodec.stop(in));
    }
}
