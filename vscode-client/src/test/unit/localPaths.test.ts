/*
 * localPaths.test: finding the rewind command from the rewind.path setting, and the default folder
 * of recordings, with a pretend file system.
 */
import * as assert from 'assert';
import { expandCommandSetting, findExecutable, recordingsFolder } from '../../localPaths';

describe('localPaths', () => {
    const vars = { home: '/home/dev', workspaceFolder: '/home/dev/project' };

    it('expands ~, ${userHome} and ${workspaceFolder} in the setting', () => {
        assert.strictEqual(expandCommandSetting('~/rewind/rewind', vars), '/home/dev/rewind/rewind');
        assert.strictEqual(expandCommandSetting('${userHome}/bin/rewind', vars), '/home/dev/bin/rewind');
        assert.strictEqual(expandCommandSetting('${workspaceFolder}/rewind', vars), '/home/dev/project/rewind');
        assert.strictEqual(expandCommandSetting('./tools/rewind', vars), '/home/dev/project/tools/rewind');
    });

    it('leaves a bare command name for PATH, and reads an empty setting as "rewind"', () => {
        assert.strictEqual(expandCommandSetting('rewind', vars), 'rewind');
        assert.strictEqual(expandCommandSetting('  ', vars), 'rewind');
        assert.strictEqual(expandCommandSetting('~user/rewind', { home: '/home/dev' }), '~user/rewind');
    });

    it('finds a bare name on PATH, first folder first, and a path as itself', () => {
        const files = new Set(['/usr/local/bin/rewind', '/usr/bin/rewind', '/opt/rewind/rewind']);
        const exists = (f: string) => files.has(f);
        assert.strictEqual(findExecutable('rewind', '/nowhere::/usr/local/bin:/usr/bin', exists), '/usr/local/bin/rewind');
        assert.strictEqual(findExecutable('rewind', undefined, exists), undefined);
        assert.strictEqual(findExecutable('/opt/rewind/rewind', '', exists), '/opt/rewind/rewind');
        assert.strictEqual(findExecutable('/opt/other/rewind', '/usr/bin', exists), undefined);
    });

    it('puts recordings under $XDG_DATA_HOME/rewind/traces, ~/.local/share by default', () => {
        assert.strictEqual(recordingsFolder({ XDG_DATA_HOME: '/data' }, '/home/dev'), '/data/rewind/traces');
        assert.strictEqual(recordingsFolder({ XDG_DATA_HOME: 'relative' }, '/home/dev'), '/home/dev/.local/share/rewind/traces');
        assert.strictEqual(recordingsFolder({}, '/home/dev'), '/home/dev/.local/share/rewind/traces');
    });
});
