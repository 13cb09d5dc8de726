"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.activate = activate;
exports.deactivate = deactivate;
/*
 * extension: the entry point VS Code activates: registers how `rewind` sessions start (the adapter
 * factory), how their configurations are completed and checked, the position shown in the status
 * bar, and the commands. Everything it registers is disposed with the extension.
 */
const vscode = require("vscode");
const adapterFactory_1 = require("./adapterFactory");
const commandIds_1 = require("./commandIds");
const findHits_1 = require("./commands/findHits");
const reverseStepOut_1 = require("./commands/reverseStepOut");
const startSession_1 = require("./commands/startSession");
const configurationProvider_1 = require("./configurationProvider");
const launchConfiguration_1 = require("./launchConfiguration");
const positionStatus_1 = require("./positionStatus");
function activate(context) {
    const status = new positionStatus_1.PositionStatus();
    context.subscriptions.push(status, vscode.debug.registerDebugAdapterDescriptorFactory(launchConfiguration_1.DEBUG_TYPE, new adapterFactory_1.RewindAdapterFactory()), vscode.debug.registerDebugConfigurationProvider(launchConfiguration_1.DEBUG_TYPE, new configurationProvider_1.RewindConfigurationProvider()), vscode.debug.registerDebugAdapterTrackerFactory(launchConfiguration_1.DEBUG_TYPE, status), vscode.commands.registerCommand(commandIds_1.COMMAND_RECORD_PROGRAM, startSession_1.recordAndDebugProgram), vscode.commands.registerCommand(commandIds_1.COMMAND_OPEN_RECORDING, startSession_1.openRecording), vscode.commands.registerCommand(commandIds_1.COMMAND_REVERSE_STEP_OUT, reverseStepOut_1.reverseStepOut), vscode.commands.registerCommand(commandIds_1.COMMAND_FIND_HITS, findHits_1.findHitsOfLine));
}
function deactivate() {
    // nothing beyond context.subscriptions
}
//# sourceMappingURL=extension.js.map