/*
 * rewindClient: a DebugClient (from @vscode/debugadapter-testsupport) running the repository's real
 * `rewind dap`, the hooks every suite of adapter tests repeats (adapterSuite), and the few steps
 * every adapter test repeats: launch to a first stop, run a request
 * that ends in a `stopped` event, read the top frame and a variable. REWIND_NO_BUILD keeps the
 * script from rebuilding Rewind in the middle of a test run.
 * REWIND_TEST_ADAPTER_STDERR=1 shows the adapter's stderr.
 */
import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { DebugProtocol } from '@vscode/debugprotocol';
import { compile, removeCompiled, rewindScript } from './repository';

/** How long one request or event may take: recording and replay start a JVM and an agent. */
const TIMEOUT_MS = 60_000;

export async function startClient(): Promise<DebugClient> {
    const client = new DebugClient(rewindScript(), 'dap', 'rewind', {
        env: { ...process.env, REWIND_NO_BUILD: '1' },
    }, process.env.REWIND_TEST_ADAPTER_STDERR === '1');
    client.defaultTimeout = TIMEOUT_MS;
    await client.start();
    return client;
}

/** What the tests of a suite share: the program, compiled once, and a fresh client per test. */
export interface AdapterSuite {
    client: DebugClient;
    program: string;
}

/** Registers the mocha hooks that compile `file` for the suite and start and stop a client for each test. */
export function adapterSuite(file: string): AdapterSuite {
    const suite = {} as AdapterSuite;
    before(() => {
        suite.program = compile(file);
    });
    after(() => removeCompiled(suite.program));
    beforeEach(async () => {
        suite.client = await startClient();
    });
    afterEach(async () => {
        await suite.client.stop();
    });
    return suite;
}

/** The stopped event's body. */
export type Stop = DebugProtocol.StoppedEvent['body'];

/**
 * initialize, launch with `args`, set line breakpoints in `file` once the adapter is initialized,
 * configurationDone; resolves with the first stop.
 */
export async function launchToFirstStop(client: DebugClient, args: object, file: string, lines: number[]): Promise<Stop> {
    const response = await client.initializeRequest();
    assert.ok(response.body?.supportsStepBack, 'the adapter supports stepBack');
    const initialized = client.waitForEvent('initialized');
    await client.launchRequest(args as DebugProtocol.LaunchRequestArguments);
    await initialized;
    const set = await client.setBreakpointsRequest({ source: { path: file }, breakpoints: lines.map(line => ({ line })) });
    assert.deepStrictEqual(set.body.breakpoints.map(b => b.verified), lines.map(() => true), 'breakpoints verified');
    return untilStopped(client, () => client.configurationDoneRequest());
}

/** Sends a request that makes the replay move, and resolves with the stop that follows it. */
export async function untilStopped(client: DebugClient, request: () => Promise<unknown>): Promise<Stop> {
    const stopped = client.waitForEvent('stopped');
    await request();
    return (await stopped).body as Stop;
}

export interface Frame {
    id: number;
    name: string;
    line: number;
}

export async function topFrame(client: DebugClient, threadId: number): Promise<Frame> {
    const trace = await client.stackTraceRequest({ threadId, levels: 1 });
    const frame = trace.body.stackFrames[0];
    assert.ok(frame !== undefined, 'a stopped thread has a frame');
    return { id: frame.id, name: frame.name, line: frame.line };
}

/** The value of a variable of a frame, as its Arguments or Locals scope shows it. */
export async function variableValue(client: DebugClient, frameId: number, name: string): Promise<string> {
    const scopes = await client.scopesRequest({ frameId });
    const seen: string[] = [];
    for (const scope of scopes.body.scopes.filter(s => s.name === 'Arguments' || s.name === 'Locals')) {
        const variables = await client.variablesRequest({ variablesReference: scope.variablesReference });
        const variable = variables.body.variables.find(v => v.name === name);
        if (variable !== undefined) {
            return variable.value;
        }
        seen.push(...variables.body.variables.map(v => v.name));
    }
    assert.fail(`no variable ${name} in the frame's Arguments and Locals (${seen.join(', ')})`);
}
