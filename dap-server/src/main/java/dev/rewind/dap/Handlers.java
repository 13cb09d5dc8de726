/*
 * Handlers: every DAP request Rewind answers, in one visible list. The capabilities announced in
 * the initialize response are built from these handlers alone, so nothing is claimed ahead. Each
 * is wrapped in a RestartingHandler: a session survives its agent's death.
 */
package dev.rewind.dap;

import dev.rewind.dap.handlers.ConfigurationDoneHandler;
import dev.rewind.dap.handlers.ContinueHandler;
import dev.rewind.dap.handlers.DisassembleHandler;
import dev.rewind.dap.handlers.DisconnectHandler;
import dev.rewind.dap.handlers.EvaluateHandler;
import dev.rewind.dap.handlers.InitializeHandler;
import dev.rewind.dap.handlers.LaunchHandler;
import dev.rewind.dap.handlers.NextHandler;
import dev.rewind.dap.handlers.PauseHandler;
import dev.rewind.dap.handlers.DataBreakpointInfoHandler;
import dev.rewind.dap.handlers.HitsHandler;
import dev.rewind.dap.handlers.SetDataBreakpointsHandler;
import dev.rewind.dap.handlers.PositionHandler;
import dev.rewind.dap.handlers.ProcessesHandler;
import dev.rewind.dap.handlers.ReadMemoryHandler;
import dev.rewind.dap.handlers.RestartFrameHandler;
import dev.rewind.dap.handlers.ReverseContinueHandler;
import dev.rewind.dap.handlers.ReverseStepOutHandler;
import dev.rewind.dap.handlers.ScopesHandler;
import dev.rewind.dap.handlers.SeekHandler;
import dev.rewind.dap.handlers.SetBreakpointsHandler;
import dev.rewind.dap.handlers.SetExceptionBreakpointsHandler;
import dev.rewind.dap.handlers.SetFunctionBreakpointsHandler;
import dev.rewind.dap.handlers.StackTraceHandler;
import dev.rewind.dap.handlers.StepBackHandler;
import dev.rewind.dap.handlers.StepInHandler;
import dev.rewind.dap.handlers.StepOutHandler;
import dev.rewind.dap.handlers.ThreadsHandler;
import dev.rewind.dap.handlers.VariablesHandler;
import java.util.List;

public final class Handlers {
    public static final List<RequestHandler<?, ?>> ALL = RestartingHandler.wrapAll(List.of(
            new InitializeHandler(),
            new LaunchHandler(),
            new SetBreakpointsHandler(),
            new SetFunctionBreakpointsHandler(),
            new SetExceptionBreakpointsHandler(),
            new ConfigurationDoneHandler(),
            new ThreadsHandler(),
            new StackTraceHandler(),
            new ScopesHandler(),
            new VariablesHandler(),
            new EvaluateHandler(),
            new ContinueHandler(),
            new NextHandler(),
            new StepInHandler(),
            new StepOutHandler(),
            new PauseHandler(),
            new ReverseContinueHandler(),
            new StepBackHandler(),
            new RestartFrameHandler(),
            new ReverseStepOutHandler(),
            new PositionHandler(),
            new ProcessesHandler(),
            new HitsHandler(),
            new DataBreakpointInfoHandler(),
            new SetDataBreakpointsHandler(),
            new SeekHandler(),
            new ReadMemoryHandler(),
            new DisassembleHandler(),
            new DisconnectHandler()));

    private Handlers() {
    }
}
