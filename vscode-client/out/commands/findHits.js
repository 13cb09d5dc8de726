"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.findHitsOfLine = findHitsOfLine;
/*
 * findHits: the command "Find All Hits of This Line": for the line under the editor's cursor, asks for
 * an optional expression, lists every time the recording passes that line (rewind/hits) with the
 * expression's value there, and travels to the hit the user chooses (rewind/seek).
 */
const path = require("path");
const vscode = require("vscode");
const hitList_1 = require("../hitList");
const protocol_1 = require("../protocol");
const session_1 = require("../session");
async function findHitsOfLine() {
    const session = (0, session_1.requireRewindSession)('Find All Hits of This Line');
    if (session === undefined) {
        return;
    }
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || editor.document.uri.scheme !== 'file') {
        void vscode.window.showErrorMessage('Rewind: put the cursor on a line of a source file first.');
        return;
    }
    const file = editor.document.uri.fsPath;
    const line = editor.selection.active.line + 1; // DAP lines start at 1
    const where = `${path.basename(file)}:${line}`;
    const expression = await vscode.window.showInputBox({
        title: `Rewind: find all hits of ${where}`,
        prompt: 'An expression to show at each hit (optional: leave empty to list the hits only)',
        placeHolder: 'a C expression, e.g. i * 2',
    });
    if (expression === undefined) {
        return; // cancelled
    }
    let body;
    try {
        body = (0, protocol_1.parseHitsBody)(await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Rewind: finding the hits of ${where}` }, () => session.customRequest(protocol_1.REQUEST_HITS, (0, hitList_1.hitsArguments)(file, line, expression))));
    }
    catch (e) {
        void vscode.window.showErrorMessage(`Rewind: cannot list the hits of ${where}: ${(0, session_1.errorText)(e)}`);
        return;
    }
    if (body.hits.length === 0) {
        void vscode.window.showInformationMessage(`Rewind: the recording never passes ${where}.`);
        return;
    }
    const chosen = await vscode.window.showQuickPick((0, hitList_1.hitItems)(body), {
        title: (0, hitList_1.hitsTitle)(file, line, body, expression),
        placeHolder: 'Choose a hit to travel there',
        matchOnDetail: true,
    });
    if (chosen === undefined) {
        return;
    }
    try {
        await session.customRequest(protocol_1.REQUEST_SEEK, (0, hitList_1.seekArguments)(chosen.hit));
    }
    catch (e) {
        void vscode.window.showErrorMessage(`Rewind: cannot travel to ${chosen.label}: ${(0, session_1.errorText)(e)}`);
    }
}
//# sourceMappingURL=findHits.js.map