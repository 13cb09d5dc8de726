/*
 * formatting.test: what the user reads: the picker rows and title of "Find All Hits of This Line",
 * the seek arguments a chosen hit becomes, the status bar position, and the checks on the adapter's
 * response bodies.
 */
import * as assert from 'assert';
import { hitItems, hitLabel, hitsArguments, hitsTitle, seekArguments } from '../../hitList';
import { positionText, positionTooltip } from '../../positionText';
import { Hit, parseHitsBody, parsePositionBody } from '../../protocol';

const HIT: Hit = { event: 120, pc: '0x401136', hitCount: 2, line: 27, value: '42', type: 'int' };

describe('formatting', () => {
    describe('hits', () => {
        it('labels a hit "event n · hit k · value"', () => {
            assert.strictEqual(hitLabel(HIT), 'event 120 · hit 2 · 42');
            assert.strictEqual(hitLabel({ event: 5, pc: '0x1', hitCount: 1, line: 3 }), 'event 5 · hit 1');
        });

        it('shows why an expression failed as the row\'s detail', () => {
            const failed: Hit = { event: 7, pc: '0x1', hitCount: 1, line: 3, error: 'no variable named x' };
            const items = hitItems({ hits: [HIT, failed], truncated: false });
            assert.deepStrictEqual(items.map(i => [i.label, i.detail]), [
                ['event 120 · hit 2 · 42', undefined],
                ['event 7 · hit 1', 'no variable named x'],
            ]);
            assert.strictEqual(items[1]!.hit, failed);
        });

        it('titles the list with the file, line, count and expression', () => {
            assert.strictEqual(hitsTitle('/src/travel.c', 27, { hits: [HIT], truncated: false }, ' sq '), 'travel.c:27 — 1 hit (sq)');
            assert.strictEqual(hitsTitle('/src/travel.c', 27, { hits: [HIT, HIT], truncated: false }), 'travel.c:27 — 2 hits');
            assert.strictEqual(hitsTitle('/src/travel.c', 27, { hits: [HIT, HIT], totalHits: 9, truncated: true }, ''),
                'travel.c:27 — the first 2 of 9 hits');
        });

        it('asks for hits with only the non-blank expression and condition', () => {
            assert.deepStrictEqual(hitsArguments('/a.c', 4, '  '), { source: { path: '/a.c' }, line: 4 });
            assert.deepStrictEqual(hitsArguments('/a.c', 4, ' x+1 ', 'i > 2'),
                { source: { path: '/a.c' }, line: 4, expression: 'x+1', condition: 'i > 2' });
        });

        it('travels to a hit by its event, pc and hit count', () => {
            assert.deepStrictEqual(seekArguments(HIT), { event: 120, pc: '0x401136', hitCount: 2 });
        });

        it('checks a rewind/hits body', () => {
            const body = parseHitsBody({ hits: [{ ...HIT, extra: true }], totalHits: 1, truncated: false });
            assert.deepStrictEqual(body, { hits: [HIT], totalHits: 1, truncated: false });
            assert.throws(() => parseHitsBody({ truncated: false }), /no "hits" array/);
            assert.throws(() => parseHitsBody({ hits: [{ event: 1, hitCount: 1, line: 1 }] }), /"pc"/);
            assert.throws(() => parseHitsBody({ hits: [{ event: -1, pc: '0x1', hitCount: 1, line: 1 }] }), /"event"/);
        });
    });

    describe('position', () => {
        it('reads "Rewind: event n of N", or without N while it is unknown', () => {
            assert.strictEqual(positionText({ event: 12, totalEvents: 47 }), 'Rewind: event 12 of 47');
            assert.strictEqual(positionText({ event: 12 }), 'Rewind: event 12');
            assert.match(positionTooltip({ event: 12 }), /not known yet/);
            assert.match(positionTooltip({ event: 12, totalEvents: 47 }), /47 events/);
        });

        it('checks a rewind/position body', () => {
            assert.deepStrictEqual(parsePositionBody({ event: 3, totalEvents: 9 }), { event: 3, totalEvents: 9 });
            assert.deepStrictEqual(parsePositionBody({ event: 0 }), { event: 0 });
            assert.throws(() => parsePositionBody(undefined), /expected an object/);
            assert.throws(() => parsePositionBody({ event: '3' }), /"event"/);
            assert.throws(() => parsePositionBody({ event: 3, totalEvents: 1.5 }), /"totalEvents"/);
        });
    });
});
