/*
 * PositionHandler: the custom request `rewind/position`: {event, totalEvents?}: the next event the
 * replay will reach, and the recording's event count when known (it is after launch recorded the
 * program, or once the replay reached the end).
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.timeline.Timeline;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

public final class PositionHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public String command() {
        return "rewind/position";
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> args, DebugContext ctx) throws DapException {
        Timeline timeline = ctx.timeTravel().timeline();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", ctx.session().lastStop().event().value());
        timeline.totalEvents().ifPresent(total -> body.put("totalEvents", total));
        body.put("agentRequests", ctx.session().requestsSent());
        return body;
    }
}
