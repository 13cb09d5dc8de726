/*
 * repository: what the adapter tests need from the Rewind repository around this folder: its root
 * (found by walking up from this file, so the checkout can live anywhere), the `rewind` script, and
 * the debuggee C programs, compiled fresh into a temporary folder and searched for marker comments.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The repository root: the nearest folder above this file holding both `rewind` and the debuggees. */
export function repositoryRoot(): string {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, 'rewind')) && fs.existsSync(debuggeeFolder(dir))) {
            return dir;
        }
        assert.notStrictEqual(path.dirname(dir), dir, `no Rewind repository above ${__dirname}`);
    }
}

export function rewindScript(): string {
    return path.join(repositoryRoot(), 'rewind');
}

/** The absolute path of a debuggee's source, e.g. source('travel.c'). */
export function source(name: string): string {
    return path.join(debuggeeFolder(repositoryRoot()), name);
}

/** The 1-based line of `name` whose comment holds `marker`, such as LOOP_ADD. */
export function markerLine(name: string, marker: string): number {
    const lines = fs.readFileSync(source(name), 'utf8').split('\n');
    const index = lines.findIndex(l => new RegExp(`/\\* ${marker}\\b`).test(l));
    assert.ok(index >= 0, `no /* ${marker} */ in ${name}`);
    return index + 1;
}

/** Compiles a debuggee with gcc -g -O0 into a new temporary folder; returns the executable's path. */
export function compile(name: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rewind-vscode-test-'));
    const out = path.join(dir, path.basename(name, '.c'));
    execFileSync('gcc', ['-g', '-O0', '-o', out, source(name)], { stdio: ['ignore', 'inherit', 'inherit'] });
    return out;
}

/** Removes the temporary folder of a compiled debuggee (recordings may have gone there too). */
export function removeCompiled(executable: string): void {
    fs.rmSync(path.dirname(executable), { recursive: true, force: true });
}

function debuggeeFolder(root: string): string {
    return path.join(root, 'native', 'tests', 'debuggee');
}
