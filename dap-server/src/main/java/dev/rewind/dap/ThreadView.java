/*
 * ThreadView: the threads of the replayed process as the DAP client sees them. A single-threaded
 * recording is one DAP thread (id 1, the program's name) and asks the agent nothing. In a
 * multithreaded one a DAP thread id is the thread's RECORDED tid (what the program saw; stable for
 * the whole session), its name the one PR_SET_NAME gave it (else the program's name); the list is
 * asked of the agent once per stop, and `thread` events (started, exited) say what changed since
 * the last stop the client saw.
 *
 * Frame ids carry their thread: id = slot * FRAME_STRIDE + index + 1, where slot 0 is the thread
 * that moves now (the only slot a single-threaded session uses, so its ids are the frame index + 1)
 * and each other thread has a slot of its own for the session.
 */
package dev.rewind.dap;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.ReplayThread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArgumentsReason;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

public final class ThreadView {
    /** Frames per thread a frame id can name (the stack lists at most DebugContext.MAX_FRAMES). */
    public static final int FRAME_STRIDE = 1000;

    /** A frame of a thread: {@code tid} as the agent takes it (0: the thread that moves now). */
    public record FrameRef(int tid, int index) {
    }

    private final ReplaySession session;
    private final boolean multithreaded;
    private final String programName;
    private final Map<Integer, Integer> slots = new HashMap<>();
    private final List<Integer> tidOfSlot = new ArrayList<>(List.of(0));
    /** The threads the client was last told about (recorded tid → name), in the agent's order. */
    private Map<Integer, String> known = new LinkedHashMap<>();
    /** This stop's threads, or null until asked for. */
    private Map<Integer, String> now;
    private int current;

    ThreadView(ReplaySession session, boolean multithreaded, String programName) {
        this.session = Objects.requireNonNull(session, "session");
        this.multithreaded = multithreaded;
        this.programName = Objects.requireNonNull(programName, "programName");
    }

    public boolean multithreaded() {
        return multithreaded;
    }

    /** The replay moved: the threads are asked for again at the next stop. */
    void moved() {
        now = null;
    }

    /** The DAP id of the thread that moves now (the stop's thread). */
    public int stopThread() throws AgentException {
        if (!multithreaded) {
            return StopReporter.THREAD_ID;
        }
        refresh();
        return current;
    }

    /** The threads at this moment, id → name (a single-threaded session: the program). */
    public Map<Integer, String> threads() throws AgentException {
        if (!multithreaded) {
            return Map.of(StopReporter.THREAD_ID, programName);
        }
        refresh();
        return now.isEmpty() ? Map.of(current, programName) : now; // (the end: the last thread stays shown)
    }

    /** Tells the client which threads started and exited since it was last told. */
    void announce(IDebugProtocolClient client) throws AgentException {
        if (!multithreaded) {
            return;
        }
        refresh();
        if (now.isEmpty()) {
            return; // the program is gone: its end is what the client is told
        }
        for (int tid : now.keySet()) {
            if (!known.containsKey(tid)) {
                client.thread(event(tid, ThreadEventArgumentsReason.STARTED));
            }
        }
        for (int tid : known.keySet()) {
            if (!now.containsKey(tid)) {
                client.thread(event(tid, ThreadEventArgumentsReason.EXITED));
            }
        }
        known = now;
    }

    private static ThreadEventArguments event(int tid, String reason) {
        ThreadEventArguments e = new ThreadEventArguments();
        e.setThreadId(tid);
        e.setReason(reason);
        return e;
    }

    private void refresh() throws AgentException {
        if (now != null) {
            return;
        }
        var list = session.threads();
        Map<Integer, String> m = new LinkedHashMap<>();
        for (ReplayThread t : list.threads()) {
            m.put(t.tid(), t.name().isEmpty() ? programName : t.name());
        }
        if (list.current() != 0) {
            current = list.current();
        } else if (current == 0 && !known.isEmpty()) {
            current = known.keySet().iterator().next();
        }
        now = m;
    }

    /** The tid the agent takes for DAP thread {@code threadId}: 0 for the thread that moves now. */
    public int agentTid(Integer threadId) throws AgentException {
        if (!multithreaded || threadId == null || threadId == stopThread()) {
            return 0;
        }
        return threadId;
    }

    /** The frame id of frame {@code index} of DAP thread {@code threadId}. */
    public int frameId(Integer threadId, int index) throws AgentException {
        int tid = agentTid(threadId);
        if (tid == 0) {
            return index + 1;
        }
        Integer slot = slots.get(tid);
        if (slot == null) {
            slot = tidOfSlot.size();
            tidOfSlot.add(tid);
            slots.put(tid, slot);
        }
        return slot * FRAME_STRIDE + index + 1;
    }

    /** The frame a frame index (a frame id - 1, as handlers take it) names. */
    public FrameRef frame(int encodedIndex) {
        int slot = encodedIndex / FRAME_STRIDE;
        int tid = slot < tidOfSlot.size() ? tidOfSlot.get(slot) : -1;
        return new FrameRef(tid, encodedIndex % FRAME_STRIDE);
    }
}
