/*
 * ForwardMotions: the Timeline's runs forwards (DESIGN.md, "Motions"): continue with the user's
 * breakpoints judged by the filter (resume), the agent's plain CONTINUE for the Stepper (run),
 * and where the Stepper stops on its way for save points (savePlan). Every run leaves save points
 * at the event boundaries it passes (SavePointPlacement) and tells the Timeline the positions it
 * learns on the way.
 */
package dev.rewind.core.timeline;

import dev.rewind.core.agent.AgentException;
import dev.rewind.core.model.EventIndex;
import dev.rewind.core.model.RemoteAddress;
import dev.rewind.core.session.ReplaySession;
import dev.rewind.core.session.Stepper;
import dev.rewind.core.session.Stop;
import dev.rewind.core.session.StopReason;
import java.util.List;
import java.util.Set;

final class ForwardMotions {
    private final Timeline timeline;
    private final ReplaySession session;
    private final SavePoints savePoints;
    private final SavePointPlacement placement;

    ForwardMotions(Timeline timeline, SavePoints savePoints, SavePointPlacement placement) {
        this.timeline = timeline;
        this.session = timeline.session();
        this.savePoints = savePoints;
        this.placement = placement;
    }

    /**
     * resume(), with {@code own} among the armed breakpoints as the caller's (WatchLifetimes): an
     * arrival at one of them ends the run unfiltered (the caller judges it).
     */
    Stop resume(Set<RemoteAddress> own) throws AgentException {
        List<RemoteAddress> user = session.breakpoints();
        EventIndex from = session.lastStop().event();
        while (true) {
            Stop stop = session.runToEvent(EventIndex.of(placement.nextSaveEvent(session.lastStop().event())));
            switch (stop.reason()) {
                case AT_EVENT -> {
                    placement.maybeSave(stop, stop.event());
                    if (session.takePauseRequest()) {
                        return stop.as(StopReason.PAUSED, "");
                    }
                }
                case BREAKPOINT -> {
                    if (own.contains(stop.pc()) || !user.contains(stop.pc()) || timeline.filter().stopsAt(stop)) {
                        // hits count from the last boundary only when this run crossed one
                        if (stop.event().compareTo(from) > 0) {
                            timeline.remember(Position.at(stop.event(), stop.pc(), stop.hits()));
                        }
                        return stop;
                    }
                    if (session.takePauseRequest()) {
                        return stop.as(StopReason.PAUSED, "");
                    }
                }
                case WATCH -> {
                    if (stop.event().compareTo(from) > 0 || stop.hits() == 0) {
                        timeline.remember(Position.ofWatchStop(stop));
                    }
                    return stop;
                }
                default -> {
                    savePoints.enforceBudget(stop.event());
                    if (stop.reason() == StopReason.EXITED || stop.reason() == StopReason.END
                            || stop.reason() == StopReason.SIGNAL) {
                        timeline.remember(Position.end(stop.event()));
                    }
                    return stop;
                }
            }
        }
    }

    /**
     * Runs like the agent's CONTINUE (to any breakpoint, a fault, the end, a pause), making save
     * points at the event boundaries it passes: what a Stepper runs with (Stepper.Runner), so that
     * steps over long calls leave save points behind too. No filter: the caller judges the stops.
     */
    Stop run() throws AgentException {
        while (true) {
            Stop stop = session.runToEvent(EventIndex.of(placement.nextSaveEvent(session.lastStop().event())));
            if (stop.reason() != StopReason.AT_EVENT) {
                if (stop.reason() == StopReason.EXITED || stop.reason() == StopReason.END) {
                    savePoints.enforceBudget(stop.event());
                }
                return stop;
            }
            placement.maybeSave(stop, stop.event());
            if (session.takePauseRequest()) {
                return stop.as(StopReason.PAUSED, "");
            }
        }
    }

    /**
     * Where the Stepper's motions stop on their way for save points: at the event boundaries run()
     * would save at, so that steps over long calls leave save points behind too.
     */
    Stepper.SavePlan savePlan() {
        return new Stepper.SavePlan() {
            @Override
            public long nextSaveEvent(EventIndex from) {
                return placement.nextSaveEvent(from);
            }

            @Override
            public void reached(Stop atEvent) throws AgentException {
                placement.maybeSave(atEvent, atEvent.event());
            }
        };
    }
}
