/*
 * ProcessTable: the processes of a recording (docs/trace-format.md, "Process trees"): the root,
 * whose stream is the trace folder, and each recorded child, whose stream is TRACE/procs/PID. Each
 * stream's `process` file says who the process was and how it ended; a stream without one (formats
 * 1 to 4, or a recording cut short) is described from its own header and events. The files are
 * hostile input: every length is checked against what is left, and the crc against the bytes.
 */
package dev.rewind.core.trace;

import dev.rewind.core.model.WaitStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.CRC32C;

public final class ProcessTable {
    private static final byte[] MAGIC = "RWPROC\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int MAX_FILE = 4 << 20;

    private ProcessTable() {
    }

    /** Every recorded process: the root first, then the others by pid. */
    public static List<RecordedProcess> read(Path trace) throws TraceException {
        List<RecordedProcess> out = new ArrayList<>();
        out.add(describe(trace, true));
        for (Path stream : childStreams(trace)) {
            out.add(describe(stream, false));
        }
        return out;
    }

    /** The stream folder of process pid, if it is one of the recording's processes. */
    public static Optional<Path> streamOf(Path trace, int pid) throws TraceException {
        for (RecordedProcess p : read(trace)) {
            if (p.pid().isPresent() && p.pid().getAsInt() == pid) {
                return Optional.of(p.stream());
            }
        }
        return Optional.empty();
    }

    /** Whether the recording holds processes besides the root (without reading any stream). */
    public static boolean hasChildren(Path trace) throws TraceException {
        return !childStreams(trace).isEmpty();
    }

    /** TRACE/procs/PID folders by pid (a link, or a name that is not a pid, is refused). */
    static List<Path> childStreams(Path trace) throws TraceException {
        Path procs = trace.resolve("procs");
        if (!Files.exists(procs, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (!Files.isDirectory(procs, LinkOption.NOFOLLOW_LINKS)) {
            throw new TraceException("trace file procs in " + trace + " is not a folder: refused");
        }
        List<Path> streams = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procs)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // the streams' shared blob store (.rewind-blobs), as beside any trace
                }
                if (!name.matches("[1-9][0-9]{0,9}") || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new TraceException("trace file procs/" + name + " in " + trace
                            + " is not a process's folder: refused");
                }
                streams.add(p);
            }
        } catch (IOException e) {
            throw new TraceException("cannot list " + procs + ": " + TraceFileOpener.reason(e), e);
        }
        streams.sort(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())));
        return streams;
    }

    private static RecordedProcess describe(Path stream, boolean root) throws TraceException {
        Optional<byte[]> file = readIfPresent(stream);
        if (file.isPresent()) {
            return parse(file.get(), stream, root);
        }
        TraceSummary summary = TraceReader.validate(stream);
        Optional<WaitStatus> end = summary.lastEvent().filter(ExitEvent.class::isInstance)
                .map(e -> ((ExitEvent) e).status());
        List<String> argv = summary.header().argv();
        return new RecordedProcess(OptionalInt.empty(), OptionalInt.empty(), argv, end, summary.eventCount(),
                stream, root);
    }

    private static Optional<byte[]> readIfPresent(Path stream) throws TraceException {
        if (!Files.exists(stream.resolve("process"), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(TraceFileOpener.readSmall(stream, "process", MAX_FILE, "process"));
    }

    static RecordedProcess parse(byte[] bytes, Path stream, boolean root) throws TraceException {
        String where = "trace file process in " + stream;
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new TraceException(where + " is not a process file: refused");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if ((int) crc.getValue() != b.getInt(bytes.length - 4)) {
            throw new TraceException(where + " is corrupted (crc mismatch)");
        }
        b.limit(bytes.length - 4).position(MAGIC.length);
        try {
            int version = b.getInt();
            if (version != VERSION) {
                throw new TraceException(where + " has version " + version + ", not " + VERSION + ": refused");
            }
            int pid = b.getInt();
            int ppid = b.getInt();
            boolean ended = b.get() != 0;
            int status = b.getInt();
            long events = b.getLong();
            string(b, where); // the executable (the command line names it)
            String cmdline = string(b, where);
            List<String> argv = cmdline.isEmpty() ? List.of()
                    : List.of(cmdline.substring(0, cmdline.length() - (cmdline.endsWith("\0") ? 1 : 0)).split("\0", -1));
            if (pid <= 0 || ppid < 0 || events < 0) {
                throw new TraceException(where + " is corrupted (pid " + pid + ", parent " + ppid + ")");
            }
            return new RecordedProcess(OptionalInt.of(pid), OptionalInt.of(ppid), argv,
                    ended ? Optional.of(new WaitStatus(status)) : Optional.empty(), events, stream, root);
        } catch (java.nio.BufferUnderflowException e) {
            throw new TraceException(where + " is corrupted (cut short)", e);
        }
    }

    private static String string(ByteBuffer b, String where) throws TraceException {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new TraceException(where + " is corrupted (a string longer than the file)");
        }
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
