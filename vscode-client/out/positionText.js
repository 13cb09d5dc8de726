"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.positionText = positionText;
exports.positionTooltip = positionTooltip;
function positionText(position) {
    return position.totalEvents === undefined
        ? `Rewind: event ${position.event}`
        : `Rewind: event ${position.event} of ${position.totalEvents}`;
}
function positionTooltip(position) {
    return position.totalEvents === undefined
        ? `The replay is before event ${position.event} of the recording (its length is not known yet).`
        : `The replay is before event ${position.event}; the recording has ${position.totalEvents} events.`;
}
//# sourceMappingURL=positionText.js.map