/*
 * timeTravel.test: the real `rewind dap`, driven as VS Code drives it: record travel.c, stop at a
 * breakpoint, go forwards to a later hit, back with reverseContinue and stepBack, ask for the
 * position, reverse-step out of a call; open a recording at its end; and debug a recording made with
 * `rewind record`.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { parsePositionBody, REQUEST_POSITION, REQUEST_REVERSE_STEP_OUT } from '../../protocol';
import { markerLine, rewindScript, source } from './repository';
import { adapterSuite, launchToFirstStop, topFrame, untilStopped, variableValue } from './rewindClient';

const FILE = 'travel.c';

describe('rewind dap (time travel)', () => {
    const suite = adapterSuite(FILE);

    it('continues to a later hit, then reverse-continues and steps back to earlier moments', async () => {
        const { client, program } = suite;
        const add = markerLine(FILE, 'LOOP_ADD');
        const first = await launchToFirstStop(client, { program }, source(FILE), [add]);
        assert.strictEqual(first.reason, 'breakpoint');
        const thread = first.threadId ?? 1;
        let frame = await topFrame(client, thread);
        assert.strictEqual(frame.line, add);
        assert.strictEqual(await variableValue(client, frame.id, 'i'), '0');

        for (const i of ['1', '2']) {
            const stop = await untilStopped(client, () => client.continueRequest({ threadId: thread }));
            assert.strictEqual(stop.reason, 'breakpoint');
            frame = await topFrame(client, thread);
            assert.strictEqual(frame.line, add);
            assert.strictEqual(await variableValue(client, frame.id, 'i'), i);
        }
        assert.strictEqual(await variableValue(client, frame.id, 'sq'), '4');

        const back = await untilStopped(client, () => client.reverseContinueRequest({ threadId: thread }));
        assert.strictEqual(back.reason, 'breakpoint');
        frame = await topFrame(client, thread);
        assert.strictEqual(frame.line, add, 'reverseContinue stops at the previous hit');
        assert.strictEqual(await variableValue(client, frame.id, 'i'), '1');
        assert.strictEqual(await variableValue(client, frame.id, 'sq'), '1');

        const stepped = await untilStopped(client, () => client.stepBackRequest({ threadId: thread }));
        assert.strictEqual(stepped.reason, 'step');
        frame = await topFrame(client, thread);
        assert.strictEqual(frame.name, 'main');
        assert.strictEqual(frame.line, markerLine(FILE, 'LOOP_CALL'), 'stepBack goes to the previous line, over the call');
        assert.strictEqual(await variableValue(client, frame.id, 'i'), '1');

        const position = parsePositionBody((await client.customRequest(REQUEST_POSITION)).body);
        assert.ok(position.event > 0, `an event number: ${JSON.stringify(position)}`);
        assert.ok(position.totalEvents !== undefined && position.totalEvents >= position.event,
            `the recording's length is known after recording it: ${JSON.stringify(position)}`);
    });

    it('reverse-steps out of a function to its call in the caller', async () => {
        const { client, program } = suite;
        const first = await launchToFirstStop(client, { program }, source(FILE), [markerLine(FILE, 'SQUARE_FIRST')]);
        const thread = first.threadId ?? 1;
        assert.strictEqual((await topFrame(client, thread)).name, 'square');
        const stop = await untilStopped(client, () => client.customRequest(REQUEST_REVERSE_STEP_OUT));
        assert.strictEqual(stop.reason, 'step');
        const frame = await topFrame(client, thread);
        assert.strictEqual(frame.name, 'main');
        assert.strictEqual(frame.line, markerLine(FILE, 'LOOP_CALL'));
        assert.strictEqual(await variableValue(client, frame.id, 'i'), '0');
    });

    it('opens the recording at its end ("start": "end") and reverse-continues to the last hit', async () => {
        const { client, program } = suite;
        const add = markerLine(FILE, 'LOOP_ADD');
        const end = await launchToFirstStop(client, { program, start: 'end' }, source(FILE), [add]);
        assert.strictEqual(end.reason, 'end');
        const position = parsePositionBody((await client.customRequest(REQUEST_POSITION)).body);
        assert.strictEqual(position.event, position.totalEvents, JSON.stringify(position));
        const thread = end.threadId ?? 1;
        const back = await untilStopped(client, () => client.reverseContinueRequest({ threadId: thread }));
        assert.strictEqual(back.reason, 'breakpoint');
        const frame = await topFrame(client, thread);
        assert.strictEqual(frame.line, add);
        assert.strictEqual(await variableValue(client, frame.id, 'i'), '3');
    });

    it('debugs a recording made with `rewind record`', async () => {
        const { client, program } = suite;
        const trace = path.join(path.dirname(program), 'trace');
        execFileSync(rewindScript(), ['record', '-o', trace, '--', program], {
            env: { ...process.env, REWIND_NO_BUILD: '1' }, stdio: ['ignore', 'ignore', 'inherit'],
        });
        const sum = markerLine(FILE, 'SUM_BASE');
        const first = await launchToFirstStop(client, { trace }, source(FILE), [sum]);
        assert.strictEqual(first.reason, 'breakpoint');
        const frame = await topFrame(client, first.threadId ?? 1);
        assert.strictEqual(frame.line, sum);
        assert.strictEqual(await variableValue(client, frame.id, 'n'), '3');
    });
});
