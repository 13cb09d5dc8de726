/*
 * RewindDebugServer: lsp4j's view of the server. Each DAP request Rewind can answer is forwarded
 * to the dispatcher by its command name; requests without a registered handler answer an error
 * (and are not advertised). Rewind's own requests (rewind/...) are @JsonRequest methods here. Every
 * request lsp4j declares is overridden here (RewindDebugServerTest checks it), so none reaches
 * lsp4j's default, which throws and would answer with a Java stack trace.
 */
package dev.rewind.dap;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.BreakpointLocationsArguments;
import org.eclipse.lsp4j.debug.BreakpointLocationsResponse;
import org.eclipse.lsp4j.debug.CancelArguments;
import org.eclipse.lsp4j.debug.CompletionsArguments;
import org.eclipse.lsp4j.debug.CompletionsResponse;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.debug.GotoArguments;
import org.eclipse.lsp4j.debug.GotoTargetsArguments;
import org.eclipse.lsp4j.debug.GotoTargetsResponse;
import org.eclipse.lsp4j.debug.LoadedSourcesArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesResponse;
import org.eclipse.lsp4j.debug.LocationsArguments;
import org.eclipse.lsp4j.debug.LocationsResponse;
import org.eclipse.lsp4j.debug.ModulesArguments;
import org.eclipse.lsp4j.debug.ModulesResponse;
import org.eclipse.lsp4j.debug.RestartArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetInstructionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SourceArguments;
import org.eclipse.lsp4j.debug.SourceResponse;
import org.eclipse.lsp4j.debug.StepInTargetsArguments;
import org.eclipse.lsp4j.debug.StepInTargetsResponse;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.TerminateThreadsArguments;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExpressionArguments;
import org.eclipse.lsp4j.debug.SetExpressionResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.WriteMemoryResponse;
import org.eclipse.lsp4j.debug.RestartFrameArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

final class RewindDebugServer implements IDebugProtocolServer {
    private final RequestDispatcher dispatcher;

    RewindDebugServer(RequestDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        return dispatcher.dispatch("initialize", args);
    }

    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        return dispatcher.dispatch("launch", args);
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        return dispatcher.dispatch("configurationDone", args);
    }

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        return dispatcher.dispatch("setBreakpoints", args);
    }

    @Override
    public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
        return dispatcher.dispatch("setFunctionBreakpoints", args);
    }

    @Override
    public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(SetExceptionBreakpointsArguments args) {
        return dispatcher.dispatch("setExceptionBreakpoints", args);
    }

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        return dispatcher.dispatch("threads", null);
    }

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return dispatcher.dispatch("stackTrace", args);
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        return dispatcher.dispatch("scopes", args);
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        return dispatcher.dispatch("variables", args);
    }

    @Override
    public CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments args) {
        return dispatcher.dispatch("setVariable", args);
    }

    @Override
    public CompletableFuture<SetExpressionResponse> setExpression(SetExpressionArguments args) {
        return dispatcher.dispatch("setExpression", args);
    }

    @Override
    public CompletableFuture<WriteMemoryResponse> writeMemory(WriteMemoryArguments args) {
        return dispatcher.dispatch("writeMemory", args);
    }

    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        return dispatcher.dispatch("evaluate", args);
    }

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        return dispatcher.dispatch("continue", args);
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        return dispatcher.dispatch("next", args);
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        return dispatcher.dispatch("stepIn", args);
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return dispatcher.dispatch("stepOut", args);
    }

    @Override
    public CompletableFuture<ReadMemoryResponse> readMemory(ReadMemoryArguments args) {
        return dispatcher.dispatch("readMemory", args);
    }

    @Override
    public CompletableFuture<Void> pause(PauseArguments args) {
        return dispatcher.dispatch("pause", args);
    }

    @Override
    public CompletableFuture<DisassembleResponse> disassemble(DisassembleArguments args) {
        return dispatcher.dispatch("disassemble", args);
    }

    @Override
    public CompletableFuture<Void> stepBack(StepBackArguments args) {
        return dispatcher.dispatch("stepBack", args);
    }

    @Override
    public CompletableFuture<Void> reverseContinue(ReverseContinueArguments args) {
        return dispatcher.dispatch("reverseContinue", args);
    }

    @Override
    public CompletableFuture<Void> restartFrame(RestartFrameArguments args) {
        return dispatcher.dispatch("restartFrame", args);
    }

    @Override
    public CompletableFuture<DataBreakpointInfoResponse> dataBreakpointInfo(DataBreakpointInfoArguments args) {
        return dispatcher.dispatch("dataBreakpointInfo", args);
    }

    @Override
    public CompletableFuture<SetDataBreakpointsResponse> setDataBreakpoints(SetDataBreakpointsArguments args) {
        return dispatcher.dispatch("setDataBreakpoints", args);
    }

    // ---- requests lsp4j declares that Rewind does not implement: a clean "not supported" error ----

    @Override
    public CompletableFuture<Void> cancel(CancelArguments args) {
        return dispatcher.dispatch("cancel", args);
    }

    @Override
    public CompletableFuture<Void> attach(Map<String, Object> args) {
        return dispatcher.dispatch("attach", args);
    }

    @Override
    public CompletableFuture<Void> restart(RestartArguments args) {
        return dispatcher.dispatch("restart", args);
    }

    @Override
    public CompletableFuture<Void> terminate(TerminateArguments args) {
        return dispatcher.dispatch("terminate", args);
    }

    @Override
    public CompletableFuture<BreakpointLocationsResponse> breakpointLocations(BreakpointLocationsArguments args) {
        return dispatcher.dispatch("breakpointLocations", args);
    }

    @Override
    public CompletableFuture<SetInstructionBreakpointsResponse> setInstructionBreakpoints(SetInstructionBreakpointsArguments args) {
        return dispatcher.dispatch("setInstructionBreakpoints", args);
    }

    @Override
    public CompletableFuture<Void> goto_(GotoArguments args) {
        return dispatcher.dispatch("goto", args);
    }

    @Override
    public CompletableFuture<SourceResponse> source(SourceArguments args) {
        return dispatcher.dispatch("source", args);
    }

    @Override
    public CompletableFuture<Void> terminateThreads(TerminateThreadsArguments args) {
        return dispatcher.dispatch("terminateThreads", args);
    }

    @Override
    public CompletableFuture<ModulesResponse> modules(ModulesArguments args) {
        return dispatcher.dispatch("modules", args);
    }

    @Override
    public CompletableFuture<LoadedSourcesResponse> loadedSources(LoadedSourcesArguments args) {
        return dispatcher.dispatch("loadedSources", args);
    }

    @Override
    public CompletableFuture<StepInTargetsResponse> stepInTargets(StepInTargetsArguments args) {
        return dispatcher.dispatch("stepInTargets", args);
    }

    @Override
    public CompletableFuture<GotoTargetsResponse> gotoTargets(GotoTargetsArguments args) {
        return dispatcher.dispatch("gotoTargets", args);
    }

    @Override
    public CompletableFuture<CompletionsResponse> completions(CompletionsArguments args) {
        return dispatcher.dispatch("completions", args);
    }

    @Override
    public CompletableFuture<ExceptionInfoResponse> exceptionInfo(ExceptionInfoArguments args) {
        return dispatcher.dispatch("exceptionInfo", args);
    }

    @Override
    public CompletableFuture<LocationsResponse> locations(LocationsArguments args) {
        return dispatcher.dispatch("locations", args);
    }

    /** Custom: back to the call in the caller. */
    @JsonRequest("rewind/reverseStepOut")
    public CompletableFuture<Void> reverseStepOut(Map<String, Object> args) {
        return dispatcher.dispatch("rewind/reverseStepOut", args);
    }

    /** Custom: {event, totalEvents?}. */
    @JsonRequest("rewind/position")
    public CompletableFuture<Map<String, Object>> position(Map<String, Object> args) {
        return dispatcher.dispatch("rewind/position", args);
    }

    /** Custom: the recording's processes (pid, parent, command line, how it ended, events, which is open). */
    @JsonRequest("rewind/processes")
    public CompletableFuture<Map<String, Object>> processes(Map<String, Object> args) {
        return dispatcher.dispatch("rewind/processes", args);
    }

    /** Custom: every arrival at a line in the whole recording, with an expression's value at each. */
    @JsonRequest("rewind/hits")
    public CompletableFuture<Map<String, Object>> hits(Map<String, Object> args) {
        return dispatcher.dispatch("rewind/hits", args);
    }

    /** Custom: travel to the boundary of {event}, or to the hitCount-th arrival at pc after it. */
    @JsonRequest("rewind/seek")
    public CompletableFuture<Void> seek(Map<String, Object> args) {
        return dispatcher.dispatch("rewind/seek", args);
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        return dispatcher.dispatch("disconnect", args);
    }
}
