"use strict";
/*
 * launchArguments: what a `rewind` launch configuration may say, as the adapter's launch request
 * takes it. This interface mirrors `configurationAttributes.launch` in package.json; LAUNCH_PROPERTIES
 * lists the same names at run time, and a unit test checks that the schema has exactly these.
 * A valid configuration has exactly one of `program` (record it, then debug the replay) and `trace`
 * (debug an existing recording); `args`, `cwd` and `env` apply to `program` only.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.LAUNCH_PROPERTIES = void 0;
/** The property names of RewindLaunchArguments, at run time. */
exports.LAUNCH_PROPERTIES = ['program', 'args', 'cwd', 'env', 'trace', 'start', 'stopOnEntry'];
//# sourceMappingURL=launchArguments.js.map