/*
 * positionText: the status bar's words for where the replay is: "Rewind: event n of N", or
 * "Rewind: event n" while the recording's length is not known yet.
 */
import { PositionBody } from './protocol';

export function positionText(position: PositionBody): string {
    return position.totalEvents === undefined
        ? `Rewind: event ${position.event}`
        : `Rewind: event ${position.event} of ${position.totalEvents}`;
}

export function positionTooltip(position: PositionBody): string {
    return position.totalEvents === undefined
        ? `The replay is before event ${position.event} of the recording (its length is not known yet).`
        : `The replay is before event ${position.event}; the recording has ${position.totalEvents} events.`;
}
