/*
 * protocol: Rewind's custom DAP requests (beyond the standard protocol) and the shapes of their
 * arguments and response bodies, as the adapter (`rewind dap`) defines them. Bodies come from another
 * process, so the parse functions check them before the rest of the extension relies on them.
 */

export const REQUEST_POSITION = 'rewind/position';
export const REQUEST_SEEK = 'rewind/seek';
export const REQUEST_REVERSE_STEP_OUT = 'rewind/reverseStepOut';
export const REQUEST_HITS = 'rewind/hits';

/** rewind/position: the next event the replay will reach, and the recording's event count once known. */
export interface PositionBody {
    event: number;
    totalEvents?: number;
}

/** rewind/seek: travel to an event; with pc and hitCount, to that hit of a line within it. */
export interface SeekArguments {
    event: number;
    pc?: string;
    hitCount?: number;
}

/** rewind/hits: every time the replay passes a source line, optionally filtered and evaluated. */
export interface HitsArguments {
    source: { path: string };
    line: number;
    condition?: string;
    expression?: string;
    /** How many hits to list at most (the adapter's default: 1000); all are counted. */
    limit?: number;
}

/** One pass over the line: where it is on the timeline, and the expression's value (or why it failed). */
export interface Hit {
    event: number;
    pc: string;
    hitCount: number;
    line: number;
    /** The expression's value, as the Variables view would show it. */
    value?: string;
    /** The C type of the value. */
    type?: string;
    /** Why the expression (or the condition) could not be evaluated at this hit. */
    error?: string;
}

export interface HitsBody {
    hits: Hit[];
    /** How many hits the recording has in all (listed or not), when the adapter says. */
    totalHits?: number;
    /** True when there are more hits than listed. */
    truncated: boolean;
}

/** Checks a rewind/position response body; throws an Error naming what is wrong. */
export function parsePositionBody(body: unknown): PositionBody {
    const o = object(body, REQUEST_POSITION);
    const position: PositionBody = { event: count(o.event, 'event') };
    if (o.totalEvents !== undefined) {
        position.totalEvents = count(o.totalEvents, 'totalEvents');
    }
    return position;
}

/** Checks a rewind/hits response body; throws an Error naming what is wrong. */
export function parseHitsBody(body: unknown): HitsBody {
    const o = object(body, REQUEST_HITS);
    if (!Array.isArray(o.hits)) {
        throw new Error(`${REQUEST_HITS}: the response has no "hits" array`);
    }
    const hits = o.hits.map((raw, i) => {
        const h = object(raw, `${REQUEST_HITS} hit ${i}`);
        if (typeof h.pc !== 'string') {
            throw new Error(`${REQUEST_HITS}: hit ${i} has no "pc" string`);
        }
        const hit: Hit = {
            event: count(h.event, 'event'),
            pc: h.pc,
            hitCount: count(h.hitCount, 'hitCount'),
            line: count(h.line, 'line'),
        };
        if (typeof h.value === 'string') {
            hit.value = h.value;
        }
        if (typeof h.type === 'string') {
            hit.type = h.type;
        }
        if (typeof h.error === 'string') {
            hit.error = h.error;
        }
        return hit;
    });
    const parsed: HitsBody = { hits, truncated: o.truncated === true };
    if (o.totalHits !== undefined) {
        parsed.totalHits = count(o.totalHits, 'totalHits');
    }
    return parsed;
}

function object(value: unknown, what: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error(`${what}: expected an object in the response`);
    }
    return value as Record<string, unknown>;
}

function count(value: unknown, name: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new Error(`expected "${name}" to be an integer >= 0, found ${JSON.stringify(value)}`);
    }
    return value;
}
