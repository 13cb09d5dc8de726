"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RewindConfigurationProvider = void 0;
/*
 * configurationProvider: VS Code's hooks around launch configurations of type `rewind`. With no
 * launch.json it asks what to debug; it fills defaults before VS Code replaces variables and checks
 * the result after (launchConfiguration.ts has the rules), refusing a bad one with a message.
 */
const vscode = require("vscode");
const pickTarget_1 = require("./commands/pickTarget");
const launchConfiguration_1 = require("./launchConfiguration");
class RewindConfigurationProvider {
    async resolveDebugConfiguration(folder, config) {
        let raw = config;
        if ((0, launchConfiguration_1.isEmptyConfiguration)(raw)) {
            const picked = await (0, pickTarget_1.pickLaunchTarget)();
            if (picked === undefined) {
                return undefined; // cancelled: no session
            }
            raw = picked;
        }
        return (0, launchConfiguration_1.fillDefaults)(raw, folder !== undefined);
    }
    resolveDebugConfigurationWithSubstitutedVariables(folder, config) {
        const result = (0, launchConfiguration_1.checkConfiguration)(config, folder?.uri.fsPath);
        if (!result.ok) {
            void vscode.window.showErrorMessage(`Rewind: ${result.message}`);
            return undefined; // abort the launch
        }
        return result.config;
    }
}
exports.RewindConfigurationProvider = RewindConfigurationProvider;
//# sourceMappingURL=configurationProvider.js.map