/*
 * ReverseMotions: the backwards counterparts of continue and the steps, each a BackwardSearch for
 * the right earlier moment followed by a seek there:
 *  - reverseContinue: the last arrival at a user breakpoint (that the filter accepts) or change of
 *    a data breakpoint's bytes before now; none in the whole past: the start of the recording
 *    (reason ENTRY).
 *  - stepBack (line): the last line start of the current function executed in the current frame
 *    (same CFA) before now, calls stepped over. The agent has no "line starts of a function" query,
 *    so the candidates are the LINE_ADDRESSES of every line from the function's first line (the
 *    line of its body address) up to a bounded distance past the current line; addresses of other
 *    functions among them are harmless: a hit counts only in a frame with the current CFA and
 *    function, and an arrival at the function's body address in that frame (it was entered anew)
 *    drops the candidates before it. Nothing in the frame before now: the call in the caller.
 *  - stepBackInstruction: the previous instruction executed, by single-stepping from the boundary
 *    of the current event (of the event before, from a boundary) and counting (bounded).
 *  - stepBack where there are no source lines (a library, the program's exit): out of such calls
 *    and a few instructions back, to the nearest moment in code with lines (stepBackToLine).
 *  - frameEntry: the first line of a frame (its function's body address, its CFA).
 *  - reverseStepOut: the call instruction in the caller, in the caller's frame.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.agent.SearchMessages;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.Frame;
import dev.rewind.core.session.Instruction;
import dev.rewind.core.session.LineAddresses;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.ResumeMode;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.session.Stepper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class ReverseMotions {
    /** How many lines past the current one line starts are looked for (the function's end is not known). */
    private static final int LINES_AFTER = 200;
    /** How many lines before the current one WatchBisection first looks for a line start to cut at. */
    private static final int NEAR_LINES = 4;
    /** How many lines before the current one the function's first line is looked for. */
    private static final int LINES_BEFORE = 400;
    /** The most single instructions stepBackInstruction replays within one event. */
    static final long INSTRUCTION_BUDGET = 200_000;
    /** The most {@code next} steps stepBack replays from the last line start to the current moment. */
    private static final int WALK_STEPS = 32;
    /** How many calls stepBackToLine backs out of, and how many instructions it tries after each. */
    private static final int LINE_SEARCH_OUT = 6;
    private static final int LINE_SEARCH_BACK = 4;
    /** Call instruction lengths to try before a return address: rel32, indirect forms. */
    private static final int[] CALL_LENGTHS = {5, 6, 2, 3, 7, 4};

    private final Timeline timeline;
    private final ReplaySession session;

    ReverseMotions(Timeline timeline) {
        this.timeline = timeline;
        this.session = timeline.session();
    }

    Stop reverseContinue() throws AgentException {
        Position current = timeline.position();
        List<RemoteAddress> user = session.breakpoints();
        try {
            PastFilter past = timeline.pastFilter();
            past.prepare(timeline);
            if (!timeline.position().equals(current)) {
                travel(current); // preparing moved the replay
            }
            Optional<List<SearchMessages.ArmedAddress>> byAgent = agentJudged(past, user, current);
            if (byAgent.isPresent()) {
                Optional<BackwardSearch.Found> hit = BackwardSearch.lastArrival(timeline, current, byAgent.get());
                if (hit.isPresent()) {
                    Stop stop = travel(hit.get().at());
                    past.stopsAt(hit.get().at(), stop); // (it stops: the filter learns which breakpoints did)
                    return stop.as(StopReason.BREAKPOINT, "");
                }
                return travel(timeline.start()).as(StopReason.ENTRY, "");
            }
            Position from = current;
            if (!session.watches().isEmpty()) {
                Optional<RemoteAddress> own = timeline.watchMoment();
                if (user.isEmpty() && WatchBisection.enabled()) {
                    WatchBisection.Answer answer = WatchBisection.lastChange(timeline, current, own.isPresent(),
                            cutLines());
                    if (answer instanceof WatchBisection.Found found) {
                        Stop there = session.lastStop(); // (WatchBisection travelled there and checked it)
                        timeline.markWatchMoment(found.watched());
                        return there.asWatchStop(found.watched());
                    }
                    if (answer instanceof WatchBisection.SearchBefore before) {
                        from = before.from(); // (the session stands there)
                    } else {
                        travel(current);
                    }
                }
                if (from == current && own.isPresent()) {
                    // a change found by WatchBisection, named as a pc position: found again among
                    // the watch stops, so that the search leaves it out
                    from = Locator.findAgain(timeline, session.lastStop().asWatchStop(own.get()), Fingerprint.of(session));
                    timeline.remember(from);
                }
                // a save point where the watched bytes last differed from now: the search with
                // their pages protected starts there, not further back (ChangeWindow)
                ChangeWindow.narrow(timeline, from, session.watches());
            }
            // which watched range changed at each data breakpoint's stop met (the travel there
            // ends at a plain stop, or at an event boundary when a syscall wrote the bytes)
            Map<Position, RemoteAddress> changed = new HashMap<>();
            Optional<Position> hit = BackwardSearch.lastBefore(timeline, from, user, true, (at, stop) -> {
                if (stop.reason() == StopReason.WATCH) {
                    changed.put(at, stop.breakpoint());
                    return BackwardSearch.Verdict.CANDIDATE;
                }
                return past.stopsAt(at, stop) ? BackwardSearch.Verdict.CANDIDATE : BackwardSearch.Verdict.IGNORE;
            });
            if (hit.isPresent()) {
                RemoteAddress watched = changed.get(hit.get());
                Stop there = travel(hit.get());
                return watched != null ? there.asWatchStop(watched) : there.as(StopReason.BREAKPOINT, "");
            }
            return travel(timeline.start()).as(StopReason.ENTRY, "");
        } finally {
            timeline.putBack(user);
        }
    }

    /**
     * Where WatchBisection may cut the past: the line starts of the current line and the few lines
     * before it (few addresses, few traps: a loop's last lines), then those of the whole current
     * function; none without lines.
     */
    private List<Set<RemoteAddress>> cutLines() throws AgentException {
        List<Frame> frames = session.stack(8);
        int top = physical(frames, 0);
        if (top < 0 || !frames.get(0).hasLine()) {
            return List.of();
        }
        Frame frame = frames.get(0);
        Set<RemoteAddress> all = lineStarts(frame, Set.copyOf(functionAddresses(frames.get(top).function())));
        Set<RemoteAddress> near = new LinkedHashSet<>();
        for (int line = frame.line(); line >= Math.max(1, frame.line() - NEAR_LINES); line--) {
            near.addAll(linesAt(frame.file(), line));
        }
        near.retainAll(all);
        return near.isEmpty() || near.equals(all) ? List.of(all) : List.of(near, all);
    }

    /**
     * The user's breakpoints as FIND_LAST addresses when the agent can decide every arrival at
     * them by itself (no condition or hit condition to evaluate, no data breakpoint whose changes
     * are candidates too): the addresses where every arrival stops, log-point-only ones left out.
     * Empty when an arrival must be judged in Java (the per-arrival path).
     */
    private Optional<List<SearchMessages.ArmedAddress>> agentJudged(PastFilter past, List<RemoteAddress> user,
            Position current) throws AgentException {
        if (!session.watches().isEmpty() || current.kind() == Position.Kind.WATCH
                || user.size() > SearchMessages.MAX_ADDRESSES) {
            return Optional.empty();
        }
        List<SearchMessages.ArmedAddress> armed = new ArrayList<>();
        for (RemoteAddress a : user) {
            switch (past.ruleAt(a)) {
                case STOPS_ALWAYS -> armed.add(SearchMessages.ArmedAddress.anyFrame(a));
                case STOPS_NEVER -> { }
                case JUDGED -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(armed);
    }

    Stop stepBack() throws AgentException {
        return stepBack(true);
    }

    /**
     * {@code again}: when the stop is at a call instruction mid-way in a line and the answer is that
     * line's start, step back once more from there.
     */
    private Stop stepBack(boolean again) throws AgentException {
        Position current = timeline.position();
        List<Frame> frames = session.stack(64);
        int top = physical(frames, 0);
        if (top < 0 || !frames.get(0).hasLine()) {
            return stepBackToLine();
        }
        Frame frame = frames.get(0);
        Set<RemoteAddress> body = Set.copyOf(functionAddresses(frames.get(top).function()));
        List<RemoteAddress> user = session.breakpoints();
        try {
            Fingerprint want = Fingerprint.of(session);
            boolean atCall = current.hasPc() && isCall(current.pc());
            Set<RemoteAddress> starts = lineStarts(frame, body);
            String function = frames.get(top).function();
            Optional<Stop> byAgent = stepBackByAgent(current, frames, top, starts, want, again && atCall);
            if (byAgent.isPresent()) {
                return byAgent.get();
            }
            if (current.hasPc() && body.contains(current.pc())) {
                return toCaller(current, frames, top);
            }
            Optional<Position> found = BackwardSearch.lastBefore(timeline, current, starts, false, (at, stop) -> {
                List<Frame> now = session.stack(8);
                int p = physical(now, 0);
                if (p < 0 || !now.get(0).cfa().equals(frame.cfa()) || !now.get(p).function().equals(function)) {
                    return BackwardSearch.Verdict.IGNORE;
                }
                return body.contains(at.pc()) ? BackwardSearch.Verdict.RESET : BackwardSearch.Verdict.CANDIDATE;
            });
            if (found.isPresent()) {
                Stop landed = lastLineStopBefore(found.get(), current, want, frame);
                if (again && atCall && landed == null) {
                    // at the call instruction of a line (where stepping back out of a function lands):
                    // its start shows the same line and the same values, the user wants the line before
                    return stepBack(false);
                }
                return (landed == null ? session.lastStop() : landed).as(StopReason.STEP, "");
            }
            return toCaller(current, frames, top);
        } finally {
            timeline.putBack(user);
        }
    }

    /**
     * stepBack judged by the agent (one FIND_LAST per stretch searched): the last arrival before
     * now at a line start of the frame (CFA equal to the frame's) or at the call in the caller
     * that entered the frame (CFA equal to the caller's). The call coming last means the frame was
     * entered after every line start: the answer is the call; else the line start is where the
     * walk of lastLineStopBefore begins. A frame entered anew at its first line (a backward goto
     * there) is thus told apart from the frame's entry. Empty when the agent's answer cannot be
     * trusted (the landing is not in the frame's function: another function with the same CFA, a
     * tail call), or the search is too large: the per-arrival path decides then.
     */
    private Optional<Stop> stepBackByAgent(Position current, List<Frame> frames, int top, Set<RemoteAddress> starts,
            Fingerprint want, boolean atCall) throws AgentException {
        Frame frame = frames.get(0);
        List<SearchMessages.ArmedAddress> armed = new ArrayList<>();
        starts.forEach(a -> armed.add(SearchMessages.ArmedAddress.inFrame(a, frame.cfa())));
        Optional<RemoteAddress> call = Optional.empty();
        Frame caller = top + 1 < frames.size() ? frames.get(top + 1) : null;
        if (caller != null) {
            call = callBeforeIfAny(caller.pc());
            call.ifPresent(c -> armed.add(SearchMessages.ArmedAddress.inFrame(c, caller.cfa())));
        }
        if (armed.size() > SearchMessages.MAX_ADDRESSES || current.kind() == Position.Kind.WATCH) {
            return Optional.empty();
        }
        if (current.kind() == Position.Kind.PC) {
            timeline.noteAlongside(current.pc(), armed.stream().map(SearchMessages.ArmedAddress::address).toList());
        }
        Optional<BackwardSearch.Found> found = BackwardSearch.lastArrival(timeline, current, armed);
        if (found.isEmpty()) {
            return call.isPresent() ? Optional.of(travel(timeline.start()).as(StopReason.ENTRY, "")) : Optional.empty();
        }
        Position at = found.get().at();
        if (call.isPresent() && at.pc().equals(call.get()) && found.get().cfa().equals(caller.cfa())) {
            return Optional.of(travel(at).as(StopReason.STEP, "")); // entered after every line start
        }
        Stop landed = lastLineStopBefore(at, current, want, frame);
        if (!inFrame(frames.get(top).function(), frame.cfa())) {
            return Optional.empty(); // not this frame's code after all (see above)
        }
        if (atCall && landed == null) {
            return Optional.of(stepBack(false));
        }
        return Optional.of((landed == null ? session.lastStop() : landed).as(StopReason.STEP, ""));
    }

    /** Whether the session stands in {@code function}, in the frame whose CFA is {@code cfa}. */
    private boolean inFrame(String function, RemoteAddress cfa) throws AgentException {
        List<Frame> now = session.stack(8);
        int p = physical(now, 0);
        return p >= 0 && now.get(0).cfa().equals(cfa) && now.get(p).function().equals(function);
    }

    /**
     * From {@code candidate} (the last line start of the frame before now), where a forward {@code
     * next} sequence stops last before {@code current}: a line is not always entered at its start
     * (a for loop's increment and condition belong to the for line, at addresses the line query
     * does not give), so the candidate is only where the walk begins. The walk replays {@code next}
     * steps (user breakpoints off) until it reaches the current moment (same event, pc and
     * Fingerprint); when it does not (the current stop is mid-line, or the frame is left, or the
     * walk runs long), the candidate itself is the answer; null when that candidate is the start of
     * the very line the current stop is mid-way in (the session is there). Ends at the chosen stop.
     */
    private Stop lastLineStopBefore(Position candidate, Position current, Fingerprint want, Frame frame)
            throws AgentException {
        Stop stop = travel(candidate);
        if (!current.hasPc()) {
            return stop;
        }
        Stepper stepper = new Stepper(session);
        int before = -1; // next steps from the candidate to the last stop before current
        session.muteOutput(true);
        try {
            session.setBreakpoints(List.of());
            for (int steps = 1; steps <= WALK_STEPS; steps++) {
                stop = stepper.next();
                if (stop.reason() != StopReason.STEP || stop.event().compareTo(current.event()) > 0) {
                    break;
                }
                List<Frame> now = session.stack(1);
                if (now.isEmpty() || Long.compareUnsigned(now.get(0).cfa().value(), frame.cfa().value()) > 0) {
                    break; // the frame returned: current was not on this walk
                }
                if (stop.event().equals(current.event()) && stop.pc().equals(current.pc())
                        && Fingerprint.of(session).equals(want)) {
                    before = steps - 1;
                    break;
                }
            }
        } finally {
            session.muteOutput(false);
        }
        if (before < 0) {
            // the walk went past the current stop: it is mid-line, the candidate is where its line began
            Stop stop0 = travel(candidate);
            List<Frame> there = session.stack(1);
            boolean sameLine = !there.isEmpty() && there.get(0).line() == frame.line()
                    && there.get(0).file().equals(frame.file()) && there.get(0).cfa().equals(frame.cfa());
            return sameLine ? null : stop0;
        }
        if (before == 0) {
            return travel(candidate); // current came right after the candidate
        }
        stop = travel(candidate);
        session.muteOutput(true);
        try {
            session.setBreakpoints(List.of());
            for (int i = 0; i < before; i++) {
                stop = stepper.next();
            }
        } finally {
            session.muteOutput(false);
        }
        return stop; // its position is found again when needed
    }

    Stop reverseStepOut() throws AgentException {
        Position current = timeline.position();
        List<Frame> frames = session.stack(64);
        List<RemoteAddress> user = session.breakpoints();
        try {
            return toCaller(current, frames, physical(frames, 0));
        } finally {
            timeline.putBack(user);
        }
    }

    /** To where frame {@code index} (of the current stack, inlined frames counted) was entered: its first line. */
    Stop frameEntry(int index) throws AgentException {
        Position current = timeline.position();
        List<Frame> frames = session.stack(Math.max(64, index + 2));
        if (index < 0 || index >= frames.size()) {
            throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "there is no frame " + index);
        }
        int p = physical(frames, index);
        Frame frame = frames.get(p);
        Set<RemoteAddress> body = Set.copyOf(functionAddresses(frame.function()));
        List<RemoteAddress> user = session.breakpoints();
        try {
            if (p == physical(frames, 0) && current.hasPc() && body.contains(current.pc())) {
                return travel(current).as(StopReason.STEP, ""); // already at the frame's first line
            }
            Optional<Position> entry = BackwardSearch.lastArrival(timeline, current, body.stream()
                    .map(a -> SearchMessages.ArmedAddress.inFrame(a, frame.cfa())).toList())
                    .map(BackwardSearch.Found::at);
            if (entry.isEmpty()) {
                throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "cannot find where " + frame.function()
                        + " was entered (no debug information for its body?)");
            }
            return travel(entry.get()).as(StopReason.STEP, "");
        } finally {
            timeline.putBack(user);
        }
    }

    /**
     * Back one instruction: replays single instructions from an earlier boundary, counting them until
     * the current moment (a pc position: its pc and Fingerprint; a boundary: the step that finished
     * the event before it; the end: the step that reached it), then replays one fewer.
     */
    Stop stepBackInstruction() throws AgentException {
        Position current = timeline.position();
        if (current.kind() == Position.Kind.BOUNDARY && current.event().compareTo(timeline.start().event()) <= 0) {
            throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "this is the start of the recording");
        }
        Fingerprint want = current.hasPc() ? Fingerprint.of(session) : null;
        // from the boundary before: a pc position's own; a boundary's or the end's, the one before it
        // (the end stands after its exit event: its own boundary is never stopped at)
        Position from = current.hasPc() || current.event().compareTo(timeline.start().event()) <= 0
                ? Position.boundary(current.event()) : Position.boundary(EventIndex.of(current.event().value() - 1));
        List<RemoteAddress> user = session.breakpoints();
        try {
            Stop stop = timeline.replay(timeline.savePointFor(from), from, List.of(), null);
            long count = 0;
            session.muteOutput(true);
            try {
                while (!arrived(current, stop, want)) {
                    if (count >= INSTRUCTION_BUDGET) {
                        throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "the previous instruction lies more than "
                                + INSTRUCTION_BUDGET + " instructions after the last event: not searched");
                    }
                    if (count > 0 && stop.reason() != StopReason.STEP) {
                        throw new AgentException(AgentErrorCode.AGENT_INTERNAL, "stepping to the current moment again "
                                + "stopped at " + stop.reason() + " (" + stop.message() + ")");
                    }
                    stop = session.resume(ResumeMode.STEP_INSN);
                    count++;
                }
                if (count == 0) {
                    // a pc position right at its event's boundary (the session is there): the previous
                    // instruction is the one that ended the event before
                    timeline.remember(Position.boundary(current.event()));
                    return stepBackInstruction();
                }
                // a fault stands at the faulting instruction, not yet done: back is the one before it
                long back = current.kind() == Position.Kind.END && stop.reason() == StopReason.SIGNAL ? 2 : 1;
                if (count < back) {
                    throw new AgentException(AgentErrorCode.NOT_AVAILABLE,
                            "the previous instruction is before the event boundary: step back again from there");
                }
                stop = timeline.replay(timeline.savePointFor(from), from, List.of(), null);
                for (long i = 0; i < count - back; i++) {
                    stop = session.resume(ResumeMode.STEP_INSN);
                }
            } finally {
                session.muteOutput(false);
            }
            return stop.as(StopReason.STEP, ""); // its position is found again when needed
        } finally {
            timeline.putBack(user);
        }
    }

    /** Whether single-stepping has reached {@code current}. */
    private boolean arrived(Position current, Stop stop, Fingerprint want) throws AgentException {
        return switch (current.kind()) {
            case BOUNDARY -> stop.event().compareTo(current.event()) >= 0;
            case END -> stop.reason() == StopReason.EXITED || stop.reason() == StopReason.END
                    || stop.reason() == StopReason.SIGNAL;
            default -> stop.pc().equals(current.pc()) && stop.event().equals(current.event())
                    && Fingerprint.of(session).equals(want);
        };
    }

    /**
     * Step back from code without source lines (a library, the program's exit): back out of such
     * calls to the nearest moment in code that has lines: out to the call in the caller, then a few
     * instructions back from there (the caller may be library code that a function with lines just
     * returned to, as when main returns into libc), and out again.
     */
    Stop stepBackToLine() throws AgentException {
        List<Frame> stack = session.stack(64);
        for (int k = 1; k < stack.size(); k++) {
            if (stack.get(k).hasLine()) {
                // a caller with lines is on the stack: back to its call, at once
                Position current = timeline.position();
                List<RemoteAddress> user = session.breakpoints();
                try {
                    return toCaller(current, stack, k - 1).as(StopReason.STEP, "");
                } finally {
                    timeline.putBack(user);
                }
            }
        }
        Stop stop = session.lastStop();
        for (int out = 0; out < LINE_SEARCH_OUT; out++) {
            List<Frame> frames = session.stack(2);
            if (frames.size() < 2 && out > 0) {
                break;
            }
            stop = reverseStepOut();
            if (hasLine()) {
                return stop.as(StopReason.STEP, "");
            }
            Position there = timeline.position();
            for (int back = 0; back < LINE_SEARCH_BACK; back++) {
                try {
                    stop = stepBackInstruction();
                } catch (AgentException e) {
                    if (e.code() != AgentErrorCode.NOT_AVAILABLE) {
                        throw e;
                    }
                    break;
                }
                if (hasLine()) {
                    // mid-way in a line (a function's return): the line is shown from its start
                    return midLine() ? stepBack(false) : stop.as(StopReason.STEP, "");
                }
            }
            stop = travel(there);
        }
        throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "no earlier moment in code with source lines was found "
                + "nearby: step back by instruction, or reverse-continue to a breakpoint");
    }

    /** Whether the stop is not at one of its line's start addresses. */
    private boolean midLine() throws AgentException {
        Frame top = session.stack(1).get(0);
        return !session.lineAddresses(top.file(), top.line()).addresses().contains(top.pc());
    }

    private boolean hasLine() throws AgentException {
        List<Frame> top = session.stack(1);
        return !top.isEmpty() && top.get(0).hasLine();
    }

    /** The call instruction in the caller of physical frame {@code top}, in the caller's frame; the start without one. */
    private Stop toCaller(Position current, List<Frame> frames, int top) throws AgentException {
        if (top < 0 || top + 1 >= frames.size()) {
            return travel(timeline.start()).as(StopReason.ENTRY, "");
        }
        Frame caller = frames.get(top + 1);
        Optional<RemoteAddress> call = callBeforeIfAny(caller.pc());
        if (call.isEmpty()) {
            // entered without a call: a signal handler, whose caller is the signal trampoline; the
            // moment before is inside a computation that may have run long without an event, where
            // no position can be named cheaply yet
            throw new AgentException(AgentErrorCode.NOT_AVAILABLE, frames.get(top).function()
                    + " was not entered by a call (a signal handler?): stepping back out of it is not supported "
                    + "yet; reverse-continue to a breakpoint before it instead");
        }
        Optional<Position> at = BackwardSearch.lastArrival(timeline, current,
                List.of(SearchMessages.ArmedAddress.inFrame(call.get(), caller.cfa()))).map(BackwardSearch.Found::at);
        if (at.isEmpty()) {
            return travel(timeline.start()).as(StopReason.ENTRY, "");
        }
        return travel(at.get()).as(StopReason.STEP, "");
    }

    /** True when the instruction at {@code pc} is a call. */
    private boolean isCall(RemoteAddress pc) throws AgentException {
        List<Instruction> insns = session.disassemble(pc, 1);
        return !insns.isEmpty() && insns.get(0).text().startsWith("call");
    }

    /** callBefore, or empty when no call instruction is found before {@code ret}. */
    private Optional<RemoteAddress> callBeforeIfAny(RemoteAddress ret) throws AgentException {
        try {
            return Optional.of(callBefore(ret));
        } catch (AgentException e) {
            if (e.code() != AgentErrorCode.NOT_AVAILABLE) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** The address of the call instruction that returns to {@code ret}. */
    private RemoteAddress callBefore(RemoteAddress ret) throws AgentException {
        for (int len : CALL_LENGTHS) {
            if (Long.compareUnsigned(ret.value(), len) <= 0) {
                continue;
            }
            List<Instruction> insns = session.disassemble(RemoteAddress.of(ret.value() - len), 1);
            if (!insns.isEmpty() && insns.get(0).next().equals(ret) && insns.get(0).text().startsWith("call")) {
                return insns.get(0).address();
            }
        }
        throw new AgentException(AgentErrorCode.NOT_AVAILABLE, "no call instruction returns to " + ret);
    }

    /** Seeks to {@code target} without putting the user's breakpoints back (the motion does at its end). */
    private Stop travel(Position target) throws AgentException {
        Stop stop = timeline.replay(timeline.startingPoint(target.event(), false), target, List.of(), null);
        timeline.remember(target);
        return stop;
    }

    /** The line starts of the frame's function: every line's addresses from its first line to a bound past the current one. */
    private Set<RemoteAddress> lineStarts(Frame frame, Set<RemoteAddress> body) throws AgentException {
        Set<RemoteAddress> out = new LinkedHashSet<>();
        for (int line = frame.line(); line >= Math.max(1, frame.line() - LINES_BEFORE); line--) {
            List<RemoteAddress> at = linesAt(frame.file(), line);
            out.addAll(at);
            if (at.stream().anyMatch(body::contains)) {
                break; // the function's first line
            }
        }
        for (int line = frame.line() + 1; line <= frame.line() + LINES_AFTER; line++) {
            LineAddresses la = lineAddresses(frame.file(), line);
            if (la == null || la.actualLine() == 0 || la.addresses().isEmpty()) {
                break; // the end of the file
            }
            if (la.actualLine() == line) {
                out.addAll(la.addresses());
            }
        }
        return out;
    }

    private List<RemoteAddress> linesAt(String file, int line) throws AgentException {
        LineAddresses la = lineAddresses(file, line);
        return la == null || la.actualLine() != line ? List.of() : la.addresses();
    }

    private LineAddresses lineAddresses(String file, int line) throws AgentException {
        try {
            return session.lineAddresses(file, line);
        } catch (AgentException e) {
            if (e.code() != AgentErrorCode.NOT_AVAILABLE) {
                throw e;
            }
            return null;
        }
    }

    private List<RemoteAddress> functionAddresses(String name) throws AgentException {
        if (name.isEmpty()) {
            return List.of();
        }
        try {
            return new ArrayList<>(session.functionAddresses(name));
        } catch (AgentException e) {
            if (e.code() != AgentErrorCode.NOT_AVAILABLE) {
                throw e;
            }
            return List.of();
        }
    }

    /** The first frame at or after {@code from} that is not an inlined call's (-1 when none). */
    private static int physical(List<Frame> frames, int from) {
        for (int i = Math.max(0, from); i < frames.size(); i++) {
            if (!frames.get(i).inlined()) {
                return i;
            }
        }
        return -1;
    }
}
