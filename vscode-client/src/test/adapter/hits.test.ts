/*
 * hits.test: the requests behind "Find All Hits of This Line", against the real `rewind dap`:
 * rewind/hits lists every pass over a line of travel.c with an expression's value there, in the
 * order they happened (a condition filters them), and rewind/seek travels to a chosen hit, exactly
 * as the command sends them (hitsArguments, parseHitsBody, seekArguments).
 */
import * as assert from 'assert';
import { hitsArguments, seekArguments } from '../../hitList';
import { parseHitsBody, REQUEST_HITS, REQUEST_SEEK } from '../../protocol';
import { markerLine, source } from './repository';
import { adapterSuite, launchToFirstStop, topFrame, untilStopped, variableValue } from './rewindClient';

const FILE = 'travel.c';

describe('rewind dap (hits of a line)', () => {
    const suite = adapterSuite(FILE);

    it('lists each hit with the value of an expression, and seeks to one of them', async () => {
        const { client, program } = suite;
        const entry = await launchToFirstStop(client, { program, stopOnEntry: true }, source(FILE), []);
        const thread = entry.threadId ?? 1;
        const add = markerLine(FILE, 'LOOP_ADD');

        const body = parseHitsBody((await client.customRequest(REQUEST_HITS, hitsArguments(source(FILE), add, 'sq'))).body);
        assert.deepStrictEqual(body.hits.map(h => h.value), ['0', '1', '4', '9']);
        assert.ok(body.hits.every(h => h.line === add && h.error === undefined), JSON.stringify(body.hits));
        assert.strictEqual(body.truncated, false);
        const events = body.hits.map(h => h.event);
        assert.deepStrictEqual(events, [...events].sort((a, b) => a - b), 'hits in the order they happened');

        const stop = await untilStopped(client, () => client.customRequest(REQUEST_SEEK, seekArguments(body.hits[2]!)));
        assert.notStrictEqual(stop.reason, 'exception');
        const frame = await topFrame(client, thread);
        assert.strictEqual(frame.line, add);
        assert.strictEqual(await variableValue(client, frame.id, 'i'), '2');
        assert.strictEqual(await variableValue(client, frame.id, 'sq'), '4');
    });

    it('keeps only the hits where a condition holds, and says where an expression fails', async () => {
        const { client, program } = suite;
        await launchToFirstStop(client, { program, stopOnEntry: true }, source(FILE), []);
        const add = markerLine(FILE, 'LOOP_ADD');
        const odd = parseHitsBody((await client.customRequest(REQUEST_HITS,
            hitsArguments(source(FILE), add, 'total', 'i % 2 == 1'))).body);
        assert.deepStrictEqual(odd.hits.map(h => h.value), ['0', '5']);
        const bad = parseHitsBody((await client.customRequest(REQUEST_HITS,
            hitsArguments(source(FILE), add, 'no_such_variable'))).body);
        assert.strictEqual(bad.hits.length, 4);
        assert.ok(bad.hits.every(h => h.value === undefined && typeof h.error === 'string' && h.error !== ''),
            JSON.stringify(bad.hits));
    });
});
