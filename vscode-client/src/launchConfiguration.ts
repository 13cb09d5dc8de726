/*
 * launchConfiguration: fills in and checks a `rewind` launch configuration before a session starts;
 * the configuration provider's logic, without VS Code. fillDefaults runs before VS Code replaces
 * ${workspaceFolder}-style variables, so the defaults it adds may use them, exactly as a launch.json
 * would; checkConfiguration runs after, and either refuses the configuration with one message that
 * says what to change, or returns it with absolute paths (relative ones are taken from the workspace
 * folder, a relative program from `cwd`). Fields it does not know (VS Code's own) pass through.
 */
import * as path from 'path';
import { RewindDebugConfiguration } from './launchArguments';

export const DEBUG_TYPE = 'rewind';

/** A configuration as VS Code hands it over: any JSON object. */
export type RawConfiguration = Record<string, unknown>;

export type CheckResult = { ok: true; config: RewindDebugConfiguration } | { ok: false; message: string };

/** True for the configuration VS Code passes when F5 is pressed with no launch.json. */
export function isEmptyConfiguration(config: RawConfiguration): boolean {
    return config.type === undefined && config.request === undefined && config.name === undefined;
}

/** Adds type, request, name and, for a program in a workspace, cwd "${workspaceFolder}". */
export function fillDefaults(config: RawConfiguration, hasWorkspaceFolder: boolean): RawConfiguration {
    const filled: RawConfiguration = { ...config };
    filled.type ??= DEBUG_TYPE;
    filled.request ??= 'launch';
    filled.name ??= filled.trace !== undefined ? 'Rewind: debug a recording' : 'Rewind: record and debug';
    if (filled.program !== undefined && filled.trace === undefined && filled.cwd === undefined && hasWorkspaceFolder) {
        filled.cwd = '${workspaceFolder}';
    }
    return filled;
}

/** Checks a configuration whose variables VS Code has replaced; workspaceFolder is the session's folder, if any. */
export function checkConfiguration(config: RawConfiguration, workspaceFolder: string | undefined): CheckResult {
    try {
        return { ok: true, config: checked(config, workspaceFolder) };
    } catch (e) {
        if (e instanceof ConfigurationError) {
            return { ok: false, message: e.message };
        }
        throw e;
    }
}

class ConfigurationError extends Error {}

function refuse(message: string): never {
    throw new ConfigurationError(message);
}

function checked(config: RawConfiguration, workspaceFolder: string | undefined): RewindDebugConfiguration {
    if (config.request !== 'launch') {
        refuse(`Rewind sessions use "request": "launch" (found ${describe(config.request)}): ` +
            'they record a program or open a recording; there is nothing to attach to.');
    }
    const program = optionalPath(config, 'program');
    const trace = optionalPath(config, 'trace');
    if (program !== undefined && trace !== undefined) {
        refuse('Give either "program" (a program to record and debug) or "trace" (a recording to open), not both.');
    }
    if (program === undefined && trace === undefined) {
        refuse('Give "program" (a program to record and debug) or "trace" (a recording folder to open).');
    }
    const args = stringArray(config.args);
    const env = stringMap(config.env);
    const cwd = optionalPath(config, 'cwd');
    if (trace !== undefined && (args !== undefined || env !== undefined || cwd !== undefined)) {
        refuse('"args", "cwd" and "env" apply to "program" only: a recording ("trace") replays as it was recorded.');
    }
    const result: RewindDebugConfiguration = {
        ...config,
        type: typeof config.type === 'string' ? config.type : DEBUG_TYPE,
        request: 'launch',
        name: typeof config.name === 'string' ? config.name : 'Rewind',
    };
    delete result.program;
    delete result.trace;
    delete result.args;
    delete result.env;
    delete result.cwd;
    if (trace !== undefined) {
        result.trace = absolute(trace, workspaceFolder, 'trace', 'the workspace folder');
    } else if (program !== undefined) {
        const absoluteCwd = cwd === undefined ? undefined : absolute(cwd, workspaceFolder, 'cwd', 'the workspace folder');
        result.program = absolute(program, absoluteCwd ?? workspaceFolder, 'program', '"cwd" or the workspace folder');
        result.cwd = absoluteCwd ?? workspaceFolder ?? path.dirname(result.program);
        result.args = args ?? [];
        if (env !== undefined) {
            result.env = env;
        }
    }
    const start = config.start;
    if (start !== undefined && start !== 'end' && !(typeof start === 'number' && Number.isSafeInteger(start) && start >= 0)) {
        refuse(`"start" must be "end" or an event number (an integer >= 0), found ${describe(start)}.`);
    }
    const stopOnEntry = config.stopOnEntry;
    if (stopOnEntry !== undefined && typeof stopOnEntry !== 'boolean') {
        refuse(`"stopOnEntry" must be true or false, found ${describe(stopOnEntry)}.`);
    }
    return result;
}

/** A path-valued property: absent, or a non-empty string with no variable left unreplaced. */
function optionalPath(config: RawConfiguration, name: string): string | undefined {
    const value = config[name];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
        refuse(`"${name}" must be a path (a non-empty string), found ${describe(value)}.`);
    }
    noVariableLeft(value, `"${name}"`);
    return value;
}

function stringArray(value: unknown): string[] | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (!Array.isArray(value)) {
        refuse(`"args" must be an array of strings, as in ["--verbose", "input.txt"]; found ${describe(value)}.`);
    }
    return value.map((a, i) => {
        if (typeof a !== 'string') {
            refuse(`"args" must be an array of strings; item ${i} is ${describe(a)}.`);
        }
        noVariableLeft(a, `"args" item ${i}`);
        return a;
    });
}

function stringMap(value: unknown): Record<string, string> | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
        refuse(`"env" must be an object of strings, as in {"LANG": "C"}; found ${describe(value)}.`);
    }
    const env: Record<string, string> = {};
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
        if (name === '' || name.includes('=')) {
            refuse(`"env" has a bad variable name ${describe(name)}: names are non-empty and have no "=".`);
        }
        if (typeof v !== 'string') {
            refuse(`"env"."${name}" must be a string, found ${describe(v)}.`);
        }
        noVariableLeft(v, `"env"."${name}"`);
        env[name] = v;
    }
    return env;
}

/** VS Code replaces the variables it knows before checkConfiguration; what remains is a typo or unknown. */
function noVariableLeft(value: string, where: string): void {
    const left = /\$\{[^}]*\}/.exec(value);
    if (left !== null) {
        refuse(`${where} contains ${left[0]}, which VS Code did not replace: ` +
            'check its spelling (${workspaceFolder}, ${file}, ${env:NAME}, ${userHome}...).');
    }
}

function absolute(p: string, base: string | undefined, name: string, baseName: string): string {
    if (path.isAbsolute(p)) {
        return path.normalize(p);
    }
    if (base === undefined) {
        refuse(`"${name}" is a relative path (${p}) and there is no ${baseName} to take it from: give an absolute path.`);
    }
    return path.resolve(base, p);
}

function describe(value: unknown): string {
    return value === undefined ? 'nothing' : JSON.stringify(value);
}
