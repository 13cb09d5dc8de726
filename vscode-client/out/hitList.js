"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.hitsArguments = hitsArguments;
exports.hitLabel = hitLabel;
exports.hitItems = hitItems;
exports.hitsTitle = hitsTitle;
exports.seekArguments = seekArguments;
/*
 * hitList: turns a rewind/hits answer into what the "Find All Hits of This Line" picker shows
 * (labels "event n · hit k · value", a title), and a chosen hit back into rewind/seek arguments.
 * No VS Code here: the command in commands/findHits.ts does the showing.
 */
const path = require("path");
/** The rewind/hits arguments for a 1-based line of a file; a blank expression or condition is left out. */
function hitsArguments(file, line, expression, condition) {
    const args = { source: { path: file }, line };
    if (condition !== undefined && condition.trim() !== '') {
        args.condition = condition.trim();
    }
    if (expression !== undefined && expression.trim() !== '') {
        args.expression = expression.trim();
    }
    return args;
}
/** "event 1234 · hit 3 · 42"; the value part only when the hit has one. */
function hitLabel(hit) {
    const parts = [`event ${hit.event}`, `hit ${hit.hitCount}`];
    if (hit.value !== undefined) {
        parts.push(hit.value);
    }
    return parts.join(' · ');
}
function hitItems(body) {
    return body.hits.map(hit => {
        const item = { label: hitLabel(hit), hit };
        if (hit.error !== undefined) {
            item.detail = `cannot evaluate here: ${hit.error}`;
        }
        return item;
    });
}
/** The picker's title: "loop.c:12 — 3 hits (total)", saying when the list was cut short. */
function hitsTitle(file, line, body, expression) {
    const n = body.hits.length;
    const count = body.truncated ? `the first ${n} hits` : n === 1 ? '1 hit' : `${n} hits`;
    const shown = expression !== undefined && expression.trim() !== '' ? ` (${expression.trim()})` : '';
    return `${path.basename(file)}:${line} — ${count}${shown}`;
}
/** The rewind/seek arguments that travel to exactly this hit. */
function seekArguments(hit) {
    return { event: hit.event, pc: hit.pc, hitCount: hit.hitCount };
}
//# sourceMappingURL=hitList.js.map