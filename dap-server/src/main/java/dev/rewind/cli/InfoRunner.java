/*
 * InfoRunner: `rewind info [--process PID] [TRACE]`: what a recording (or that process of it)
 * holds, as one JSON object: its events and whether it is complete, its threads, the seed of a
 * --chaos recording (chaosSeed: decimal text, since it may not fit a signed long; it records the
 * same schedule again), its snapshots (event and pages of each), the segments they cut it into,
 * and what the snapshots cost: snapshotBytesStored (the page store and manifests on disk) against
 * snapshotBytesLogical (the pages they would take each on their own).
 */
package dev.rewind.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rewind.core.snapshot.SnapshotBody;
import dev.rewind.core.snapshot.SnapshotException;
import dev.rewind.core.snapshot.Snapshots;
import dev.rewind.core.trace.ChaosSeed;
import dev.rewind.core.trace.TraceException;
import dev.rewind.core.trace.TraceReader;
import dev.rewind.core.trace.TraceSummary;
import java.nio.file.Path;

final class InfoRunner {
    private final CliContext ctx;

    InfoRunner(CliContext ctx) {
        this.ctx = ctx;
    }

    int run(Command.Info cmd) throws CliFailure {
        Path trace = ReplayRunner.resolveStream(ctx, cmd.trace(), cmd.process());
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        try {
            TraceSummary summary = TraceReader.validate(trace);
            Snapshots snapshots = new Snapshots(trace);
            out.put("trace", trace.toString());
            out.put("events", summary.eventCount());
            out.put("complete", summary.complete());
            out.put("threads", summary.threads());
            ChaosSeed.read(trace).ifPresent(seed -> out.put("chaosSeed", seed));
            ArrayNode list = out.putArray("snapshots");
            long logical = 0;
            int usable = 0;
            for (Snapshots.Info i : snapshots.infos()) {
                ObjectNode s = list.addObject();
                s.put("event", i.event());
                if (i.pages() < 0) {
                    s.put("damaged", true);
                    continue;
                }
                usable++;
                s.put("pages", i.pages());
                logical += (long) i.pages() * SnapshotBody.PAGE;
            }
            out.put("segments", usable + 1);
            out.put("snapshotBytesStored", snapshots.storedBytes());
            out.put("snapshotBytesLogical", logical);
            out.put("pageSize", SnapshotBody.PAGE);
        } catch (TraceException | SnapshotException e) {
            throw new CliFailure(e.getMessage(), ExitStatus.REWIND_FAILED, e);
        }
        ctx.out().println(out.toPrettyString());
        return ExitStatus.OK;
    }
}
