/*
 * TravelClient: what the time-travel tests do through a DapTestClient: the backwards requests, and
 * a snapshot of a stop (function, line, depth, the innermost frame's locals, the replay's event)
 * to compare stops of a forward run with the stops reached going backwards.
 */
package dev.rewind.dap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.RestartFrameArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;

final class TravelClient {
    /** One stop as the user sees it. */
    record State(String function, int line, int depth, Map<String, String> locals, long event) {
        @Override
        public String toString() {
            return function + ":" + line + " depth " + depth + " " + locals + " @" + event;
        }
    }

    private TravelClient() {
    }

    static State state(DapTestClient c) throws Exception {
        StackFrame[] frames = c.stackTrace();
        Map<String, String> locals = new LinkedHashMap<>();
        for (String scope : new String[] {"Arguments", "Locals"}) {
            for (Map.Entry<String, Variable> e : c.scope(frames[0].getId(), scope).entrySet()) {
                locals.put(e.getKey(), e.getValue().getValue());
            }
        }
        return new State(frames[0].getName(), frames[0].getLine(), frames.length, locals, event(c));
    }

    static long event(DapTestClient c) throws Exception {
        return ((Number) DapTestClient.call(c.rewind().position(Map.of())).get("event")).longValue();
    }

    static StoppedEventArguments reverseContinue(DapTestClient c) throws Exception {
        ReverseContinueArguments a = new ReverseContinueArguments();
        a.setThreadId(1);
        DapTestClient.call(c.server().reverseContinue(a));
        return c.awaitStopped();
    }

    /**
     * The state at each breakpoint stop from {@code first} on, continuing until the end of the
     * recording (asserted): the ground truth of a forward run.
     */
    static List<State> hitsToEnd(DapTestClient c, StoppedEventArguments first) throws Exception {
        List<State> hits = new ArrayList<>();
        StoppedEventArguments stop = first;
        while (stop.getReason().equals("breakpoint")) {
            hits.add(state(c));
            stop = continueToStop(c);
        }
        c.assertStopped(stop, "end");
        return hits;
    }

    /**
     * Reverse-continues until the start of the recording ("entry", asserted), returning the state
     * at each breakpoint stop on the way, in forward order (the order a forward run meets them).
     */
    static List<State> reverseContinueToStart(DapTestClient c) throws Exception {
        List<State> backwards = new ArrayList<>();
        StoppedEventArguments stop = reverseContinue(c);
        while (stop.getReason().equals("breakpoint")) {
            backwards.add(state(c));
            stop = reverseContinue(c);
        }
        c.assertStopped(stop, "entry");
        Collections.reverse(backwards);
        return backwards;
    }

    static StoppedEventArguments stepBack(DapTestClient c) throws Exception {
        StepBackArguments a = new StepBackArguments();
        a.setThreadId(1);
        DapTestClient.call(c.server().stepBack(a));
        return c.awaitStopped();
    }

    static StoppedEventArguments restartFrame(DapTestClient c, int frameId) throws Exception {
        RestartFrameArguments a = new RestartFrameArguments();
        a.setFrameId(frameId);
        DapTestClient.call(c.server().restartFrame(a));
        return c.awaitStopped();
    }

    static StoppedEventArguments reverseStepOut(DapTestClient c) throws Exception {
        DapTestClient.call(c.rewind().reverseStepOut(Map.of("threadId", 1)));
        return c.awaitStopped();
    }

    static StoppedEventArguments next(DapTestClient c) throws Exception {
        NextArguments a = new NextArguments();
        a.setThreadId(1);
        DapTestClient.call(c.server().next(a));
        return c.awaitStopped();
    }

    static StoppedEventArguments stepIn(DapTestClient c) throws Exception {
        StepInArguments a = new StepInArguments();
        a.setThreadId(1);
        DapTestClient.call(c.server().stepIn(a));
        return c.awaitStopped();
    }

    static StoppedEventArguments stepOut(DapTestClient c) throws Exception {
        StepOutArguments a = new StepOutArguments();
        a.setThreadId(1);
        DapTestClient.call(c.server().stepOut(a));
        return c.awaitStopped();
    }

    static StoppedEventArguments continueToStop(DapTestClient c) throws Exception {
        ContinueArguments a = new ContinueArguments();
        a.setThreadId(1);
        DapTestClient.call(c.server().continue_(a));
        return c.awaitStopped();
    }
}
