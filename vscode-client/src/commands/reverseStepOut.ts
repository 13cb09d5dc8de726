/*
 * reverseStepOut: the command "Reverse Step Out": the active rewind session travels back to the call
 * of the current function in its caller (rewind/reverseStepOut; the adapter then sends `stopped`).
 */
import * as vscode from 'vscode';
import { REQUEST_REVERSE_STEP_OUT } from '../protocol';
import { errorText, requireRewindSession } from '../session';

export async function reverseStepOut(): Promise<void> {
    const session = requireRewindSession('Reverse Step Out');
    if (session === undefined) {
        return;
    }
    try {
        await session.customRequest(REQUEST_REVERSE_STEP_OUT);
    } catch (e) {
        void vscode.window.showErrorMessage(`Rewind: Reverse Step Out failed: ${errorText(e)}`);
    }
}
