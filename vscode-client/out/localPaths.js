"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.expandCommandSetting = expandCommandSetting;
exports.findExecutable = findExecutable;
exports.recordingsFolder = recordingsFolder;
/*
 * localPaths: where Rewind's pieces are on this machine: the `rewind` command named by the
 * `rewind.path` setting (found on PATH when it is a bare name) and the folder where recordings go by
 * default. File-system checks are passed in, so that the logic can be tested without real files.
 */
const path = require("path");
/** Expands a rewind.path setting; a relative path with a slash is taken from the workspace folder. */
function expandCommandSetting(setting, vars) {
    let value = setting.trim() === '' ? 'rewind' : setting.trim();
    value = value.replace(/^~(?=$|\/)/, vars.home).replace(/\$\{userHome\}/g, vars.home);
    if (vars.workspaceFolder !== undefined) {
        value = value.replace(/\$\{workspaceFolder\}/g, vars.workspaceFolder);
    }
    if (value.includes('/') && !path.isAbsolute(value) && vars.workspaceFolder !== undefined) {
        value = path.resolve(vars.workspaceFolder, value);
    }
    return value;
}
/**
 * The executable a command names: itself when it contains a slash, else the first match in the
 * PATH folders, as a shell would find it; undefined when there is none.
 */
function findExecutable(command, pathVariable, isExecutableFile) {
    if (command.includes('/')) {
        return isExecutableFile(command) ? command : undefined;
    }
    for (const dir of (pathVariable ?? '').split(path.delimiter)) {
        if (dir === '') {
            continue;
        }
        const candidate = path.join(dir, command);
        if (isExecutableFile(candidate)) {
            return candidate;
        }
    }
    return undefined;
}
/** Where `rewind record` puts recordings without -o: $XDG_DATA_HOME/rewind/traces, ~/.local/share by default. */
function recordingsFolder(env, home) {
    const data = env.XDG_DATA_HOME !== undefined && path.isAbsolute(env.XDG_DATA_HOME)
        ? env.XDG_DATA_HOME
        : path.join(home, '.local', 'share');
    return path.join(data, 'rewind', 'traces');
}
//# sourceMappingURL=localPaths.js.map