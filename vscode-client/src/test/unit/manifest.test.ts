/*
 * manifest.test: package.json agrees with the code: the launch schema has exactly the properties of
 * RewindLaunchArguments, the contributed commands are the ones extension.ts registers, menus show
 * them only in rewind sessions, and the configurations offered to users pass the provider's checks.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_COMMANDS } from '../../commandIds';
import { LAUNCH_PROPERTIES } from '../../launchArguments';
import { checkConfiguration, DEBUG_TYPE, RawConfiguration } from '../../launchConfiguration';

const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');

interface Manifest {
    main: string;
    contributes: {
        debuggers: {
            type: string;
            label: string;
            languages: string[];
            configurationAttributes: { launch: { properties: Record<string, unknown> } };
            initialConfigurations: RawConfiguration[];
            configurationSnippets: { label: string; body: RawConfiguration }[];
        }[];
        commands: { command: string; title: string; category: string }[];
        menus: Record<string, { command: string; when?: string }[]>;
        configuration: { properties: Record<string, { default?: unknown }> };
    };
}

const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8')) as Manifest;
const debuggers = manifest.contributes.debuggers;
const debuggerEntry = debuggers[0]!;

/** A configuration with ${workspaceFolder} and ${userHome} replaced, as VS Code would. */
function substituted(config: RawConfiguration): RawConfiguration {
    const text = JSON.stringify(config).replace(/\$\{workspaceFolder\}/g, '/ws').replace(/\$\{userHome\}/g, '/home/u');
    return JSON.parse(text) as RawConfiguration;
}

/** A snippet body as VS Code inserts it: `^"..."` strings unquoted, `${n:default}` placeholders as their default. */
function inserted(body: RawConfiguration): RawConfiguration {
    const text = JSON.stringify(body)
        .replace(/"\^\\"(.*?)\\""/g, '"$1"')
        .replace(/\\\\\$/g, '$')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1');
    return JSON.parse(text) as RawConfiguration;
}

describe('package.json', () => {
    it('contributes one debugger, type rewind, for C, C++ and Rust', () => {
        assert.strictEqual(debuggers.length, 1);
        assert.strictEqual(debuggerEntry.type, DEBUG_TYPE);
        assert.strictEqual(debuggerEntry.label, 'Rewind');
        assert.deepStrictEqual(debuggerEntry.languages, ['c', 'cpp', 'rust']);
    });

    it('has a launch schema with exactly the properties of RewindLaunchArguments', () => {
        assert.deepStrictEqual(Object.keys(debuggerEntry.configurationAttributes.launch.properties).sort(),
            [...LAUNCH_PROPERTIES].sort());
    });

    it('offers initial configurations and snippets that the provider accepts', () => {
        assert.deepStrictEqual(debuggerEntry.configurationSnippets.map(s => s.label),
            ['Rewind: Record and debug a program', 'Rewind: Debug a recording']);
        const offered = [...debuggerEntry.initialConfigurations, ...debuggerEntry.configurationSnippets.map(s => inserted(s.body))];
        for (const config of offered) {
            const result = checkConfiguration(substituted(config), '/ws');
            assert.ok(result.ok, `${JSON.stringify(config)}: ${result.ok ? '' : result.message}`);
        }
    });

    it('contributes exactly the commands extension.ts registers', () => {
        assert.deepStrictEqual(manifest.contributes.commands.map(c => c.command).sort(), [...ALL_COMMANDS].sort());
        assert.ok(manifest.contributes.commands.every(c => c.category === 'Rewind'));
        const titles = manifest.contributes.commands.map(c => `${c.category}: ${c.title}`);
        assert.deepStrictEqual(titles.sort(), [
            'Rewind: Find All Hits of This Line', 'Rewind: Open Recording…',
            'Rewind: Record and Debug Program…', 'Rewind: Reverse Step Out',
        ]);
    });

    it('shows session commands in menus only during rewind sessions', () => {
        for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
            for (const item of items) {
                assert.ok(ALL_COMMANDS.includes(item.command), `${menu}: unknown command ${item.command}`);
                assert.match(item.when ?? '', /debugType == 'rewind'/, `${menu}: ${item.command}`);
            }
        }
        assert.ok(manifest.contributes.menus['debug/toolBar']?.some(i => i.command === 'rewind.reverseStepOut'));
        assert.ok(manifest.contributes.menus['editor/context']?.some(i => i.command === 'rewind.findHits'));
    });

    it('has the rewind.path setting, "rewind" by default, and an entry point that compiled', () => {
        assert.strictEqual(manifest.contributes.configuration.properties['rewind.path']?.default, 'rewind');
        assert.ok(fs.existsSync(path.join(EXTENSION_ROOT, manifest.main)), manifest.main);
    });
});
