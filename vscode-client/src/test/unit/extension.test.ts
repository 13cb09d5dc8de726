/*
 * extension.test: the VS Code glue run in plain Node against a fake `vscode` module (test/fakes):
 * activate() registers what package.json promises; the status bar follows `stopped` events of the
 * active rewind session; "Find All Hits of This Line" sends rewind/hits, then rewind/seek for the
 * chosen hit; the adapter factory runs `<rewind.path> dap`; a bad configuration is refused.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fake, FakeSession, installFakeVscode, resetFake } from '../fakes/vscode';

installFakeVscode();
// Loaded after the fake is installed: these modules import `vscode`.
const extension = require('../../extension') as typeof import('../../extension');
const { ALL_COMMANDS, COMMAND_FIND_HITS } = require('../../commandIds') as typeof import('../../commandIds');

interface Registered {
    kind: string;
    value: unknown;
}

function registered(kind: string): unknown {
    const found = (fake.factories.get('rewind') as Registered[] | undefined)?.find(r => r.kind === kind);
    assert.ok(found !== undefined, `a ${kind} for rewind`);
    return found.value;
}

/** A rewind session whose adapter answers custom requests from `answers`, recording each request. */
function session(answers: Record<string, unknown>, type = 'rewind'): FakeSession & { sent: [string, unknown][] } {
    const sent: [string, unknown][] = [];
    return {
        id: `s${Math.random()}`, type, name: 'test', sent,
        customRequest: async (command: string, args?: unknown) => {
            sent.push([command, args]);
            return answers[command];
        },
    };
}

const settle = () => new Promise(resolve => setImmediate(resolve));

describe('extension (with a fake vscode)', () => {
    beforeEach(() => {
        resetFake();
        extension.activate({ subscriptions: [] } as never);
    });

    it('registers every contributed command and the three debug hooks for type rewind', () => {
        assert.deepStrictEqual([...fake.commands.keys()].sort(), [...ALL_COMMANDS].sort());
        for (const kind of ['descriptorFactory', 'configurationProvider', 'trackerFactory']) {
            registered(kind);
        }
    });

    it('shows the active rewind session\'s position after each stop, and hides it otherwise', async () => {
        const tracker = (registered('trackerFactory') as { createDebugAdapterTracker(s: unknown): { onDidSendMessage(m: unknown): void } });
        const s = session({ 'rewind/position': { event: 12, totalEvents: 47 } });
        fake.activeSession = s;
        const item = fake.statusItems[0]!;
        const t = tracker.createDebugAdapterTracker(s);
        t.onDidSendMessage({ type: 'event', event: 'output' });
        await settle();
        assert.strictEqual(item.visible, false, 'nothing before the first stop');
        t.onDidSendMessage({ type: 'event', event: 'stopped', body: { reason: 'step' } });
        await settle();
        assert.deepStrictEqual(s.sent, [['rewind/position', undefined]]);
        assert.strictEqual(item.text, 'Rewind: event 12 of 47');
        assert.strictEqual(item.visible, true);

        fake.activeSession = session({}, 'cppdbg');
        fake.activeSessionListeners.forEach(l => l(fake.activeSession));
        assert.strictEqual(item.visible, false, 'hidden while another kind of session is active');
        fake.activeSession = s;
        fake.activeSessionListeners.forEach(l => l(s));
        assert.strictEqual(item.visible, true);
        fake.terminateListeners.forEach(l => l(s));
        assert.strictEqual(item.visible, false, 'hidden once the session ended');
    });

    it('finds the hits of the cursor line and travels to the chosen one', async () => {
        const hits = [
            { event: 10, pc: '0x40113a', hitCount: 1, line: 27, value: '0' },
            { event: 14, pc: '0x40113a', hitCount: 1, line: 27, value: '1' },
        ];
        const s = session({ 'rewind/hits': { hits, totalHits: 2, truncated: false } });
        fake.activeSession = s;
        fake.activeEditor = { document: { uri: { scheme: 'file', fsPath: '/src/travel.c' } }, selection: { active: { line: 26 } } };
        fake.inputAnswer = 'sq';
        fake.pickIndex = 1;
        await fake.commands.get(COMMAND_FIND_HITS)!();
        assert.deepStrictEqual(fake.pickedFrom.map(i => i.label), ['event 10 · hit 1 · 0', 'event 14 · hit 1 · 1']);
        assert.strictEqual(fake.pickTitle, 'travel.c:27 — 2 hits (sq)');
        assert.deepStrictEqual(s.sent, [
            ['rewind/hits', { source: { path: '/src/travel.c' }, line: 27, expression: 'sq' }],
            ['rewind/seek', { event: 14, pc: '0x40113a', hitCount: 1 }],
        ]);
        assert.deepStrictEqual(fake.messages, []);
    });

    it('says so when a session command runs without a rewind session', async () => {
        await fake.commands.get(COMMAND_FIND_HITS)!();
        assert.match(fake.messages[0] ?? '', /needs an active Rewind debug session/);
    });

    it('runs `<rewind.path> dap`, and names the setting when the command is missing', () => {
        const factory = registered('descriptorFactory') as { createDebugAdapterDescriptor(s: unknown): { command: string; args: string[] } };
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rewind-vscode-unit-'));
        try {
            const script = path.join(dir, 'rewind');
            fs.writeFileSync(script, '#!/bin/sh\n', { mode: 0o755 });
            fake.settings.set('rewind.path', script);
            const descriptor = factory.createDebugAdapterDescriptor(session({}));
            assert.deepStrictEqual([descriptor.command, descriptor.args], [script, ['dap']]);
            fake.settings.set('rewind.path', path.join(dir, 'missing'));
            assert.throws(() => factory.createDebugAdapterDescriptor(session({})), /Set "rewind.path"/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it('refuses a bad configuration with a message, and completes a good one', async () => {
        const provider = registered('configurationProvider') as {
            resolveDebugConfiguration(f: unknown, c: object): Promise<Record<string, unknown> | undefined>;
            resolveDebugConfigurationWithSubstitutedVariables(f: unknown, c: object): Record<string, unknown> | undefined;
        };
        const filled = await provider.resolveDebugConfiguration(undefined, { type: 'rewind', program: '/bin/true' });
        assert.strictEqual(filled?.request, 'launch');
        assert.strictEqual(provider.resolveDebugConfigurationWithSubstitutedVariables(undefined, filled!)?.cwd, '/bin');
        assert.strictEqual(provider.resolveDebugConfigurationWithSubstitutedVariables(undefined,
            { type: 'rewind', request: 'launch', name: 'x', program: '/p', trace: '/t' }), undefined);
        assert.match(fake.messages[0] ?? '', /^error: Rewind: .*not both/);
    });
});
