/*
 * launchConfiguration.test: the configuration provider's rules without VS Code: the defaults added
 * before variables are replaced, and what checkConfiguration accepts (with absolute paths) or refuses
 * (with a message that names the property).
 */
import * as assert from 'assert';
import { checkConfiguration, CheckResult, fillDefaults, isEmptyConfiguration, RawConfiguration } from '../../launchConfiguration';

const WS = '/home/dev/project';

function base(extra: RawConfiguration): RawConfiguration {
    return { type: 'rewind', request: 'launch', name: 'test', ...extra };
}

function accepted(result: CheckResult) {
    if (!result.ok) {
        assert.fail(`refused: ${result.message}`);
    }
    return result.config;
}

function refusedWith(result: CheckResult, pattern: RegExp): void {
    if (result.ok) {
        assert.fail(`accepted: ${JSON.stringify(result.config)}`);
    }
    assert.match(result.message, pattern);
}

describe('launchConfiguration', () => {
    describe('fillDefaults', () => {
        it('recognises the empty configuration of F5 without launch.json', () => {
            assert.strictEqual(isEmptyConfiguration({}), true);
            assert.strictEqual(isEmptyConfiguration({ __configurationTarget: 5 }), true);
            assert.strictEqual(isEmptyConfiguration(base({ program: 'a.out' })), false);
        });

        it('adds type, request, name, and cwd ${workspaceFolder} for a program in a workspace', () => {
            assert.deepStrictEqual(fillDefaults({ program: 'build/prog' }, true), {
                program: 'build/prog', type: 'rewind', request: 'launch', name: 'Rewind: record and debug',
                cwd: '${workspaceFolder}',
            });
        });

        it('adds no cwd without a workspace folder, nor for a recording', () => {
            assert.strictEqual(fillDefaults({ program: '/bin/true' }, false).cwd, undefined);
            const trace = fillDefaults({ trace: '/tmp/t' }, true);
            assert.strictEqual(trace.cwd, undefined);
            assert.strictEqual(trace.name, 'Rewind: debug a recording');
        });

        it('keeps what the configuration says', () => {
            const given = base({ program: 'p', cwd: '/srv', name: 'mine' });
            assert.deepStrictEqual(fillDefaults(given, true), given);
        });
    });

    describe('checkConfiguration', () => {
        it('resolves a relative program against cwd, and cwd against the workspace folder', () => {
            const config = accepted(checkConfiguration(base({ program: 'bin/prog', cwd: 'build' }), WS));
            assert.strictEqual(config.cwd, `${WS}/build`);
            assert.strictEqual(config.program, `${WS}/build/bin/prog`);
            assert.deepStrictEqual(config.args, []);
        });

        it('takes the program folder as cwd when there is no workspace folder', () => {
            const config = accepted(checkConfiguration(base({ program: '/opt/x/../tool/prog', args: ['-v'] }), undefined));
            assert.strictEqual(config.program, '/opt/tool/prog');
            assert.strictEqual(config.cwd, '/opt/tool');
            assert.deepStrictEqual(config.args, ['-v']);
        });

        it('resolves a relative trace against the workspace folder', () => {
            const config = accepted(checkConfiguration(base({ trace: 'traces/run1', start: 'end' }), WS));
            assert.strictEqual(config.trace, `${WS}/traces/run1`);
            assert.strictEqual(config.start, 'end');
            assert.strictEqual(config.program, undefined);
            assert.strictEqual(config.cwd, undefined);
        });

        it('passes VS Code\'s own fields and the other launch arguments through', () => {
            const config = accepted(checkConfiguration(base({
                program: '/p', env: { LANG: 'C' }, stopOnEntry: true, start: 12, __sessionId: 'abc',
            }), WS));
            assert.deepStrictEqual(config.env, { LANG: 'C' });
            assert.strictEqual(config.stopOnEntry, true);
            assert.strictEqual(config.start, 12);
            assert.strictEqual((config as unknown as RawConfiguration).__sessionId, 'abc');
        });

        it('wants exactly one of program and trace', () => {
            refusedWith(checkConfiguration(base({}), WS), /Give "program" .* or "trace"/);
            refusedWith(checkConfiguration(base({ program: '/p', trace: '/t' }), WS), /not both/);
        });

        it('refuses args, cwd and env with a recording', () => {
            for (const extra of [{ args: ['x'] }, { cwd: '/tmp' }, { env: { A: 'b' } }]) {
                refusedWith(checkConfiguration(base({ trace: '/t', ...extra }), WS), /apply to "program" only/);
            }
        });

        it('refuses values of the wrong kind, naming the property', () => {
            refusedWith(checkConfiguration(base({ program: '' }), WS), /"program" must be a path/);
            refusedWith(checkConfiguration(base({ program: 42 }), WS), /"program" must be a path .* found 42/);
            refusedWith(checkConfiguration(base({ program: '/p', args: '-v -x' }), WS), /"args" must be an array of strings/);
            refusedWith(checkConfiguration(base({ program: '/p', args: ['-v', 3] }), WS), /item 1 is 3/);
            refusedWith(checkConfiguration(base({ program: '/p', env: ['A=b'] }), WS), /"env" must be an object/);
            refusedWith(checkConfiguration(base({ program: '/p', env: { A: 1 } }), WS), /"env"."A" must be a string/);
            refusedWith(checkConfiguration(base({ program: '/p', env: { 'A=B': 'c' } }), WS), /bad variable name/);
            refusedWith(checkConfiguration(base({ program: '/p', stopOnEntry: 'yes' }), WS), /"stopOnEntry" must be true or false/);
        });

        it('accepts "end" or an event number as start, nothing else', () => {
            for (const start of ['end', 0, 7]) {
                accepted(checkConfiguration(base({ trace: '/t', start }), WS));
            }
            for (const start of ['begin', -1, 1.5, '12', true]) {
                refusedWith(checkConfiguration(base({ trace: '/t', start }), WS), /"start" must be "end" or an event number/);
            }
        });

        it('refuses attach', () => {
            refusedWith(checkConfiguration({ type: 'rewind', request: 'attach', name: 'a', program: '/p' }, WS),
                /"request": "launch" \(found "attach"\)/);
        });

        it('refuses a variable VS Code left unreplaced', () => {
            refusedWith(checkConfiguration(base({ program: '${workspaceFolder}/a.out' }), undefined),
                /"program" contains \$\{workspaceFolder\}/);
            refusedWith(checkConfiguration(base({ program: '/p', env: { X: '${env:NOPE' + '}' } }), WS), /"env"."X" contains/);
        });

        it('refuses a relative path with nothing to take it from', () => {
            refusedWith(checkConfiguration(base({ program: 'a.out' }), undefined), /"program" is a relative path \(a.out\)/);
            refusedWith(checkConfiguration(base({ trace: 'runs/1' }), undefined), /"trace" is a relative path/);
        });
    });
});
