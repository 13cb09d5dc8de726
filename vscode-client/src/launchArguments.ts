/*
 * launchArguments: what a `rewind` launch configuration may say, as the adapter's launch request
 * takes it. This interface mirrors `configurationAttributes.launch` in package.json; LAUNCH_PROPERTIES
 * lists the same names at run time, and a unit test checks that the schema has exactly these.
 * A valid configuration has exactly one of `program` (record it, then debug the replay) and `trace`
 * (debug an existing recording); `args`, `cwd` and `env` apply to `program` only.
 */

/** Where the replay opens: "end" (the end of the recording) or an event number; absent: the beginning. */
export type StartAt = 'end' | number;

export interface RewindLaunchArguments {
    /** The program to record, then debug; absolute once the configuration provider resolved it. */
    program?: string;
    /** Command-line arguments of `program`. */
    args?: string[];
    /** Working folder of `program`; absolute once resolved. */
    cwd?: string;
    /** Variables added to the environment `program` inherits. */
    env?: Record<string, string>;
    /** A recording folder to debug; absolute once resolved. */
    trace?: string;
    /** Where the replay opens. */
    start?: StartAt;
    /** Stop at the program's first instruction instead of running to a breakpoint. */
    stopOnEntry?: boolean;
}

/** A launch configuration as VS Code hands it to the extension: the launch arguments plus its own fields. */
export interface RewindDebugConfiguration extends RewindLaunchArguments {
    type: string;
    request: string;
    name: string;
}

/** The property names of RewindLaunchArguments, at run time. */
export const LAUNCH_PROPERTIES = ['program', 'args', 'cwd', 'env', 'trace', 'start', 'stopOnEntry'] as const;

/** Fails to compile when RewindLaunchArguments gains a property that LAUNCH_PROPERTIES does not list. */
export type AllLaunchPropertiesListed = NeverOrError<Exclude<keyof RewindLaunchArguments, (typeof LAUNCH_PROPERTIES)[number]>>;
type NeverOrError<T extends never> = T;
