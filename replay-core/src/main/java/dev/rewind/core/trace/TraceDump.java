/*
 * TraceDump: prints a trace as JSON lines (`rewind dump`): a header line, one line per event,
 * and an end line saying how many events there were and whether the recording was complete.
 * A corrupted block stops the dump with a TraceException after the lines already written.
 */
package dev.rewind.core.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

public final class TraceDump {
    private final ObjectMapper mapper = new ObjectMapper();
    private final EventJson events;

    public TraceDump(SyscallNames syscalls) {
        this.events = new EventJson(syscalls);
    }

    /** Writes every line of the trace in {@code directory} to {@code out}; returns the summary. */
    public TraceSummary dump(Path directory, Writer out) throws TraceException, IOException {
        try (TraceReader reader = TraceReader.open(directory)) {
            line(out, headerJson(reader.header()));
            for (TraceEvent e = reader.next(); e != null; e = reader.next()) {
                line(out, events.toJson(e));
            }
            TraceSummary summary = reader.summary();
            ObjectNode end = mapper.createObjectNode();
            end.put("kind", "end");
            end.put("events", summary.eventCount());
            end.put("complete", summary.complete());
            end.put("cutShort", summary.cutShort());
            line(out, end);
            out.flush();
            return summary;
        }
    }

    ObjectNode headerJson(TraceHeader h) {
        ObjectNode o = mapper.createObjectNode();
        o.put("kind", "header");
        o.put("formatVersion", h.formatVersion());
        o.put("pageSize", h.pageSize());
        o.put("createdNs", h.createdNs());
        o.put("created", h.created().toString());
        o.put("kernel", h.kernel());
        o.put("machine", h.machine());
        o.put("cpuModel", h.cpuModel());
        o.put("program", h.program());
        h.argv().forEach(o.putArray("argv")::add);
        return o;
    }

    private void line(Writer out, ObjectNode node) throws IOException {
        out.write(mapper.writeValueAsString(node));
        out.write('\n');
    }
}
