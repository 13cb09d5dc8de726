/*
 * adapterFactory: starts the debug adapter of each `rewind` session: the command named by the
 * rewind.path setting, run as `<rewind> dap`, which speaks DAP on its stdin/stdout.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import { SETTING_PATH, SETTING_SECTION } from './commandIds';
import { expandCommandSetting, findExecutable } from './localPaths';

export class RewindAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
    createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
        const folder = session.workspaceFolder?.uri.fsPath;
        const setting = vscode.workspace.getConfiguration(SETTING_SECTION, session.workspaceFolder?.uri)
            .get<string>(SETTING_PATH, 'rewind');
        const command = expandCommandSetting(setting, { home: os.homedir(), workspaceFolder: folder });
        const executable = findExecutable(command, process.env.PATH, isExecutableFile);
        if (executable === undefined) {
            // VS Code shows this message as the reason the session could not start.
            throw new Error(`Rewind: cannot run "${command}": ${command.includes('/') ? 'no executable file there' : 'not found on PATH'}. ` +
                `Set "${SETTING_SECTION}.${SETTING_PATH}" to the rewind command (for example /path/to/rewind-repository/rewind).`);
        }
        return new vscode.DebugAdapterExecutable(executable, ['dap'], folder === undefined ? {} : { cwd: folder });
    }
}

function isExecutableFile(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}
