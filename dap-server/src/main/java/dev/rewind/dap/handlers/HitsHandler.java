/*
 * HitsHandler: the custom request `rewind/hits` {source: {path}, line, condition?, expression?,
 * limit?}: every arrival at that line in the whole recording ("print statements in the past"), in
 * the order they happened, each with its position (event, pc, hitCount: what `rewind/seek` takes to
 * travel there) and, when asked, the expression's value there or why it could not be evaluated.
 * Arrivals where the condition is false are left out; one where it cannot be evaluated is kept,
 * with the reason. The body: {hits: [...], totalHits, truncated}: at most `limit` hits (default
 * 1000) are listed, all are counted. The user's own breakpoints neither stop the scan nor count
 * hits; the replay returns to where it stood. Sequential for now: one replay of the recording.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.eval.EvalException;
import dev.rewind.core.eval.Evaluator;
import dev.rewind.core.session.LineAddresses;
import dev.rewind.core.session.ReplaySession;
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
        List<Map<String, Object>> hits = new ArrayList<>();
        long[] total = {0};
        IntFunction<Evaluator> evaluators = ctx.evaluators();
        ValueFormatter formatter = ctx.formatter();
        try {
            timeline.scan(where.addresses(), (at, stop) -> {
                if (total[0] >= q.limit() && q.condition().isEmpty()) {
                    total[0]++;
                    return; // counted, not listed: nothing to evaluate
                }
                Map<String, Object> hit = new LinkedHashMap<>();
                hit.put("event", at.event().value());
                hit.put("pc", at.pc().toString());
                hit.put("hitCount", at.hits());
                hit.put("line", where.actualLine());
                session.stack(1); // the agent answers VARIABLES only for frames it has listed at this stop
                Evaluator evaluator = evaluators.apply(0);
                if (q.condition().isPresent()) {
                    try {
                        if (!evaluator.isTrue(evaluator.evaluate(q.condition().get()))) {
                            return;
                        }
                    } catch (EvalException x) {
                        hit.put("error", "cannot evaluate the condition: " + x.getMessage());
                    }
                }
                total[0]++;
                if (hits.size() >= q.limit()) {
                    return;
                }
                if (q.expression().isPresent() && !hit.containsKey("error")) {
                    try {
                        Value v = evaluator.show(q.expression().get(), formatter);
                        hit.put("value", v.display());
                        hit.put("type", v.typeName());
                    } catch (EvalException x) {
                        hit.put("error", x.getMessage());
                    }
                }
                hits.add(hit);
            });
        } catch (AgentException e) {
            throw new DapException(DapError.AGENT_FAILED, "cannot scan the recording: " + e.getMessage(), e);
        }
        ctx.relistFrames();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hits", hits);
        body.put("totalHits", total[0]);
        body.put("truncated", total[0] > hits.size());
        return body;
    }

    /** The request's arguments, checked. */
    record Query(String path, int line, Optional<String> condition, Optional<String> expression, int limit) {
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
            return new Query(path, line, text(args, "condition"), text(args, "expression"), limit);
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
