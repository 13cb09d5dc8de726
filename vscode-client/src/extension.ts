/*
 * extension: the entry point VS Code activates: registers how `rewind` sessions start (the adapter
 * factory), how their configurations are completed and checked, the position shown in the status
 * bar, and the commands. Everything it registers is disposed with the extension.
 */
import * as vscode from 'vscode';
import { RewindAdapterFactory } from './adapterFactory';
import {
    COMMAND_FIND_HITS, COMMAND_OPEN_RECORDING, COMMAND_RECORD_PROGRAM, COMMAND_REVERSE_STEP_OUT,
} from './commandIds';
import { findHitsOfLine } from './commands/findHits';
import { reverseStepOut } from './commands/reverseStepOut';
import { openRecording, recordAndDebugProgram } from './commands/startSession';
import { RewindConfigurationProvider } from './configurationProvider';
import { DEBUG_TYPE } from './launchConfiguration';
import { PositionStatus } from './positionStatus';

export function activate(context: vscode.ExtensionContext): void {
    const status = new PositionStatus();
    context.subscriptions.push(
        status,
        vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new RewindAdapterFactory()),
        vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new RewindConfigurationProvider()),
        vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, status),
        vscode.commands.registerCommand(COMMAND_RECORD_PROGRAM, recordAndDebugProgram),
        vscode.commands.registerCommand(COMMAND_OPEN_RECORDING, openRecording),
        vscode.commands.registerCommand(COMMAND_REVERSE_STEP_OUT, reverseStepOut),
        vscode.commands.registerCommand(COMMAND_FIND_HITS, findHitsOfLine),
    );
}

export function deactivate(): void {
    // nothing beyond context.subscriptions
}
