/*
 * HitsHandler: the custom request `rewind/hits` {source: {path}, line, condition?, expression?,
 * limit?}: every arrival at that line in the whole recording ("print statements in the past"), in
 * the order they happened, each with its position (event, pc, hitCount: what `rewind/seek` takes to
 * travel there) and, when asked, the expression's value there or why it could not be evaluated.
 * Arrivals where the condition is false are left out; one where it cannot be evaluated is kept,
 * with the reason. The body: {hits: [...], totalHits, truncated}: at most `limit` hits (default
 * 1000) are listed, all are counted. The user's own breakpoints neither stop the scan nor count
 * hits; the replay returns to where it stood. A recording indexed with snapshots (rewind index)
 * is searched segment by segment, several segments at once in sessions of their own ("workers":
 * how many, default one per core); otherwise by one replay of the whole recording.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.eval.EvalException;
import dev.rewind.core.eval.Evaluator;
import dev.rewind.core.session.LineAddresses;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.eval.SessionScope;
import dev.rewind.core.eval.TypeTable;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.segments.LocalSegmentRunner;
import dev.rewind.core.segments.Segment;
import dev.rewind.core.segments.SegmentRunner;
import dev.rewind.core.session.OutputListener;
import dev.rewind.core.session.ResumeMode;
import dev.rewind.core.session.SessionLauncher;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.snapshot.SnapshotException;
import dev.rewind.core.timeline.Position;
import dev.rewind.core.timeline.Timeline;
import dev.rewind.core.values.Value;
import dev.rewind.core.values.ValueFormatter;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

public final class HitsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 100_000;

    @Override
    public String command() {
        return "rewind/hits";
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> args, DebugContext ctx) throws DapException {
        Query q = Query.parse(args);
        ReplaySession session = ctx.session();
        Timeline timeline = ctx.timeTravel().timeline();
        LineAddresses where;
        try {
            where = session.lineAddresses(q.path(), q.line());
        } catch (AgentException e) {
            throw new DapException(e.code() == AgentErrorCode.NOT_AVAILABLE ? DapError.NOT_FOUND : DapError.AGENT_FAILED,
                    "cannot find " + q.path() + ":" + q.line() + ": " + e.getMessage(), e);
        }
        if (where.addresses().isEmpty()) {
            throw new DapException(DapError.NOT_FOUND, "no code at line " + q.line() + " or after it in " + q.path());
        }
        Tally tally = new Tally(q.limit());
        try {
            Optional<DebugContext.Indexed> indexed = ctx.indexed();
            if (indexed.isPresent() && q.workers() != 0) {
                inSegments(indexed.get(), ctx, where, q, tally);
            } else {
                IntFunction<Evaluator> evaluators = ctx.evaluators();
                ValueFormatter formatter = ctx.formatter();
                timeline.scan(where.addresses(), (at, stop) -> tally.add(
                        judge(at, session, evaluators.apply(0), formatter, where.actualLine(), q, tally.full())));
            }
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot scan the recording: " + e.getMessage(), e);
        }
        ctx.relistFrames();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hits", tally.hits);
        body.put("totalHits", tally.total);
        body.put("truncated", tally.total > tally.hits.size());
        return body;
    }

    /**
     * The hits over the recording's segments, each replayed from its snapshot in a session of its
     * own, several at once (one per core, or "workers"), merged in order.
     */
    private static void inSegments(DebugContext.Indexed indexed, DebugContext ctx, LineAddresses where, Query q,
                                   Tally tally) throws AgentException {
        int workers = q.workers() > 0 ? q.workers() : Runtime.getRuntime().availableProcessors();
        SegmentRunner runner = new LocalSegmentRunner(new SessionLauncher(ctx.agentLaunch(), OutputListener.IGNORE),
                indexed.trace(), indexed.snapshots(), workers);
        List<Segment> segments;
        try {
            segments = LocalSegmentRunner.segments(indexed.snapshots());
        } catch (SnapshotException e) {
            throw new AgentException(AgentErrorCode.NOT_AVAILABLE, e.getMessage(), e);
        }
        List<List<Map<String, Object>>> parts = runner.run(segments, (session, segment) -> {
            TypeTable types = new TypeTable(session);
            ValueFormatter formatter = new ValueFormatter(types);
            List<Map<String, Object>> found = new ArrayList<>();
            session.setBreakpoints(where.addresses());
            while (true) {
                Stop stop = segment.end() == Long.MAX_VALUE ? session.resume(ResumeMode.CONTINUE)
                        : session.runToEvent(EventIndex.of(segment.end()));
                if (stop.reason() == StopReason.SIGNAL) {
                    continue; // a fault is delivered on the next run
                }
                if (stop.reason() != StopReason.BREAKPOINT) {
                    return found; // the segment's end, or the recording's
                }
                Position at = Position.at(stop.event(), stop.pc(), stop.hits());
                Map<String, Object> hit = judge(at, session, new Evaluator(types, new SessionScope(session, 0)),
                        formatter, where.actualLine(), q, false);
                if (hit != null) {
                    found.add(hit);
                }
            }
        });
        for (List<Map<String, Object>> part : parts) {
            for (Map<String, Object> hit : part) {
                tally.add(hit);
            }
        }
    }

    /**
     * One arrival: null when the condition is false, else the hit (its position, and the
     * expression's value or why it has none; only counted, not evaluated, when {@code countOnly}).
     */
    private static Map<String, Object> judge(Position at, ReplaySession session, Evaluator evaluator,
                                             ValueFormatter formatter, int line, Query q, boolean countOnly)
            throws AgentException {
        Map<String, Object> hit = new LinkedHashMap<>();
        hit.put("event", at.event().value());
        hit.put("pc", at.pc().toString());
        hit.put("hitCount", at.hits());
        hit.put("line", line);
        if (countOnly && q.condition().isEmpty()) {
            return hit;
        }
        session.stack(1); // the agent answers VARIABLES only for frames it has listed at this stop
        if (q.condition().isPresent()) {
            try {
                if (!evaluator.isTrue(evaluator.evaluate(q.condition().get()))) {
                    return null;
                }
            } catch (EvalException x) {
                hit.put("error", "cannot evaluate the condition: " + x.getMessage());
            }
        }
        if (q.expression().isPresent() && !hit.containsKey("error") && !countOnly) {
            try {
                Value v = evaluator.show(q.expression().get(), formatter);
                hit.put("value", v.display());
                hit.put("type", v.typeName());
            } catch (EvalException x) {
                hit.put("error", x.getMessage());
            }
        }
        return hit;
    }

    /** The hits listed (at most limit) and counted (all). */
    private static final class Tally {
        private final int limit;
        private final List<Map<String, Object>> hits = new ArrayList<>();
        private long total;

        Tally(int limit) {
            this.limit = limit;
        }

        boolean full() {
            return hits.size() >= limit;
        }

        void add(Map<String, Object> hit) {
            if (hit == null) {
                return;
            }
            total++;
            if (hits.size() < limit) {
                hits.add(hit);
            }
        }
    }

    /** The request's arguments, checked. */
    record Query(String path, int line, Optional<String> condition, Optional<String> expression, int limit,
                 int workers) {
        static Query parse(Map<String, Object> args) throws DapException {
            if (args == null) {
                throw bad("rewind/hits needs {\"source\": {\"path\": ...}, \"line\": N}");
            }
            String path = args.get("source") instanceof Map<?, ?> src && src.get("path") instanceof String p
                    && !p.isBlank() ? p : null;
            if (path == null) {
                throw bad("rewind/hits needs source.path");
            }
            int line = positiveInt(args.get("line"), "line", Integer.MAX_VALUE);
            int limit = args.get("limit") == null ? DEFAULT_LIMIT : positiveInt(args.get("limit"), "limit", MAX_LIMIT);
            // workers: how many segments at once (default one per core); 0: one replay of the whole recording
            Object w = args.get("workers");
            int workers = w == null ? -1 : w instanceof Number n && n.doubleValue() == 0 ? 0 : positiveInt(w, "workers", 64);
            return new Query(path, line, text(args, "condition"), text(args, "expression"), limit, workers);
        }

        private static int positiveInt(Object v, String name, int max) throws DapException {
            if (v instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= max
                    && n.doubleValue() == Math.floor(n.doubleValue())) {
                return n.intValue();
            }
            throw bad("rewind/hits: \"" + name + "\" must be a whole number from 1 to " + max + ", got " + v);
        }

        private static Optional<String> text(Map<String, Object> args, String name) throws DapException {
            Object v = args.get(name);
            if (v == null || (v instanceof String s && s.isBlank())) {
                return Optional.empty();
            }
            if (!(v instanceof String s)) {
                throw bad("rewind/hits: \"" + name + "\" must be a string (a C expression), got " + v);
            }
            return Optional.of(s.strip());
        }

        private static DapException bad(String message) {
            return new DapException(DapError.BAD_ARGUMENTS, message);
        }
    }
}
