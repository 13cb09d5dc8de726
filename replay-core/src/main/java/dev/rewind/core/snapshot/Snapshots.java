/*
 * Snapshots: the snapshots of one recording, kept in its folder (docs/snapshot-format.md, "On
 * disk"): snapshots/<event>.snap manifests and snapshots/pages, a PageStore. A manifest is the
 * agent's body with every page replaced by its hash: "RWSNAPM" + version byte, u64 event, u32
 * part count, parts (u8 0 + u32 length + literal bytes, or u8 1 + u64 address + 32-byte SHA-256),
 * and a CRC-32C of all that. Writing a snapshot stores only the pages no earlier snapshot had;
 * reading one checks the manifest's CRC and every page's hash, so a damaged snapshot is detected,
 * never used. Every length read from a manifest is checked against what is left of it before
 * anything is allocated, and nothing in snapshots/ is reached through a link (SnapshotFiles).
 */
package dev.rewind.core.snapshot;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.trace.TraceException;
import dev.rewind.core.trace.TraceReader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

public final class Snapshots {
    private static final byte[] MAGIC = {'R', 'W', 'S', 'N', 'A', 'P', 'M', 1};
    private static final String SUFFIX = ".snap";
    /** Boundaries index() tries after a due event for one where a snapshot can be taken. */
    public static final int INDEX_TRIES = 64;
    /** A body the recorder wrote: EVENT.body, or EVENT-on-BASE.body (incremental). */
    private static final Pattern INCOMING = Pattern.compile("(\\d{1,18})(?:-on-(\\d{1,18}))?\\.body");
    /** Scratch names differ between threads: several segments may be restored at once. */
    private static final java.util.concurrent.atomic.AtomicLong SCRATCH = new java.util.concurrent.atomic.AtomicLong();

    /**
     * What writing one snapshot cost: its pages, those new to the store and their bytes (with the
     * manifest's), and those an incremental body named as the base's (neither read nor sent).
     */
    public record Written(long event, int pages, int newPages, long newBytes, int basePages) {
    }

    /** One snapshot as `info` shows it. */
    public record Info(long event, int pages, long manifestBytes) {
    }

    private final Path trace;
    private final Path dir;
    private final PageStore pages;
    private volatile boolean tracking = true;
    /** Per session: the event of its last tracked snapshot stored here (the base of its next). */
    private final Map<ReplaySession, Long> bases = Collections.synchronizedMap(new WeakHashMap<>());

    public Snapshots(Path traceDir) {
        this.trace = traceDir;
        this.dir = traceDir.resolve("snapshots");
        this.pages = new LocalPageStore(dir.resolve("pages"));
    }

    /**
     * Whether take() has the agent track written pages, so each snapshot of a session reads and
     * sends only the pages written since its previous one (where the kernel can; see
     * docs/snapshot-format.md). On by default; off reads and hashes every page every time.
     */
    public Snapshots tracking(boolean on) {
        this.tracking = on;
        return this;
    }

    /** The folder snapshots are kept in (made on the first write). */
    public Path folder() {
        return dir;
    }

    /** A fresh private scratch file name (not created) in the snapshots folder, for one body. */
    public Path scratch() throws SnapshotException {
        SnapshotFiles.makeFolder(dir);
        return dir.resolve(".body-" + ProcessHandle.current().pid() + "-" + SCRATCH.incrementAndGet() + "-"
                + System.nanoTime());
    }

    /**
     * A snapshot of where {@code session} stands, stored; empty where none can be taken (the
     * agent answers NOT_AVAILABLE: not at a syscall stop between events).
     */
    public Optional<Written> take(ReplaySession session) throws AgentException, SnapshotException {
        Long base = tracking ? bases.remove(session) : null;
        Path body = scratch();
        try {
            var done = session.snapshot(body, tracking, base == null ? -1 : base);
            byte[] bytes = SnapshotFiles.read(body, SnapshotFiles.MAX_BODY);
            Written w;
            try {
                w = done.based() ? write(bytes, base) : write(bytes);
            } catch (SnapshotException e) {
                if (!done.based()) {
                    throw e;
                }
                // the base cannot complete it (damaged since?): a full snapshot of the same moment
                Files.deleteIfExists(body);
                session.snapshot(body, tracking, -1);
                w = write(SnapshotFiles.read(body, SnapshotFiles.MAX_BODY));
            }
            if (tracking) {
                bases.put(session, w.event());
            }
            return Optional.of(w);
        } catch (AgentException e) {
            if (e.code() == AgentErrorCode.NOT_AVAILABLE) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new SnapshotException("cannot read the snapshot the agent wrote: " + e.getMessage(), e);
        } finally {
            deleteQuietly(body);
        }
    }

    /**
     * Indexes a recording of {@code events} events: replays {@code session} from where it stands to
     * the end, taking a snapshot every {@code every} events, at the first boundary from each due
     * event where one can be taken (syscall stops; at most {@link #INDEX_TRIES} boundaries tried).
     * Each snapshot stored is given to {@code each}.
     */
    public void index(ReplaySession session, long events, long every, Consumer<Written> each)
            throws AgentException, SnapshotException {
        // (refused before replaying when it, the page store or one of its folders is a link)
        SnapshotFiles.makeFolder(dir);
        SnapshotFiles.isFolderOfFolders(dir.resolve("pages"));
        for (long k = every; k < events; k += every) {
            Stop stop = session.runToEvent(EventIndex.of(Math.max(k, session.lastStop().event().value())));
            for (int tries = 0; stop.reason() == StopReason.AT_EVENT && tries < INDEX_TRIES; tries++) {
                Optional<Written> w = take(session);
                if (w.isPresent()) {
                    each.accept(w.get());
                    break;
                }
                stop = session.runToEvent(EventIndex.of(stop.event().value() + 1));
            }
            if (stop.reason() != StopReason.AT_EVENT) {
                return; // the end of the recording
            }
        }
    }

    /**
     * Makes {@code session} go on from the snapshot at {@code event} (checked as read() does). Any
     * failure reading it, whatever was thrown (a body too large for this JVM's memory, say), is a
     * SnapshotException, so callers fall back to an earlier point and say why.
     */
    public Stop restoreInto(ReplaySession session, long event) throws AgentException, SnapshotException {
        byte[] body;
        try {
            body = read(event);
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new SnapshotException("the snapshot at event " + event + " cannot be read (" + e + ")", e);
        }
        Path file = scratch();
        try {
            SnapshotFiles.writeNew(file, body);
            return session.restoreSnapshot(file);
        } catch (IOException e) {
            throw new SnapshotException("cannot hand the snapshot to the agent: " + SnapshotFiles.describe(e), e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a scratch file left behind in the snapshots folder: harmless
        }
    }

    /** Stores the body (its new pages and a manifest). */
    public Written write(byte[] body) throws SnapshotException {
        return write(body, -1);
    }

    /**
     * Stores the body, an incremental one completed from the snapshot at {@code base} (-1: the
     * body must be a plain one).
     */
    public Written write(byte[] body, long base) throws SnapshotException {
        long event = SnapshotBody.event(body);
        SnapshotFiles.makeFolder(dir);
        List<SnapshotBody.Part> parts = SnapshotBody.split(body);
        Map<Long, byte[]> baseHashes = null;
        int fromBase = 0;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int count = 0;
        int added = 0;
        long addedBytes = 0;
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeLong(Long.reverseBytes(event));
            out.writeInt(Integer.reverseBytes(parts.size()));
            for (SnapshotBody.Part p : parts) {
                if (p instanceof SnapshotBody.Literal l) {
                    out.writeByte(0);
                    out.writeInt(Integer.reverseBytes(l.bytes().length));
                    out.write(l.bytes());
                } else if (p instanceof SnapshotBody.BasePage b) {
                    if (baseHashes == null) {
                        if (base < 0) {
                            throw new SnapshotException("the snapshot is damaged (it names pages of a base snapshot)");
                        }
                        baseHashes = pageHashes(base);
                    }
                    byte[] hash = baseHashes.get(b.address());
                    if (hash == null) {
                        throw new SnapshotException("the snapshot at event " + base + " has no page at 0x"
                                + Long.toHexString(b.address()) + " for the snapshot at event " + event);
                    }
                    count++;
                    fromBase++;
                    out.writeByte(1);
                    out.writeLong(Long.reverseBytes(b.address()));
                    out.write(hash);
                } else {
                    SnapshotBody.Page page = (SnapshotBody.Page) p;
                    PageStore.Stored s = pages.put(page.bytes());
                    count++;
                    if (s.added()) {
                        added++;
                        addedBytes += s.storedBytes();
                    }
                    out.writeByte(1);
                    out.writeLong(Long.reverseBytes(page.address()));
                    out.write(HexFormat.of().parseHex(s.hash()));
                }
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt(Integer.reverseBytes((int) crc.getValue()));
        } catch (IOException e) {
            throw new SnapshotException("cannot encode the snapshot: " + e.getMessage(), e);
        }
        Path file = dir.resolve(event + SUFFIX);
        try {
            SnapshotFiles.putWhole(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new SnapshotException("cannot write " + file + ": " + SnapshotFiles.describe(e)
                    + " (the recording itself is unchanged)", e);
        }
        return new Written(event, count, added, addedBytes + bytes.size(), fromBase);
    }

    /**
     * What storeIncoming did: the snapshots stored, and those it could not keep (and why, the
     * first reason). Bodies past the end of the recording are not counted: they stand at moments
     * the recording does not hold.
     */
    public record Incoming(int stored, int dropped, String reason) {
    }

    /**
     * Stores the bodies the agent wrote while recording as snapshots, in event order, and removes
     * them: snapshots/incoming/EVENT.body, or EVENT-on-BASE.body for an incremental one (completed
     * from the snapshot at BASE, stored just before). Each body is stored on its own and removed
     * at once (so a full disk gets room back as it goes): one that cannot be stored (a full disk,
     * damaged) is dropped, with the ones after it that build on it, and the others are kept. Those
     * at events past the end of the recording (cut short: a full disk, a kill) are removed.
     */
    public Incoming storeIncoming() throws SnapshotException {
        try {
            return storeIncoming(TraceReader.validate(trace).eventCount(), "");
        } catch (TraceException e) {
            // no snapshot of a recording that cannot be read is usable
            return storeIncoming(-1, "the recording cannot be read: " + e.getMessage());
        }
    }

    /**
     * As storeIncoming(), for a recording of {@code events} events (-1: none is usable, because
     * {@code why}).
     */
    Incoming storeIncoming(long events, String why) throws SnapshotException {
        Path incoming = dir.resolve("incoming");
        if (!SnapshotFiles.isFolder(dir) || !SnapshotFiles.isFolder(incoming)) {
            return new Incoming(0, 0, "");
        }
        TreeMap<Long, Path> bodies = new TreeMap<>();
        Map<Long, Long> bases = new HashMap<>();
        try (Stream<Path> files = Files.list(incoming)) {
            for (Path body : (Iterable<Path>) files::iterator) {
                Matcher m = INCOMING.matcher(body.getFileName().toString());
                if (m.matches() && !bodies.containsKey(Long.parseLong(m.group(1)))) {
                    bodies.put(Long.parseLong(m.group(1)), body);
                    if (m.group(2) != null) {
                        bases.put(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                    }
                } else {
                    Files.delete(body); // a body the agent did not finish (it was killed), or a second one
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SnapshotException("cannot read the snapshots in " + incoming + ": " + e.getMessage(), e);
        }
        String reason = why;
        Set<Long> done = new HashSet<>();
        int dropped = 0;
        for (Path past : bodies.tailMap(events, false).values()) {
            remove(past); // past the end of the recording: never usable (and their room is wanted)
        }
        for (var e : bodies.headMap(events, true).entrySet()) {
            Long base = bases.get(e.getKey());
            try {
                if (base != null && !done.contains(base)) {
                    throw new SnapshotException("the snapshot it builds on was not kept");
                }
                write(SnapshotFiles.read(e.getValue(), SnapshotFiles.MAX_BODY), base == null ? -1 : base);
                done.add(e.getKey());
            } catch (SnapshotException | IOException | RuntimeException | OutOfMemoryError x) {
                reason = reason.isEmpty() ? "at event " + e.getKey() + ": " + x.getMessage() : reason;
                dropped++;
            }
            remove(e.getValue());
        }
        remove(incoming);
        return new Incoming(done.size(), dropped, reason);
    }

    /** Removes a file or an empty folder of snapshots/ (a link itself, never what it points to). */
    private static void remove(Path file) throws SnapshotException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new SnapshotException("cannot remove " + file + ": " + SnapshotFiles.describe(e), e);
        }
    }

    /** One part of a manifest: literal bytes, or a page at an address by its hash. */
    private record Entry(byte[] literal, long address, byte[] hash) {
    }

    /** The parts of the manifest of the snapshot at {@code event} (checked as manifest() does). */
    private List<Entry> entries(long event) throws SnapshotException {
        ByteBuffer in = manifest(event);
        try {
            in.getLong();
            int n = in.getInt();
            if (n < 0 || n > in.remaining() / 5) { // a part takes at least 5 bytes
                throw new SnapshotException("the snapshot at event " + event + " is damaged (" + n + " parts)");
            }
            List<Entry> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (in.get() == 0) {
                    int length = in.getInt();
                    if (length < 0 || length > in.remaining()) {
                        throw new SnapshotException("the snapshot at event " + event + " is damaged (a part of "
                                + Integer.toUnsignedString(length) + " bytes in " + in.remaining() + ")");
                    }
                    byte[] b = new byte[length];
                    in.get(b);
                    out.add(new Entry(b, 0, null));
                } else {
                    long address = in.getLong();
                    byte[] h = new byte[32];
                    in.get(h);
                    out.add(new Entry(null, address, h));
                }
            }
            return out;
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new SnapshotException("the snapshot at event " + event + " is damaged (it ends early)");
        }
    }

    /** The page hashes of the snapshot at {@code event} by address (its manifest checked). */
    private Map<Long, byte[]> pageHashes(long event) throws SnapshotException {
        Map<Long, byte[]> out = new HashMap<>();
        for (Entry e : entries(event)) {
            if (e.hash() != null) {
                out.put(e.address(), e.hash());
            }
        }
        return out;
    }

    /** The manifest of the snapshot at {@code event}, its CRC and header checked, positioned after the magic. */
    private ByteBuffer manifest(long event) throws SnapshotException {
        Path file = dir.resolve(event + SUFFIX);
        byte[] manifest;
        try {
            if (!SnapshotFiles.isFolder(dir)) {
                throw new NoSuchFileException(file.toString());
            }
            manifest = SnapshotFiles.read(file, SnapshotFiles.MAX_MANIFEST);
        } catch (NoSuchFileException e) {
            throw new SnapshotException("there is no snapshot at event " + event);
        }
        if (manifest.length < MAGIC.length + 16) {
            throw new SnapshotException("the snapshot at event " + event + " is damaged (too short)");
        }
        CRC32C crc = new CRC32C();
        crc.update(manifest, 0, manifest.length - 4);
        ByteBuffer in = ByteBuffer.wrap(manifest).order(ByteOrder.LITTLE_ENDIAN);
        if ((int) crc.getValue() != in.getInt(manifest.length - 4)) {
            throw new SnapshotException("the snapshot at event " + event + " is damaged (checksum)");
        }
        for (int i = 0; i < MAGIC.length - 1; i++) {
            if (in.get() != MAGIC[i]) {
                throw new SnapshotException("the snapshot at event " + event + " is damaged (bad magic)");
            }
        }
        int version = in.get();
        if (version > MAGIC[MAGIC.length - 1]) {
            throw new SnapshotException("the snapshot at event " + event + " was written by a newer rewind");
        }
        return in;
    }

    /** The body of the snapshot at {@code event}, every part checked. */
    public byte[] read(long event) throws SnapshotException {
        List<Entry> entries = entries(event);
        List<String> hashes = new ArrayList<>();
        for (Entry e : entries) {
            if (e.hash() != null) {
                hashes.add(HexFormat.of().formatHex(e.hash()));
            }
        }
        byte[][] got = fetch(hashes);
        List<SnapshotBody.Part> parts = new ArrayList<>();
        int page = 0;
        for (Entry e : entries) {
            parts.add(e.hash() == null ? new SnapshotBody.Literal(e.literal())
                    : new SnapshotBody.Page(e.address(), got[page++]));
        }
        return SnapshotBody.join(parts);
    }

    /**
     * The pages of these hashes, read, decompressed and checked on all cores at once (reading a
     * large snapshot is mostly this). The first failure is thrown.
     */
    private byte[][] fetch(List<String> hashes) throws SnapshotException {
        byte[][] out = new byte[hashes.size()][];
        SnapshotException[] failure = new SnapshotException[1];
        IntStream.range(0, hashes.size()).parallel().forEach(i -> {
            try {
                out[i] = pages.get(hashes.get(i));
            } catch (SnapshotException e) {
                synchronized (failure) {
                    if (failure[0] == null) {
                        failure[0] = e;
                    }
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return out;
    }

    /** The events snapshots stand at, in order. */
    public List<Long> events() throws SnapshotException {
        TreeSet<Long> out = new TreeSet<>();
        if (!SnapshotFiles.isFolder(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    try {
                        out.add(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())));
                    } catch (NumberFormatException e) {
                        // not ours
                    }
                }
            }
        } catch (IOException e) {
            throw new SnapshotException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return List.copyOf(out);
    }

    /** The latest snapshot at or before {@code event}. */
    public Optional<Long> atOrBefore(long event) throws SnapshotException {
        Long best = null;
        for (long e : events()) {
            if (e <= event) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Each snapshot's page count and manifest size (-1 for a damaged one: its manifest checked). */
    public List<Info> infos() throws SnapshotException {
        List<Info> out = new ArrayList<>();
        for (long e : events()) {
            try {
                List<Entry> parts = entries(e);
                int pageCount = (int) parts.stream().filter(p -> p.hash() != null).count();
                out.add(new Info(e, pageCount, manifestSize(e)));
            } catch (SnapshotException | RuntimeException | OutOfMemoryError ex) {
                out.add(new Info(e, -1, -1)); // damaged: shown, not used
            }
        }
        return out;
    }

    /** The size of the manifest of the snapshot at {@code event} (a regular file: read by entries()). */
    private long manifestSize(long event) throws SnapshotException {
        try {
            return Files.size(dir.resolve(event + SUFFIX));
        } catch (IOException e) {
            throw new SnapshotException("cannot measure the snapshot at event " + event, e);
        }
    }

    /** Bytes the page store and the manifests take. */
    public long storedBytes() throws SnapshotException {
        long total = pages.storedBytes();
        for (Info i : infos()) {
            total += Math.max(0, i.manifestBytes());
        }
        return total;
    }
}
