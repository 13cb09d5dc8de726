"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.reverseStepOut = reverseStepOut;
/*
 * reverseStepOut: the command "Reverse Step Out": the active rewind session travels back to the call
 * of the current function in its caller (rewind/reverseStepOut; the adapter then sends `stopped`).
 */
const vscode = require("vscode");
const protocol_1 = require("../protocol");
const session_1 = require("../session");
async function reverseStepOut() {
    const session = (0, session_1.requireRewindSession)('Reverse Step Out');
    if (session === undefined) {
        return;
    }
    try {
        await session.customRequest(protocol_1.REQUEST_REVERSE_STEP_OUT);
    }
    catch (e) {
        void vscode.window.showErrorMessage(`Rewind: Reverse Step Out failed: ${(0, session_1.errorText)(e)}`);
    }
}
//# sourceMappingURL=reverseStepOut.js.map