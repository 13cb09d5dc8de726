/*
 * configurationProvider: VS Code's hooks around launch configurations of type `rewind`. With no
 * launch.json it asks what to debug; it fills defaults before VS Code replaces variables and checks
 * the result after (launchConfiguration.ts has the rules), refusing a bad one with a message.
 */
import * as vscode from 'vscode';
import { pickLaunchTarget } from './commands/pickTarget';
import { checkConfiguration, fillDefaults, isEmptyConfiguration, RawConfiguration } from './launchConfiguration';

export class RewindConfigurationProvider implements vscode.DebugConfigurationProvider {
    async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined,
        config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
        let raw: RawConfiguration = config;
        if (isEmptyConfiguration(raw)) {
            const picked = await pickLaunchTarget();
            if (picked === undefined) {
                return undefined; // cancelled: no session
            }
            raw = picked;
        }
        return fillDefaults(raw, folder !== undefined) as vscode.DebugConfiguration;
    }

    resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined,
        config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
        const result = checkConfiguration(config, folder?.uri.fsPath);
        if (!result.ok) {
            void vscode.window.showErrorMessage(`Rewind: ${result.message}`);
            return undefined; // abort the launch
        }
        return result.config;
    }
}
