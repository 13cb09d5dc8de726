/*
 * StopReporter: tells the client where the replay stopped: stopped events by reason (entry,
 * breakpoint with the hit ids, data breakpoint when watched bytes changed, step, exception for
 * faults), and at the program's end `exited`
 * with the recorded status followed by a stop at the end of the recording, which keeps the
 * session open for inspection (terminated comes only after disconnect).
 */
package dev.rewind.dap;

import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.model.SignalNames;
import dev.rewind.core.session.Stop;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArgumentsReason;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

public final class StopReporter {
    /** A single-threaded recording's one DAP thread (ThreadView names a multithreaded one's). */
    public static final int THREAD_ID = 1;
    /** The stopped reason at the end of the recording (DAP reasons are open strings). */
    static final String END_REASON = "end";
    static final String END_DESCRIPTION = "end of recording";

    private static final Map<Integer, String> FAULTS = Map.of(
            4, "Illegal instruction", 5, "Trace/breakpoint trap", 6, "Aborted", 7, "Bus error",
            8, "Arithmetic exception", 11, "Segmentation fault", 31, "Bad system call");

    private final IDebugProtocolClient client;
    private final OutputEvents output;
    private final Function<RemoteAddress, List<Integer>> hitIds;
    private final Function<RemoteAddress, List<DataBreakpoints.Entry>> watchers;
    private boolean exitedSent;
    /** The DAP thread the next stops name (ThreadView.stopThread). */
    private int stopThread = THREAD_ID;

    /**
     * @param hitIds   the ids of the breakpoints that stopped the replay at a pc
     * @param watchers the data breakpoints watching the range at an address
     */
    StopReporter(IDebugProtocolClient client, OutputEvents output, Function<RemoteAddress, List<Integer>> hitIds,
                 Function<RemoteAddress, List<DataBreakpoints.Entry>> watchers) {
        this.client = client;
        this.output = output;
        this.hitIds = hitIds;
        this.watchers = watchers;
    }

    /** The stops reported from now on are in DAP thread {@code threadId}. */
    void inThread(int threadId) {
        stopThread = threadId;
    }

    void report(Stop stop) {
        switch (stop.reason()) {
            case ENTRY -> stopped(StoppedEventArgumentsReason.ENTRY, null, null);
            case BREAKPOINT -> {
                StoppedEventArguments args = args(StoppedEventArgumentsReason.BREAKPOINT, null, null);
                List<Integer> ids = hitIds.apply(stop.pc());
                if (!ids.isEmpty()) {
                    args.setHitBreakpointIds(ids.toArray(new Integer[0]));
                }
                client.stopped(args);
            }
            case STEP -> {
                if (!stop.message().isEmpty()) {
                    output.console("rewind: " + stop.message());
                }
                String said = stop.message().isEmpty() ? null : stop.message();
                stopped(StoppedEventArgumentsReason.STEP, said, said);
            }
            case SIGNAL -> {
                String description = signal(stop.signo());
                stopped(StoppedEventArgumentsReason.EXCEPTION, description, description + " at " + stop.pc());
            }
            case EXITED -> {
                if (!exitedSent) {
                    exitedSent = true;
                    output.console("rewind: the program " + stop.waitStatus() + " (as recorded)");
                    ExitedEventArguments exited = new ExitedEventArguments();
                    exited.setExitCode(stop.waitStatus().shellStatus());
                    client.exited(exited);
                }
                stopped(END_REASON, END_DESCRIPTION, null);
            }
            case END -> stopped(END_REASON, stop.message().isEmpty() ? END_DESCRIPTION : stop.message(), null);
            case ERROR -> failed(stop.message());
            case PAUSED -> stopped(StoppedEventArgumentsReason.PAUSE, null, null);
            case WATCH -> {
                List<DataBreakpoints.Entry> by = watchers.apply(stop.breakpoint());
                String what = by.isEmpty() ? "the bytes at " + stop.breakpoint() : by.get(0).name();
                StoppedEventArguments args = args(StoppedEventArgumentsReason.DATA_BREAKPOINT, what + " changed",
                        what + " changed (the store is the instruction before " + stop.pc() + ")");
                if (!by.isEmpty()) {
                    args.setHitBreakpointIds(by.stream().map(DataBreakpoints.Entry::id).toArray(Integer[]::new));
                }
                client.stopped(args);
            }
        }
    }

    /** The replay cannot go on (divergence, agent lost): say so, and stop where it is. */
    void failed(String message) {
        output.console("rewind: the replay failed: " + message);
        stopped(StoppedEventArgumentsReason.EXCEPTION, "replay failed", message);
    }

    /** "Signal SIGSEGV (Segmentation fault)". */
    static String signal(int signo) {
        String what = FAULTS.get(signo);
        return "Signal " + SignalNames.name(signo) + (what == null ? "" : " (" + what + ")");
    }

    private void stopped(String reason, String description, String text) {
        client.stopped(args(reason, description, text));
    }

    private StoppedEventArguments args(String reason, String description, String text) {
        StoppedEventArguments args = new StoppedEventArguments();
        args.setReason(reason);
        args.setThreadId(stopThread);
        args.setAllThreadsStopped(true);
        if (description != null) {
            args.setDescription(description);
        }
        if (text != null) {
            args.setText(text);
        }
        return args;
    }
}
