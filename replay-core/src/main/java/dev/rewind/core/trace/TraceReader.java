/*
 * TraceReader: opens a trace folder, checks its header and streams its events in order, refusing
 * a newer or corrupted trace with a one-line TraceException. After the last event it tells whether
 * the recording was cut short (a block truncated by the end of the file) and where it ended.
 *
 *   try (TraceReader r = TraceReader.open(dir)) {
 *       for (TraceEvent e = r.next(); e != null; e = r.next()) { ... }
 *       r.cutShort(); r.lastEvent();
 *   }
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.EventIndex;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

public final class TraceReader implements AutoCloseable {
    private final Path directory;
    private final TraceHeader header;
    private final EventBlockReader blocks; // null when the recording has no event log yet
    private final ArrayDeque<TraceEvent> pending = new ArrayDeque<>();
    private TraceEvent last;
    private long eventCount;
    private final Set<Integer> threads = new HashSet<>(); // tids THREAD events named
    private boolean ended;

    private TraceReader(Path directory, TraceHeader header, EventBlockReader blocks) {
        this.directory = directory;
        this.header = header;
        this.blocks = blocks;
    }

    /**
     * Opens and checks the header of the trace in {@code directory}. The folder may be reached
     * through a link; the files inside it are opened as TraceFileOpener allows (regular files, no
     * links), so a FIFO or a link in place of `header` or `events` is refused, never followed.
     */
    public static TraceReader open(Path directory) throws TraceException {
        if (!Files.isDirectory(directory)) {
            throw new TraceException(Files.exists(directory, LinkOption.NOFOLLOW_LINKS)
                    ? directory + " is not a trace (not a folder)"
                    : "no trace at " + directory);
        }
        byte[] headerBytes = TraceFileOpener.readSmall(directory, TraceFormat.HEADER_FILE, TraceFormat.HEADER_MAX_SIZE,
                directory + " is not a rewind trace (no header file)");
        TraceHeader header = TraceHeaderParser.parse(headerBytes);
        Optional<FileChannel> events = TraceFileOpener.openIfPresent(directory, TraceFormat.EVENTS_FILE);
        try {
            return new TraceReader(directory, header, events.isPresent() ? new EventBlockReader(events.get()) : null);
        } catch (IOException e) {
            throw new TraceException("cannot read trace file " + TraceFormat.EVENTS_FILE + " in " + directory + ": "
                    + TraceFileOpener.reason(e), e);
        }
    }

    /** Reads the whole trace, checking every block; the summary of what it holds. */
    public static TraceSummary validate(Path directory) throws TraceException {
        return readAll(directory, e -> { });
    }

    /**
     * What a replay checks before it starts: the whole event log as {@link #validate} does, then
     * every file copy the events map (blobs/): present, a regular file, readable. (The agent then
     * checks their content against their SHA-256 names before it replays anything.)
     */
    public static TraceSummary validateForReplay(Path directory) throws TraceException {
        TraceBlobs blobs = new TraceBlobs();
        TraceSummary summary = readAll(directory, blobs::note);
        blobs.verify(directory);
        return summary;
    }

    /** Reads every event (each block is checked as it is read), handing each to {@code each}. */
    private static TraceSummary readAll(Path directory, Consumer<TraceEvent> each) throws TraceException {
        try (TraceReader reader = open(directory)) {
            for (TraceEvent e = reader.next(); e != null; e = reader.next()) {
                each.accept(e);
            }
            return reader.summary();
        }
    }

    public Path directory() {
        return directory;
    }

    public TraceHeader header() {
        return header;
    }

    /** The next event, or null once the log has been read to its end. */
    public TraceEvent next() throws TraceException {
        while (pending.isEmpty()) {
            List<TraceEvent> block = blocks == null || ended ? null : blocks.nextBlock();
            if (block == null) {
                ended = true;
                return null;
            }
            pending.addAll(block);
        }
        TraceEvent event = pending.poll();
        if (last != null && last.endsRecording()) {
            throw new TraceException("trace events are corrupted: " + event.index()
                    + " follows the end of the recording at " + last.index());
        }
        last = event;
        eventCount++;
        if (event instanceof ThreadEvent t) {
            threads.add(t.tid());
        }
        return event;
    }

    /** True once the log has been read to its end. */
    public boolean atEnd() {
        return ended;
    }

    /** True when the log ended in a block cut off by the end of the file (valid once at end). */
    public boolean cutShort() {
        return blocks != null && blocks.cutShort();
    }

    /** True when the last event read ends the recording (EXIT or STOP). */
    public boolean complete() {
        return last != null && last.endsRecording();
    }

    /** Events read so far. */
    public long eventCount() {
        return eventCount;
    }

    /** The index of the last event read, if any. */
    public Optional<EventIndex> lastEvent() {
        return Optional.ofNullable(last).map(TraceEvent::index);
    }

    /** What was read so far; call once at end for the whole trace. */
    public TraceSummary summary() {
        return new TraceSummary(header, eventCount, Optional.ofNullable(last), cutShort(), Math.max(1, threads.size()));
    }

    @Override
    public void close() throws TraceException {
        if (blocks != null) {
            try {
                blocks.close();
            } catch (IOException e) {
                throw new TraceException("cannot close trace events: " + e.getMessage(), e);
            }
        }
    }
}
