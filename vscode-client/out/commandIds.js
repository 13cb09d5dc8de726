"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SETTING_PATH = exports.SETTING_SECTION = exports.ALL_COMMANDS = exports.COMMAND_FIND_HITS = exports.COMMAND_REVERSE_STEP_OUT = exports.COMMAND_OPEN_RECORDING = exports.COMMAND_RECORD_PROGRAM = void 0;
/*
 * commandIds: the commands the extension contributes; package.json declares the same ids (a unit
 * test checks both agree), extension.ts registers a handler for each.
 */
exports.COMMAND_RECORD_PROGRAM = 'rewind.recordProgram';
exports.COMMAND_OPEN_RECORDING = 'rewind.openRecording';
exports.COMMAND_REVERSE_STEP_OUT = 'rewind.reverseStepOut';
exports.COMMAND_FIND_HITS = 'rewind.findHits';
exports.ALL_COMMANDS = [exports.COMMAND_RECORD_PROGRAM, exports.COMMAND_OPEN_RECORDING, exports.COMMAND_REVERSE_STEP_OUT, exports.COMMAND_FIND_HITS];
/** The setting that names the `rewind` command (package.json: contributes.configuration). */
exports.SETTING_SECTION = 'rewind';
exports.SETTING_PATH = 'path';
//# sourceMappingURL=commandIds.js.map