"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireRewindSession = requireRewindSession;
exports.errorText = errorText;
/*
 * session: finding the rewind debug session a command acts on (the active one), and turning a
 * failed request into words for a message.
 */
const vscode = require("vscode");
const launchConfiguration_1 = require("./launchConfiguration");
/** The active debug session when it is a rewind one; otherwise shows why the command cannot run. */
function requireRewindSession(action) {
    const session = vscode.debug.activeDebugSession;
    if (session === undefined || session.type !== launchConfiguration_1.DEBUG_TYPE) {
        void vscode.window.showErrorMessage(`Rewind: ${action} needs an active Rewind debug session.`);
        return undefined;
    }
    return session;
}
/** The message of an error thrown by customRequest (the adapter's error text) or anything else. */
function errorText(e) {
    return e instanceof Error ? e.message : String(e);
}
//# sourceMappingURL=session.js.map