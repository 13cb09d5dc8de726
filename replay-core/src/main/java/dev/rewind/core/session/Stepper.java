/*
 * Stepper: source-level stepping (next, stepIn, stepOut) and instruction stepping, computed in Java
 * on top of the agent's primitives: single instructions, temporary breakpoints, stack and line
 * queries. User breakpoints stay armed throughout: one hit first ends the step there.
 *
 * Frames are told apart by their CFA (the caller's stack pointer before the call), so recursion is
 * handled: a return breakpoint only counts once the frame it waits for is gone (sp >= its CFA).
 * A pause (ReplaySession.pause) ends a running motion with a PAUSED stop.
 * At a user breakpoint the BreakpointFilter decides whether the motion stops there: one it declines
 * (a false condition, a hit count not reached, a log point) lets the continue, or the step, go on.
 * A call is recognized the instruction after it runs: sp dropped by 8 and [sp] holds an address just
 * past the previous pc. Every step is bounded by an instruction budget so nothing can hang.
 */
package dev.rewind.core.session;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

public final class Stepper {
    public static final long DEFAULT_BUDGET = 200_000;
    /** The longest x86-64 instruction: a return address lies at most this far past the call's pc. */
    private static final int MAX_INSN = 15;
    /** How far past a function's entry its body (end of prologue) may lie. */
    private static final long MAX_PROLOGUE = 256;

    /**
     * How the Stepper lets the replay run freely (to a breakpoint, a fault, a pause, the end): the
     * agent's CONTINUE by default; a Timeline's run, which also places save points on the way.
     */
    @FunctionalInterface
    public interface Runner {
        Stop run() throws AgentException;
    }

    private final ReplaySession session;
    private final long budget;
    private final BreakpointFilter filter;
    private Runner runner;

    public Stepper(ReplaySession session) {
        this(session, DEFAULT_BUDGET, BreakpointFilter.ALWAYS);
    }

    public Stepper(ReplaySession session, BreakpointFilter filter) {
        this(session, DEFAULT_BUDGET, filter);
    }

    /** @param budget the most single instructions one step may execute before giving up */
    public Stepper(ReplaySession session, long budget, BreakpointFilter filter) {
        this.session = Objects.requireNonNull(session, "session");
        this.filter = Objects.requireNonNull(filter, "filter");
        if (budget <= 0) {
            throw new IllegalArgumentException("instruction budget must be > 0, got " + budget);
        }
        this.budget = budget;
        this.runner = () -> session.resume(ResumeMode.CONTINUE);
    }

    /** Runs freely with {@code r} from now on (see Runner). */
    public void setRunner(Runner r) {
        this.runner = Objects.requireNonNull(r, "runner");
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
        List<RemoteAddress> user = session.breakpoints();
        Registers before = session.registers();
        Stop stop = session.resume(ResumeMode.STEP_INSN);
        if (!isInstructionDone(stop)) {
            return stop;
        }
        Registers after = session.registers();
        Optional<RemoteAddress> ret = enteredCall(before, after);
        if (ret.isEmpty()) {
            return stop.as(StopReason.STEP, "");
        }
        Return r = runToReturn(ret.get(), after.sp().value() + 8, user);
        return r.returned ? r.stop.as(StopReason.STEP, "") : r.stop;
    }

    /** Step over: to the next line of this frame, or back in the caller; calls run to their return. */
    public Stop next() throws AgentException {
        return stepLine(false);
    }

    /** Step into: like next, but stop at the first line of a called function that has line information. */
    public Stop stepIn() throws AgentException {
        return stepLine(true);
    }

    /** Run until the current function returns to its caller (stopping there, mid-line). */
    public Stop stepOut() throws AgentException {
        List<Frame> frames = session.stack(2);
        if (frames.size() < 2) {
            // The outermost frame has no caller to return to: run on, as a continue would.
            return resume();
        }
        Return r = runToReturn(frames.get(1).pc(), frames.get(0).cfa().value(), session.breakpoints());
        return r.returned ? r.stop.as(StopReason.STEP, "") : r.stop;
    }

    private Stop stepLine(boolean into) throws AgentException {
        List<RemoteAddress> user = session.breakpoints();
        Frame start = top();
        if (!start.hasLine()) {
            // No line information here (a library function, say): finish it, as gdb does.
            return stepOut();
        }
        long startCfa = start.cfa().value();
        Set<RemoteAddress> lineStarts = lineStarts(start);
        Registers regs = session.registers();
        Stop stop = session.lastStop();
        for (long steps = 0; steps < budget; steps++) {
            if (session.takePauseRequest()) {
                return stop.as(StopReason.PAUSED, "");
            }
            Registers before = regs;
            stop = session.resume(ResumeMode.STEP_INSN);
            if (!isInstructionDone(stop)) {
                return stop;
            }
            regs = session.registers();
            Optional<RemoteAddress> ret = enteredCall(before, regs);
            Frame now = top();
            if (ret.isEmpty() && Long.compareUnsigned(now.cfa().value(), startCfa) < 0 && !now.cfa().equals(RemoteAddress.NULL)) {
                // A deeper frame we did not see being called (a signal handler, say): leave it like a call.
                ret = callerPc();
            }
            if (ret.isPresent()) {
                if (into && now.hasDebugInfo() && now.hasLine()) {
                    return enterFunction(now, stop, user);
                }
                Return r = runToReturn(ret.get(), regs.sp().value() + 8, user);
                if (!r.returned) {
                    return r.stop;
                }
                stop = r.stop;
                regs = session.registers();
                now = top();
            }
            if (Long.compareUnsigned(now.cfa().value(), startCfa) > 0) {
                return stop.as(StopReason.STEP, ""); // returned to the caller
            }
            if (user.contains(now.pc()) && filter.stopsAt(stop)) {
                return stop.as(StopReason.BREAKPOINT, "");
            }
            boolean otherLine = now.hasLine() && (now.line() != start.line() || !now.file().equals(start.file()));
            boolean lineAgain = now.line() == start.line() && lineStarts.contains(now.pc());
            if (otherLine || lineAgain) {
                return stop.as(StopReason.STEP, "");
            }
        }
        return stop.as(StopReason.STEP, "the step gave up after " + budget + " instructions without leaving line "
                + start.line() + " of " + start.file());
    }

    /** At a called function's entry: run to the end of its prologue (its first line), as gdb does. */
    private Stop enterFunction(Frame callee, Stop atEntry, List<RemoteAddress> user) throws AgentException {
        List<RemoteAddress> bodies = functionAddresses(callee.function());
        long pc = callee.pc().value();
        Optional<RemoteAddress> body = bodies.stream()
                .filter(a -> a.value() - pc > 0 && a.value() - pc < MAX_PROLOGUE)
                .min(RemoteAddress::compareTo);
        if (body.isEmpty()) {
            return atEntry.as(StopReason.STEP, "");
        }
        List<RemoteAddress> temporary = with(user, body.get());
        session.setBreakpoints(temporary);
        Stop stop;
        boolean arrived;
        try {
            while (true) {
                stop = runner.run();
                arrived = stop.reason() == StopReason.BREAKPOINT && stop.pc().equals(body.get());
                if (arrived || !declined(stop, user)) {
                    break;
                }
                if (session.takePauseRequest()) {
                    stop = stop.as(StopReason.PAUSED, "");
                    break;
                }
            }
        } catch (AgentException e) {
            restore(user, e);
            throw e;
        }
        session.setBreakpoints(user);
        return arrived ? stop.as(StopReason.STEP, "") : stop;
    }

    /** The outcome of running to a return address: returned there, or stopped by something else first. */
    private record Return(Stop stop, boolean returned) {
    }

    /**
     * Continues with a temporary breakpoint at {@code ret} until the frame whose CFA is
     * {@code frameCfa} has returned there; a user breakpoint, a signal or the end stops it first.
     */
    private Return runToReturn(RemoteAddress ret, long frameCfa, List<RemoteAddress> user) throws AgentException {
        session.setBreakpoints(with(user, ret));
        try {
            while (true) {
                if (session.takePauseRequest()) {
                    session.setBreakpoints(user);
                    return new Return(session.lastStop().as(StopReason.PAUSED, ""), false);
                }
                Stop stop = runner.run();
                if (stop.reason() != StopReason.BREAKPOINT || !stop.pc().equals(ret)) {
                    if (declined(stop, user)) {
                        continue; // a user breakpoint that does not stop: the run to the return goes on
                    }
                    session.setBreakpoints(user);
                    return new Return(stop, false);
                }
                if (Long.compareUnsigned(session.registers().sp().value(), frameCfa) >= 0) {
                    session.setBreakpoints(user);
                    return new Return(stop, true);
                }
                if (user.contains(ret) && filter.stopsAt(stop)) {
                    session.setBreakpoints(user);
                    return new Return(stop, false); // the user's breakpoint, hit in a deeper (recursive) frame
                }
            }
        } catch (AgentException e) {
            restore(user, e);
            throw e;
        }
    }

    /** After a failure: put the user's breakpoints back if the session still can, keeping the first error. */
    private void restore(List<RemoteAddress> user, AgentException failure) {
        if (session.isClosed()) {
            return;
        }
        try {
            session.setBreakpoints(user);
        } catch (AgentException e) {
            failure.addSuppressed(e);
        }
    }

    /** Forgets a pause asked for while nothing ran (a motion starting now must not stop at once). */
    public void clearPause() {
        session.takePauseRequest();
    }

    private static boolean isInstructionDone(Stop stop) {
        return stop.reason() == StopReason.STEP || stop.reason() == StopReason.BREAKPOINT;
    }

    /** The return address when the last instruction was a call: sp dropped by 8 and [sp] is just past it. */
    private Optional<RemoteAddress> enteredCall(Registers before, Registers after) throws AgentException {
        long sp = after.sp().value();
        if (sp != before.sp().value() - 8) {
            return Optional.empty();
        }
        byte[] word = session.readMemory(after.sp(), 8);
        if (word.length < 8) {
            return Optional.empty();
        }
        long ret = ByteBuffer.wrap(word).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long from = before.pc().value();
        boolean justPast = ret - from > 0 && ret - from <= MAX_INSN;
        if (!justPast || ret == after.pc().value()) {
            return Optional.empty(); // a push, or a call to the next instruction (pc-relative tricks)
        }
        return Optional.of(RemoteAddress.of(ret));
    }

    private Optional<RemoteAddress> callerPc() throws AgentException {
        List<Frame> frames = session.stack(2);
        return frames.size() < 2 ? Optional.empty() : Optional.of(frames.get(1).pc());
    }

    private Frame top() throws AgentException {
        List<Frame> frames = session.stack(1);
        if (frames.isEmpty()) {
            throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "the replayed process has no stack to step in");
        }
        return frames.get(0);
    }

    /** Where the start frame's line begins; none when the agent cannot tell (stepping then ignores loops on one line). */
    private Set<RemoteAddress> lineStarts(Frame frame) throws AgentException {
        try {
            LineAddresses la = session.lineAddresses(frame.file(), frame.line());
            return la.actualLine() == frame.line() ? Set.copyOf(la.addresses()) : Set.of();
        } catch (AgentException e) {
            if (e.code() != AgentErrorCode.NOT_AVAILABLE) {
                throw e;
            }
            return Set.of();
        }
    }

    private List<RemoteAddress> functionAddresses(String name) throws AgentException {
        if (name.isEmpty()) {
            return List.of();
        }
        try {
            return session.functionAddresses(name);
        } catch (AgentException e) {
            if (e.code() != AgentErrorCode.NOT_AVAILABLE) {
                throw e;
            }
            return List.of();
        }
    }

    private static List<RemoteAddress> with(List<RemoteAddress> user, RemoteAddress extra) {
        List<RemoteAddress> out = new ArrayList<>(user);
        if (!out.contains(extra)) {
            out.add(extra);
        }
        return out;
    }
}
