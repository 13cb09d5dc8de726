/*
 * Stepper: the forward motions of a session: continue, source-level stepping (next, stepIn,
 * stepOut) and instruction stepping. Each step is one motion request that the agent runs to its
 * end (protocol/wire-protocol.md, STEP_LINE, STEP_OUT, STEP_INSN_OVER; DESIGN.md "Motions"): the
 * agent decides every instruction, never a round trip per instruction.
 *
 * A motion comes back before its end only where Java must decide something:
 * - at a user breakpoint met on the way: the BreakpointFilter judges it (a false condition, a hit
 *   count not reached, a log point decline it) and a declined one lets the same motion go on
 *   (MOTION_GO_ON): one more request per declined hit;
 * - at the event boundary the SavePlan asked for (a Timeline's next save point): the plan makes
 *   its save point there and the motion goes on, so steps over long calls leave save points too.
 * A pause (ReplaySession.pause) ends a running motion with a PAUSED stop.
 */
package dev.rewind.core.session;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.MotionRequest;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import java.util.List;
import java.util.Objects;

public final class Stepper {
    /**
     * How the Stepper lets the replay run freely (to a breakpoint, a fault, a pause, the end): the
     * agent's CONTINUE by default; a Timeline's run, which also places save points on the way.
     */
    @FunctionalInterface
    public interface Runner {
        Stop run() throws AgentException;
    }

    /** Where a motion stops on its way so that a save point can be made there (a Timeline's plan). */
    public interface SavePlan {
        /** No save points: motions run through. */
        SavePlan NONE = new SavePlan() {
            @Override
            public long nextSaveEvent(EventIndex from) {
                return 0;
            }

            @Override
            public void reached(Stop atEvent) {
            }
        };

        /** The event whose boundary the motion should stop at, after {@code from}; 0: none. */
        long nextSaveEvent(EventIndex from);

        /** The motion stands at that boundary (an AT_EVENT stop): make the save point now. */
        void reached(Stop atEvent) throws AgentException;
    }

    private final ReplaySession session;
    private final BreakpointFilter filter;
    private Runner runner;
    private SavePlan plan = SavePlan.NONE;

    public Stepper(ReplaySession session) {
        this(session, BreakpointFilter.ALWAYS);
    }

    public Stepper(ReplaySession session, BreakpointFilter filter) {
        this.session = Objects.requireNonNull(session, "session");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.runner = () -> session.resume(ResumeMode.CONTINUE);
    }

    /** Runs freely with {@code r} from now on (see Runner). */
    public void setRunner(Runner r) {
        this.runner = Objects.requireNonNull(r, "runner");
    }

    /** Stops motions at the boundaries {@code p} asks for (see SavePlan). */
    public void setSavePlan(SavePlan p) {
        this.plan = Objects.requireNonNull(p, "plan");
    }

    /** Runs until a breakpoint the filter stops at, a fault, a pause or the end. */
    public Stop resume() throws AgentException {
        List<RemoteAddress> user = session.breakpoints();
        while (true) {
            Stop stop = runner.run();
            if (!declined(stop, user)) {
                return stop;
            }
            if (session.takePauseRequest()) {
                return stop.as(StopReason.PAUSED, "");
            }
        }
    }

    /** True when {@code stop} is at a user breakpoint that the filter lets the motion run past. */
    private boolean declined(Stop stop, List<RemoteAddress> user) throws AgentException {
        return stop.reason() == StopReason.BREAKPOINT && user.contains(stop.pc()) && !filter.stopsAt(stop);
    }

    /** One machine instruction, into calls. */
    public Stop stepInstruction() throws AgentException {
        return session.resume(ResumeMode.STEP_INSN);
    }

    /** One machine instruction; a call instruction is stepped over (run until it returns). */
    public Stop nextInstruction() throws AgentException {
        return motion(MotionRequest.Kind.NEXT_INSTRUCTION);
    }

    /** Step over: to the next line of this frame (inlined calls stepped over too), or back in the caller. */
    public Stop next() throws AgentException {
        return motion(MotionRequest.Kind.NEXT);
    }

    /** Step into: like next, but stop at the first line of a called (or inlined) function with line information. */
    public Stop stepIn() throws AgentException {
        return motion(MotionRequest.Kind.STEP_IN);
    }

    /** Run until the current function (or inlined call) returns to its caller (stopping there, mid-line). */
    public Stop stepOut() throws AgentException {
        return motion(MotionRequest.Kind.STEP_OUT);
    }

    /** Runs a motion in the agent; goes on with it past declined breakpoints and save boundaries. */
    private Stop motion(MotionRequest.Kind kind) throws AgentException {
        List<RemoteAddress> user = session.breakpoints();
        Stop stop = session.motion(kind, plan.nextSaveEvent(session.lastStop().event()));
        while (true) {
            if (stop.reason() == StopReason.AT_EVENT) {
                plan.reached(stop);
            } else if (!declined(stop, user)) {
                return stop;
            }
            if (session.takePauseRequest()) {
                return stop.as(StopReason.PAUSED, "");
            }
            stop = session.motion(MotionRequest.Kind.GO_ON, plan.nextSaveEvent(stop.event()));
        }
    }

    /** Forgets a pause asked for while nothing ran (a motion starting now must not stop at once). */
    public void clearPause() {
        session.takePauseRequest();
    }
}
