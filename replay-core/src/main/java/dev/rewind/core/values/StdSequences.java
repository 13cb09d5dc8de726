/*
 * StdSequences: the readers of StdFormatters for contiguous and block storage: std::string and
 * std::string_view (as text), std::vector and std::array (elements, paged as arrays are), std::deque
 * (elements found through its map of blocks).
 */
package dev.rewind.core.values;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.TypeInfo;
import dev.rewind.core.session.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class StdSequences {
    /** No believable container holds more (the address space is 47 bits). */
    private static final long MAX_BYTES = 1L << 46;
    /** libstdc++'s _GLIBCXX_DEQUE_BUF_SIZE: a deque block holds 512 bytes' worth of elements. */
    private static final long DEQUE_BLOCK_BYTES = 512;

    private StdSequences() {
    }

    static Optional<Value> string(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> data = std.field(s, "data");
        Optional<CxxLayout.Field> length = std.field(s, "length");
        if (data.isEmpty() || length.isEmpty() || std.layout.pointee(data.get().typeId()).isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> p = std.layout.word(s.at(), data.get().offset());
        Optional<Long> n = std.number(s, length.get());
        if (p.isEmpty() || n.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        long len = n.get();
        if (len < 0 || len > MAX_BYTES) {
            return Optional.of(std.invalid(s, "length " + Long.toUnsignedString(len)));
        }
        int shown = (int) Math.min(len, ValueFormatter.MAX_STRING);
        byte[] bytes = shown == 0 ? new byte[0] : std.source.readMemory(RemoteAddress.of(p.get()), shown);
        if (bytes.length < shown) {
            return Optional.of(std.invalid(s, "length " + len + ", text at " + RemoteAddress.of(p.get())
                    + " unreadable"));
        }
        return Optional.of(std.value(s, Scalars.string(bytes, shown, len > shown), 0, StdFormatters.NONE));
    }

    static Optional<Value> vector(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> start = std.field(s, "start");
        Optional<CxxLayout.Field> finish = std.field(s, "finish");
        Optional<CxxLayout.Field> end = std.field(s, "end");
        if (start.isEmpty() || finish.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> element = std.layout.pointee(start.get().typeId());
        if (element.isEmpty()) {
            return bits(std, s, start.get(), finish.get()); // vector<bool> keeps bits
        }
        long size = std.layout.sizeOf(element.get());
        Optional<Long> first = std.layout.word(s.at(), start.get().offset());
        Optional<Long> last = std.layout.word(s.at(), finish.get().offset());
        Optional<Long> capacityEnd = std.layout.word(s.at(), end.get().offset());
        if (first.isEmpty() || last.isEmpty() || capacityEnd.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        long bytes = last.get() - first.get();
        if (size <= 0 || bytes < 0 || bytes > MAX_BYTES || bytes % size != 0
                || Long.compareUnsigned(capacityEnd.get(), last.get()) < 0) {
            return Optional.of(std.invalid(s, "start " + RemoteAddress.of(first.get()) + ", finish "
                    + RemoteAddress.of(last.get()) + ", end of storage " + RemoteAddress.of(capacityEnd.get())));
        }
        return Optional.of(elements(std, s, element.get(), size, bytes / size,
                Placed.inMemory(RemoteAddress.of(first.get()))));
    }

    /**
     * std::vector&lt;bool&gt;: its bits from the start iterator's word and bit offset to the finish
     * iterator's (_Bit_iterator: _M_p, _M_offset), each shown as true or false.
     */
    private static Optional<Value> bits(StdFormatters std, StdFormatters.Subject s, CxxLayout.Field start,
                                        CxxLayout.Field finish) throws AgentException {
        Optional<CxxLayout.Field> word = std.layout.find(start.typeId(), "_M_p");
        Optional<CxxLayout.Field> bit = std.layout.find(start.typeId(), "_M_offset");
        if (word.isEmpty() || bit.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> firstWord = std.layout.word(s.at(), start.offset() + word.get().offset());
        Optional<Long> firstBit = std.layout.unsigned(s.at(), start.offset() + bit.get().offset(), 4);
        Optional<Long> lastWord = std.layout.word(s.at(), finish.offset() + word.get().offset());
        Optional<Long> lastBit = std.layout.unsigned(s.at(), finish.offset() + bit.get().offset(), 4);
        if (firstWord.isEmpty() || firstBit.isEmpty() || lastWord.isEmpty() || lastBit.isEmpty()) {
            return Optional.of(std.invalid(s, "unreadable"));
        }
        long words = lastWord.get() - firstWord.get();
        long count = words / 8 * 64 + lastBit.get() - firstBit.get();
        if (words < 0 || words % 8 != 0 || words > MAX_BYTES || firstBit.get() >= 64 || lastBit.get() >= 64
                || count < 0) {
            return Optional.of(std.invalid(s, "start " + RemoteAddress.of(firstWord.get()) + ", finish "
                    + RemoteAddress.of(lastWord.get()) + " bit " + lastBit.get()));
        }
        long base = firstWord.get();
        long skip = firstBit.get();
        Expansion.Children children = Expansion.indexedOnly((from, to) -> {
            List<Value> out = new ArrayList<>();
            if (from >= to) {
                return out;
            }
            long firstWordIndex = (skip + from) / 64;
            long lastWordIndex = (skip + to - 1) / 64;
            RemoteAddress at = RemoteAddress.of(base + firstWordIndex * 8);
            byte[] b = std.source.readMemory(at, (int) ((lastWordIndex - firstWordIndex + 1) * 8));
            for (long i = from; i < to; i++) {
                long bitIndex = skip + i;
                int offset = (int) ((bitIndex / 64 - firstWordIndex) * 8);
                if (offset + 8 > b.length) {
                    out.add(StdFormatters.damaged(i, "word at " + RemoteAddress.of(base + bitIndex / 64 * 8)
                            + " unreadable"));
                    break;
                }
                boolean on = (b[offset + (int) (bitIndex % 64 / 8)] >>> (bitIndex % 8) & 1) != 0;
                out.add(Value.plain("[" + i + "]", on ? "true" : "false", "bool"));
            }
            return out;
        });
        String display = "size=" + count;
        if (count > 0) {
            display += " " + StdFormatters.preview(children.indexed(0, Math.min(count, StdFormatters.PREVIEW)), count);
        }
        return Optional.of(std.value(s, display, count, children));
    }

    static Optional<Value> array(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> elems = std.field(s, "elements");
        if (elems.isEmpty()) {
            return Optional.empty();
        }
        TypeInfo a = std.layout.strip(elems.get().typeId());
        if (a.kind() != TypeKind.ARRAY || a.target() == 0) {
            return Optional.empty(); // std::array<T, 0>
        }
        long size = std.layout.sizeOf(a.target());
        Placed at = s.at().slice(elems.get().offset(), size * a.count());
        return Optional.of(elements(std, s, a.target(), size, a.count(), at));
    }

    /** "size=N {a, b, ...}" and the elements as an array's, paged. */
    static Value elements(StdFormatters std, StdFormatters.Subject s, int element, long size, long count,
                                  Placed at) throws AgentException {
        Expansion.Elements all = new Expansion.Elements(element, size, count, at);
        if (count > 0 && at.address().isPresent() && !std.readable(at.address().get().value(), count * size)) {
            return std.invalid(s, "size " + count + ", elements at " + at.address().get() + " unreadable");
        }
        String display = "size=" + count;
        if (count > 0 && size * Math.min(count, StdFormatters.PREVIEW) <= ValueFormatter.EAGER_LIMIT) {
            display += " " + StdFormatters.preview(std.formatter.children(all, 0, StdFormatters.PREVIEW), count);
        }
        return std.value(s, display, count, Expansion.indexedOnly((from, to) -> {
            return std.formatter.children(all, from, to - from);
        }));
    }

    static Optional<Value> deque(StdFormatters std, StdFormatters.Subject s) throws AgentException {
        Optional<CxxLayout.Field> start = std.field(s, "start");
        Optional<CxxLayout.Field> finish = std.field(s, "finish");
        if (start.isEmpty() || finish.isEmpty()) {
            return Optional.empty();
        }
        Optional<CxxLayout.Field> cur = std.layout.find(start.get().typeId(), "_M_cur");
        Optional<CxxLayout.Field> blockFirst = std.layout.find(start.get().typeId(), "_M_first");
        Optional<CxxLayout.Field> node = std.layout.find(start.get().typeId(), "_M_node");
        if (cur.isEmpty() || blockFirst.isEmpty() || node.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> element = std.layout.pointee(cur.get().typeId());
        if (element.isEmpty()) {
            return Optional.empty();
        }
        long size = std.layout.sizeOf(element.get());
        long perBlock = size < DEQUE_BLOCK_BYTES ? DEQUE_BLOCK_BYTES / Math.max(1, size) : 1;
        long[] f = new long[6];
        long[] offsets = {start.get().offset() + cur.get().offset(), start.get().offset() + blockFirst.get().offset(),
            start.get().offset() + node.get().offset(), finish.get().offset() + cur.get().offset(),
            finish.get().offset() + blockFirst.get().offset(), finish.get().offset() + node.get().offset()};
        for (int i = 0; i < 6; i++) {
            Optional<Long> w = std.layout.word(s.at(), offsets[i]);
            if (w.isEmpty()) {
                return Optional.of(std.invalid(s, "unreadable"));
            }
            f[i] = w.get();
        }
        long skipped = size == 0 ? -1 : (f[0] - f[1]) / size; // elements before start in its block
        long blocks = (f[5] - f[2]) / 8;
        long count = size == 0 ? -1 : blocks * perBlock + (f[3] - f[4]) / size - skipped;
        if (size <= 0 || f[0] < f[1] || f[3] < f[4] || f[5] < f[2] || (f[5] - f[2]) % 8 != 0 || skipped >= perBlock
                || count < 0 || count * size > MAX_BYTES) {
            return Optional.of(std.invalid(s, "blocks " + RemoteAddress.of(f[2]) + " to " + RemoteAddress.of(f[5])));
        }
        Expansion.Children children = StdFormatters.paged(i -> {
            long at = skipped + i;
            Optional<Long> block = std.layout.wordAt(f[2] + at / perBlock * 8);
            if (block.isEmpty()) {
                return Optional.empty();
            }
            RemoteAddress a = RemoteAddress.of(block.get() + at % perBlock * size);
            return Optional.of(std.formatter.format("[" + i + "]", element.get(), Placed.inMemory(a)));
        }, () -> "block map unreadable");
        String display = "size=" + count;
        if (count > 0) {
            display += " " + StdFormatters.preview(children.indexed(0, Math.min(count, StdFormatters.PREVIEW)), count);
        }
        return Optional.of(std.value(s, display, count, children));
    }
}
