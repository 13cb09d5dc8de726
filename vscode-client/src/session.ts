/*
 * session: finding the rewind debug session a command acts on (the active one), and turning a
 * failed request into words for a message.
 */
import * as vscode from 'vscode';
import { DEBUG_TYPE } from './launchConfiguration';

/** The active debug session when it is a rewind one; otherwise shows why the command cannot run. */
export function requireRewindSession(action: string): vscode.DebugSession | undefined {
    const session = vscode.debug.activeDebugSession;
    if (session === undefined || session.type !== DEBUG_TYPE) {
        void vscode.window.showErrorMessage(`Rewind: ${action} needs an active Rewind debug session.`);
        return undefined;
    }
    return session;
}

/** The message of an error thrown by customRequest (the adapter's error text) or anything else. */
export function errorText(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
}
