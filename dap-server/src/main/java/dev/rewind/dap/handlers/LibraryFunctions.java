/*
 * LibraryFunctions: where functions of libraries that are not mapped yet will be. At the start of
 * the recording only the program and the dynamic loader are mapped, so `free` or `write` have no
 * address yet. Replay is deterministic and the recorded mappings are replayed at their recorded
 * addresses, so the libraries loaded at start-up are where they will be in every replay: this looks
 * ahead (replays, output muted, to the first arrival at main, when every start-up library is mapped
 * and relocated), resolves the names there, and travels back to the start. Breakpoints at those
 * addresses are armed by the agent as soon as their library is mapped, so a hit in a constructor
 * is not missed. Functions of libraries loaded later (dlopen) are not found this way.
 */
package dev.rewind.dap.handlers;

import dev.rewind.core.agent.AgentErrorCode;
import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.ResumeMode;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import dev.rewind.core.timeline.Position;
import dev.rewind.core.timeline.Timeline;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class LibraryFunctions {
    private LibraryFunctions() {
    }

    /**
     * The addresses of {@code names} once the start-up libraries are mapped, for a session standing at
     * the start of the recording with a Timeline to come back with; names still unknown there are
     * left out. Empty when the session is elsewhere (the libraries are mapped already, or not known).
     */
    static Map<String, List<RemoteAddress>> lookAhead(ReplaySession session, Optional<Timeline> timeline,
                                                       List<String> names) throws AgentException {
        Map<String, List<RemoteAddress>> found = new HashMap<>();
        if (names.isEmpty() || timeline.isEmpty()) {
            return found;
        }
        Timeline tl = timeline.get();
        Position start = tl.start();
        if (!tl.position().equals(start)) {
            return found;
        }
        List<RemoteAddress> main = addresses(session, "main");
        if (main.isEmpty()) {
            return found;
        }
        List<RemoteAddress> armed = session.breakpoints();
        session.muteOutput(true);
        try {
            session.setBreakpoints(main);
            Stop stop = session.resume(ResumeMode.CONTINUE);
            if (stop.reason() == StopReason.BREAKPOINT && main.contains(stop.breakpoint())) {
                for (String name : names) {
                    List<RemoteAddress> at = addresses(session, name);
                    if (!at.isEmpty()) {
                        found.put(name, at);
                    }
                }
            }
        } finally {
            session.setBreakpoints(armed);
            session.muteOutput(false);
            tl.seek(start);
        }
        return found;
    }

    static List<RemoteAddress> addresses(ReplaySession session, String name) throws AgentException {
        try {
            return session.functionAddresses(name);
        } catch (AgentException e) {
            if (e.code() == AgentErrorCode.NOT_AVAILABLE) {
                return List.of();
            }
            throw e;
        }
    }
}
