"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pickProgram = pickProgram;
exports.pickRecording = pickRecording;
exports.pickLaunchTarget = pickLaunchTarget;
/*
 * pickTarget: asks the user what to debug: a program to record (a file) or an existing recording
 * (a folder, offered from where `rewind record` puts recordings). Each returns undefined when the
 * user cancels.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const vscode = require("vscode");
const localPaths_1 = require("../localPaths");
async function pickProgram() {
    const picked = await vscode.window.showOpenDialog({
        title: 'Rewind: the program to record and debug',
        openLabel: 'Record and Debug',
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    return picked?.[0];
}
async function pickRecording() {
    const traces = (0, localPaths_1.recordingsFolder)(process.env, os.homedir());
    const picked = await vscode.window.showOpenDialog({
        title: 'Rewind: the recording (trace folder) to debug',
        openLabel: 'Open Recording',
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        defaultUri: fs.existsSync(traces) ? vscode.Uri.file(traces) : vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    return picked?.[0];
}
/** For F5 without launch.json: a choice between the two, then the matching dialog. */
async function pickLaunchTarget() {
    const record = 'Record and debug a program…';
    const open = 'Debug a recording…';
    const choice = await vscode.window.showQuickPick([record, open], { title: 'Rewind: what to debug' });
    if (choice === record) {
        const program = await pickProgram();
        return program && { name: `Rewind: ${path.basename(program.fsPath)}`, program: program.fsPath };
    }
    if (choice === open) {
        const trace = await pickRecording();
        return trace && { name: `Rewind: ${path.basename(trace.fsPath)}`, trace: trace.fsPath };
    }
    return undefined;
}
//# sourceMappingURL=pickTarget.js.map