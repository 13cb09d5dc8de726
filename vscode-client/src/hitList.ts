/*
 * hitList: turns a rewind/hits answer into what the "Find All Hits of This Line" picker shows
 * (labels "event n · hit k · value", a title), and a chosen hit back into rewind/seek arguments.
 * No VS Code here: the command in commands/findHits.ts does the showing.
 */
import * as path from 'path';
import { Hit, HitsArguments, HitsBody, SeekArguments } from './protocol';

/** One row of the picker; `hit` is what choosing it travels to. */
export interface HitItem {
    label: string;
    /** Why the expression could not be evaluated at this hit, when it could not. */
    detail?: string;
    hit: Hit;
}

/** The rewind/hits arguments for a 1-based line of a file; a blank expression or condition is left out. */
export function hitsArguments(file: string, line: number, expression?: string, condition?: string): HitsArguments {
    const args: HitsArguments = { source: { path: file }, line };
    if (condition !== undefined && condition.trim() !== '') {
        args.condition = condition.trim();
    }
    if (expression !== undefined && expression.trim() !== '') {
        args.expression = expression.trim();
    }
    return args;
}

/** "event 1234 · hit 3 · 42"; the value part only when the hit has one. */
export function hitLabel(hit: Hit): string {
    const parts = [`event ${hit.event}`, `hit ${hit.hitCount}`];
    if (hit.value !== undefined) {
        parts.push(hit.value);
    }
    return parts.join(' · ');
}

export function hitItems(body: HitsBody): HitItem[] {
    return body.hits.map(hit => {
        const item: HitItem = { label: hitLabel(hit), hit };
        if (hit.error !== undefined) {
            item.detail = hit.error;
        }
        return item;
    });
}

/** The picker's title: "loop.c:12 — 3 hits (total)", saying when the list was cut short. */
export function hitsTitle(file: string, line: number, body: HitsBody, expression?: string): string {
    const n = body.hits.length;
    const all = body.totalHits === undefined ? '' : ` of ${body.totalHits}`;
    const count = body.truncated ? `the first ${n}${all} hits` : n === 1 ? '1 hit' : `${n} hits`;
    const shown = expression !== undefined && expression.trim() !== '' ? ` (${expression.trim()})` : '';
    return `${path.basename(file)}:${line} — ${count}${shown}`;
}

/** The rewind/seek arguments that travel to exactly this hit. */
export function seekArguments(hit: Hit): SeekArguments {
    return { event: hit.event, pc: hit.pc, hitCount: hit.hitCount };
}
