/*
 * findHits: the command "Find All Hits of This Line": for the line under the editor's cursor, asks for
 * an optional expression, lists every time the recording passes that line (rewind/hits) with the
 * expression's value there, and travels to the hit the user chooses (rewind/seek).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { hitItems, hitsArguments, hitsTitle, seekArguments } from '../hitList';
import { HitsBody, parseHitsBody, REQUEST_HITS, REQUEST_SEEK } from '../protocol';
import { errorText, requireRewindSession } from '../session';

export async function findHitsOfLine(): Promise<void> {
    const session = requireRewindSession('Find All Hits of This Line');
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
    let body: HitsBody;
    try {
        body = parseHitsBody(await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Window, title: `Rewind: finding the hits of ${where}` },
            () => session.customRequest(REQUEST_HITS, hitsArguments(file, line, expression))));
    } catch (e) {
        void vscode.window.showErrorMessage(`Rewind: cannot list the hits of ${where}: ${errorText(e)}`);
        return;
    }
    if (body.hits.length === 0) {
        void vscode.window.showInformationMessage(`Rewind: the recording never passes ${where}.`);
        return;
    }
    const chosen = await vscode.window.showQuickPick(hitItems(body), {
        title: hitsTitle(file, line, body, expression),
        placeHolder: 'Choose a hit to travel there',
        matchOnDetail: true,
    });
    if (chosen === undefined) {
        return;
    }
    try {
        await session.customRequest(REQUEST_SEEK, seekArguments(chosen.hit));
    } catch (e) {
        void vscode.window.showErrorMessage(`Rewind: cannot travel to ${chosen.label}: ${errorText(e)}`);
    }
}
