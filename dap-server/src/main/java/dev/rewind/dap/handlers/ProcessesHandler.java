/*
 * ProcessesHandler: the custom request `rewind/processes` (no arguments): the processes of the
 * recording being debugged (issue 13), for a client to offer a picker (a new launch with
 * "process": PID opens another). The body: {processes: [{pid?, parent?, command, argv, exit?,
 * signal?, signalName?, crashed, events, root, open}]}: the root first, then by pid, as `rewind
 * ps` lists them. pid and parent are absent when the trace does not say (formats 1 to 4); exit
 * (the exit code) or signal (the killing signal's number) only when the recording saw the process
 * end; crashed: killed by a fault or an abort (the kind launch opens by default); open: the
 * process this session debugs.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.model.SignalNames;
import dev.rewind.core.model.WaitStatus;
import dev.rewind.core.trace.DefaultProcess;
import dev.rewind.core.trace.ProcessTable;
import dev.rewind.core.trace.RecordedProcess;
import dev.rewind.core.trace.TraceException;
import dev.rewind.dap.DapError;
import dev.rewind.dap.DapException;
import dev.rewind.dap.DebugContext;
import dev.rewind.dap.RequestHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ProcessesHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public String command() {
        return "rewind/processes";
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> args, DebugContext ctx) throws DapException {
        DebugContext.Recording recording = ctx.recording().orElseThrow(() -> new DapException(DapError.NOT_LAUNCHED,
                "rewind/processes: no recording is open yet (launch first)"));
        List<RecordedProcess> processes;
        try {
            processes = ProcessTable.read(recording.trace());
        } catch (TraceException e) {
            throw new DapException(DapError.TRACE_UNREADABLE, "cannot list the recording's processes: "
                    + e.getMessage(), e);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (RecordedProcess p : processes) {
            list.add(describe(p, p.stream().equals(recording.openedStream())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("processes", list);
        return body;
    }

    private static Map<String, Object> describe(RecordedProcess p, boolean open) {
        Map<String, Object> m = new LinkedHashMap<>();
        p.pid().ifPresent(pid -> m.put("pid", pid));
        p.parent().ifPresent(parent -> m.put("parent", parent));
        m.put("command", String.join(" ", p.argv()));
        m.put("argv", p.argv());
        if (p.end().isPresent()) {
            WaitStatus s = p.end().get();
            if (s.isExited()) {
                m.put("exit", s.exitCode());
            } else if (s.isSignaled()) {
                m.put("signal", s.termSignal());
                m.put("signalName", SignalNames.name(s.termSignal()));
            }
        }
        m.put("crashed", DefaultProcess.crashed(p.end()));
        m.put("events", p.events());
        m.put("root", p.root());
        m.put("open", open);
        return m;
    }
}
