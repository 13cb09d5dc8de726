/*
 * positionStatus: the status bar item "Rewind: event n of N". A debug adapter tracker watches the
 * messages of every rewind session; after each `stopped` event it asks that session for
 * rewind/position. The item shows the latest answer of the active session, and is hidden while the
 * active session is not a rewind one, or has not stopped yet.
 */
import * as vscode from 'vscode';
import { DEBUG_TYPE } from './launchConfiguration';
import { positionText, positionTooltip } from './positionText';
import { parsePositionBody, PositionBody, REQUEST_POSITION } from './protocol';

export class PositionStatus implements vscode.DebugAdapterTrackerFactory, vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('rewind.position', vscode.StatusBarAlignment.Left, 50);
    /** The latest position of each live rewind session, by session id; absent before its first stop. */
    private readonly positions = new Map<string, PositionBody>();
    private readonly listeners: vscode.Disposable[];

    constructor() {
        this.item.name = 'Rewind position';
        this.listeners = [
            vscode.debug.onDidChangeActiveDebugSession(() => this.render()),
            vscode.debug.onDidTerminateDebugSession(session => this.forget(session)),
        ];
    }

    createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
        return {
            onDidSendMessage: (message: { type?: string; event?: string }) => {
                if (message.type === 'event' && message.event === 'stopped') {
                    void this.refresh(session);
                }
            },
            onExit: () => this.forget(session),
        };
    }

    dispose(): void {
        this.listeners.forEach(l => l.dispose());
        this.item.dispose();
    }

    private async refresh(session: vscode.DebugSession): Promise<void> {
        try {
            const position = parsePositionBody(await session.customRequest(REQUEST_POSITION));
            this.positions.set(session.id, position);
        } catch {
            return; // the session ended meanwhile, or is busy travelling: the next stop asks again
        }
        this.render();
    }

    private forget(session: vscode.DebugSession): void {
        this.positions.delete(session.id);
        this.render();
    }

    private render(): void {
        const active = vscode.debug.activeDebugSession;
        const position = active?.type === DEBUG_TYPE ? this.positions.get(active.id) : undefined;
        if (position === undefined) {
            this.item.hide();
            return;
        }
        this.item.text = positionText(position);
        this.item.tooltip = positionTooltip(position);
        this.item.show();
    }
}
