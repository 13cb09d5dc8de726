/*
 * ConfigurationDoneHandler: the client has sent its breakpoints: report the entry stop
 * (stopOnEntry), travel to the launch's "start" moment, or run the replay to the first breakpoint.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.session.Stepper;
import dev.rewind.dap.DapException;
import dev.rewind.core.timeline.Timeline;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.LaunchArguments;
import dev.rewind.dap.RequestHandler;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;

public final class ConfigurationDoneHandler implements RequestHandler<ConfigurationDoneArguments, Void> {
    @Override
    public String command() {
        return "configurationDone";
    }

    @Override
    public void declare(Capabilities c) {
        c.setSupportsConfigurationDoneRequest(true);
    }

    @Override
    public Void handle(ConfigurationDoneArguments arguments, DebugContext ctx) throws DapException {
        ctx.session();
        if (!ctx.markConfigured()) {
            return null; // a second configurationDone changes nothing
        }
        if (ctx.start().isPresent()) {
            LaunchArguments.Start start = ctx.start().get();
            Timeline timeline = ctx.timeTravel().timeline();
            ctx.run(stepper -> SeekHandler.travel(timeline, start.end() ? Long.MAX_VALUE : start.event()));
        } else if (ctx.stopOnEntry()) {
            ctx.afterResponse(ctx::reportCurrentStop);
        } else {
            ctx.run(Stepper::resume);
        }
        return null;
    }
}
