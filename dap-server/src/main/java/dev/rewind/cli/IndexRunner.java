/*
 * IndexRunner: `rewind index [--every N] [--read-all-pages] [--process PID] [TRACE]`: one replay
 * of the recording (or of that process of it) that writes a snapshot every N events (default: ten segments) into the recording's page store,
 * so that later sessions open at any moment from the nearest snapshot. Each snapshot after the
 * first reads only the pages written since the one before, where the kernel tracks writes
 * (docs/snapshot-format.md, "Incremental bodies"); --read-all-pages reads every page every time. Snapshots are taken only where save
 * points can be (syscall stops): when event k*N is not one, the next boundary that is. What is
 * there already is kept (pages are shared); a snapshot at the same event is replaced. A failure
 * (a full disk) leaves the recording itself untouched, and says so.
 */
package dev.rewind.cli;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.AgentLaunch;
import dev.rewind.core.agent.AgentLocator;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.snapshot.SnapshotException;
import dev.rewind.core.snapshot.Snapshots;
import dev.rewind.core.trace.TraceSummary;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.Optional;

final class IndexRunner {
    private final CliContext ctx;

    IndexRunner(CliContext ctx) {
        this.ctx = ctx;
    }

    int run(Command.Index cmd) throws CliFailure {
        Path trace = ReplayRunner.resolveStream(ctx, cmd.trace(), cmd.process());
        TraceSummary summary = ReplayRunner.validate(trace); // (multithreaded ones too: every thread is kept)
        long events = summary.eventCount();
        long every = cmd.every().orElse(Math.max(1, events / 10));
        Snapshots snapshots = new Snapshots(trace).tracking(!cmd.readAllPages());
        long[] total = new long[5]; // snapshots, pages, new pages, bytes stored, pages not read
        try (ReplaySession session = new SessionLauncher(launch(), OutputListener.IGNORE).open(trace,
                OutputListener.IGNORE)) {
            snapshots.index(session, events, every, w -> {
                total[0]++;
                total[1] += w.pages();
                total[2] += w.newPages();
                total[3] += w.newBytes();
                total[4] += w.basePages();
                ctx.out().println("snapshot at event " + w.event() + ": " + w.pages() + " pages, "
                        + w.newPages() + " new (" + w.newBytes() + " bytes), " + w.basePages()
                        + " untouched since the one before");
            });
        } catch (AgentException e) {
            throw diskFull(trace, total[0], AgentFailures.noSpaceLeft(e), e).orElse(AgentFailures.toCliFailure(e));
        } catch (SnapshotException e) {
            throw diskFull(trace, total[0], IoMessages.noSpaceLeft(e), e)
                    .orElse(new CliFailure(e.getMessage(), ExitStatus.REWIND_FAILED, e));
        }
        ctx.out().println("indexed " + trace + ": " + total[0] + " snapshots of " + events + " events, " + total[1]
                + " pages (" + total[2] + " new, " + total[4] + " untouched and not read), " + total[3] + " bytes stored");
        return ExitStatus.OK;
    }

    /**
     * What to say when the disk filled up ({@code noSpace}: its reason) while the agent wrote a
     * snapshot's body or a page or manifest was stored. Only snapshots/ is written to, and a file
     * gets its name there only once whole, so the recording and every snapshot listed stay usable.
     */
    private static Optional<CliFailure> diskFull(Path trace, long written, Optional<String> noSpace, Exception e) {
        return noSpace.map(reason -> new CliFailure("cannot index " + trace + ": the disk is full (" + reason + ") "
                + (written == 0 ? "before a new snapshot was stored"
                        : "after " + written + " new snapshot" + (written == 1 ? "" : "s"))
                + "; the recording itself is untouched and can still be debugged; free some space and run"
                + " 'rewind index' again to finish", ExitStatus.REWIND_FAILED, e));
    }

    static AgentLaunch launch() throws CliFailure {
        try {
            return AgentLaunch.inheritIO(AgentLocator.locate()).withStdin(Redirect.from(new File("/dev/null")));
        } catch (AgentException e) {
            throw AgentFailures.toCliFailure(e);
        }
    }
}
