"use strict";
/*
 * protocol: Rewind's custom DAP requests (beyond the standard protocol) and the shapes of their
 * arguments and response bodies, as the adapter (`rewind dap`) defines them. Bodies come from another
 * process, so the parse functions check them before the rest of the extension relies on them.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.REQUEST_HITS = exports.REQUEST_REVERSE_STEP_OUT = exports.REQUEST_SEEK = exports.REQUEST_POSITION = void 0;
exports.parsePositionBody = parsePositionBody;
exports.parseHitsBody = parseHitsBody;
exports.REQUEST_POSITION = 'rewind/position';
exports.REQUEST_SEEK = 'rewind/seek';
exports.REQUEST_REVERSE_STEP_OUT = 'rewind/reverseStepOut';
exports.REQUEST_HITS = 'rewind/hits';
/** Checks a rewind/position response body; throws an Error naming what is wrong. */
function parsePositionBody(body) {
    const o = object(body, exports.REQUEST_POSITION);
    const position = { event: count(o.event, 'event') };
    if (o.totalEvents !== undefined) {
        position.totalEvents = count(o.totalEvents, 'totalEvents');
    }
    return position;
}
/** Checks a rewind/hits response body; throws an Error naming what is wrong. */
function parseHitsBody(body) {
    const o = object(body, exports.REQUEST_HITS);
    if (!Array.isArray(o.hits)) {
        throw new Error(`${exports.REQUEST_HITS}: the response has no "hits" array`);
    }
    const hits = o.hits.map((raw, i) => {
        const h = object(raw, `${exports.REQUEST_HITS} hit ${i}`);
        if (typeof h.pc !== 'string') {
            throw new Error(`${exports.REQUEST_HITS}: hit ${i} has no "pc" string`);
        }
        const hit = {
            event: count(h.event, 'event'),
            pc: h.pc,
            hitCount: count(h.hitCount, 'hitCount'),
            line: count(h.line, 'line'),
        };
        if (typeof h.value === 'string') {
            hit.value = h.value;
        }
        if (typeof h.error === 'string') {
            hit.error = h.error;
        }
        return hit;
    });
    return { hits, truncated: o.truncated === true };
}
function object(value, what) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error(`${what}: expected an object in the response`);
    }
    return value;
}
function count(value, name) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new Error(`expected "${name}" to be an integer >= 0, found ${JSON.stringify(value)}`);
    }
    return value;
}
//# sourceMappingURL=protocol.js.map