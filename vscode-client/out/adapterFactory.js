"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RewindAdapterFactory = void 0;
/*
 * adapterFactory: starts the debug adapter of each `rewind` session: the command named by the
 * rewind.path setting, run as `<rewind> dap`, which speaks DAP on its stdin/stdout.
 */
const fs = require("fs");
const os = require("os");
const vscode = require("vscode");
const commandIds_1 = require("./commandIds");
const localPaths_1 = require("./localPaths");
class RewindAdapterFactory {
    createDebugAdapterDescriptor(session) {
        const folder = session.workspaceFolder?.uri.fsPath;
        const setting = vscode.workspace.getConfiguration(commandIds_1.SETTING_SECTION, session.workspaceFolder?.uri)
            .get(commandIds_1.SETTING_PATH, 'rewind');
        const command = (0, localPaths_1.expandCommandSetting)(setting, { home: os.homedir(), workspaceFolder: folder });
        const executable = (0, localPaths_1.findExecutable)(command, process.env.PATH, isExecutableFile);
        if (executable === undefined) {
            // VS Code shows this message as the reason the session could not start.
            throw new Error(`Rewind: cannot run "${command}": ${command.includes('/') ? 'no executable file there' : 'not found on PATH'}. ` +
                `Set "${commandIds_1.SETTING_SECTION}.${commandIds_1.SETTING_PATH}" to the rewind command (for example /path/to/rewind-repository/rewind).`);
        }
        return new vscode.DebugAdapterExecutable(executable, ['dap'], folder === undefined ? {} : { cwd: folder });
    }
}
exports.RewindAdapterFactory = RewindAdapterFactory;
function isExecutableFile(file) {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=adapterFactory.js.map