"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PositionStatus = void 0;
/*
 * positionStatus: the status bar item "Rewind: event n of N". A debug adapter tracker watches the
 * messages of every rewind session; after each `stopped` event it asks that session for
 * rewind/position. The item shows the latest answer of the active session, and is hidden while the
 * active session is not a rewind one, or has not stopped yet.
 */
const vscode = require("vscode");
const launchConfiguration_1 = require("./launchConfiguration");
const positionText_1 = require("./positionText");
const protocol_1 = require("./protocol");
class PositionStatus {
    item = vscode.window.createStatusBarItem('rewind.position', vscode.StatusBarAlignment.Left, 50);
    /** The latest position of each live rewind session, by session id; absent before its first stop. */
    positions = new Map();
    listeners;
    constructor() {
        this.item.name = 'Rewind position';
        this.listeners = [
            vscode.debug.onDidChangeActiveDebugSession(() => this.render()),
            vscode.debug.onDidTerminateDebugSession(session => this.forget(session)),
        ];
    }
    createDebugAdapterTracker(session) {
        return {
            onDidSendMessage: (message) => {
                if (message.type === 'event' && message.event === 'stopped') {
                    void this.refresh(session);
                }
            },
            onExit: () => this.forget(session),
        };
    }
    dispose() {
        this.listeners.forEach(l => l.dispose());
        this.item.dispose();
    }
    async refresh(session) {
        try {
            const position = (0, protocol_1.parsePositionBody)(await session.customRequest(protocol_1.REQUEST_POSITION));
            this.positions.set(session.id, position);
        }
        catch {
            return; // the session ended meanwhile, or is busy travelling: the next stop asks again
        }
        this.render();
    }
    forget(session) {
        this.positions.delete(session.id);
        this.render();
    }
    render() {
        const active = vscode.debug.activeDebugSession;
        const position = active?.type === launchConfiguration_1.DEBUG_TYPE ? this.positions.get(active.id) : undefined;
        if (position === undefined) {
            this.item.hide();
            return;
        }
        this.item.text = (0, positionText_1.positionText)(position);
        this.item.tooltip = (0, positionText_1.positionTooltip)(position);
        this.item.show();
    }
}
exports.PositionStatus = PositionStatus;
//# sourceMappingURL=positionStatus.js.map