/*
 * commandIds: the commands the extension contributes; package.json declares the same ids (a unit
 * test checks both agree), extension.ts registers a handler for each.
 */
export const COMMAND_RECORD_PROGRAM = 'rewind.recordProgram';
export const COMMAND_OPEN_RECORDING = 'rewind.openRecording';
export const COMMAND_REVERSE_STEP_OUT = 'rewind.reverseStepOut';
export const COMMAND_FIND_HITS = 'rewind.findHits';

export const ALL_COMMANDS = [COMMAND_RECORD_PROGRAM, COMMAND_OPEN_RECORDING, COMMAND_REVERSE_STEP_OUT, COMMAND_FIND_HITS];

/** The setting that names the `rewind` command (package.json: contributes.configuration). */
export const SETTING_SECTION = 'rewind';
export const SETTING_PATH = 'path';
