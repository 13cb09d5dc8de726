"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.recordAndDebugProgram = recordAndDebugProgram;
exports.openRecording = openRecording;
/*
 * startSession: the commands "Record and Debug Program…" and "Open Recording…": pick a file or a
 * folder, then start a rewind session on it (the configuration provider fills in and checks the rest).
 */
const path = require("path");
const vscode = require("vscode");
const launchConfiguration_1 = require("../launchConfiguration");
const pickTarget_1 = require("./pickTarget");
async function recordAndDebugProgram() {
    const program = await (0, pickTarget_1.pickProgram)();
    if (program !== undefined) {
        await start(program, { name: `Rewind: ${path.basename(program.fsPath)}`, program: program.fsPath });
    }
}
async function openRecording() {
    const trace = await (0, pickTarget_1.pickRecording)();
    if (trace !== undefined) {
        await start(trace, { name: `Rewind: ${path.basename(trace.fsPath)}`, trace: trace.fsPath });
    }
}
/** Starts a session in the workspace folder that holds `target`, if any (its cwd default). */
async function start(target, fields) {
    const folder = vscode.workspace.getWorkspaceFolder(target);
    await vscode.debug.startDebugging(folder, { type: launchConfiguration_1.DEBUG_TYPE, request: 'launch', ...fields });
}
//# sourceMappingURL=startSession.js.map