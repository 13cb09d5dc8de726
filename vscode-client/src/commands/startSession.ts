/*
 * startSession: the commands "Record and Debug Program…" and "Open Recording…": pick a file or a
 * folder, then start a rewind session on it (the configuration provider fills in and checks the rest).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../launchConfiguration';
import { pickProgram, pickRecording } from './pickTarget';

export async function recordAndDebugProgram(): Promise<void> {
    const program = await pickProgram();
    if (program !== undefined) {
        await start(program, { name: `Rewind: ${path.basename(program.fsPath)}`, program: program.fsPath });
    }
}

export async function openRecording(): Promise<void> {
    const trace = await pickRecording();
    if (trace !== undefined) {
        await start(trace, { name: `Rewind: ${path.basename(trace.fsPath)}`, trace: trace.fsPath });
    }
}

/** Starts a session in the workspace folder that holds `target`, if any (its cwd default). */
async function start(target: vscode.Uri, fields: { name: string; program?: string; trace?: string }): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(target);
    await vscode.debug.startDebugging(folder, { type: DEBUG_TYPE, request: 'launch', ...fields });
}
