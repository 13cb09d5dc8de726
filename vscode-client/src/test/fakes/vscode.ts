/*
 * vscode (fake): the few parts of the `vscode` API that the extension uses, recorded instead of
 * shown, so that the glue code can run in plain Node. installFakeVscode() makes `require('vscode')`
 * return this module; `fake` holds what the extension registered and said, and what the user will
 * answer; resetFake() starts a test afresh.
 */
import * as path from 'path';

type Listener = (value: unknown) => void;

export interface FakeSession {
    id: string;
    type: string;
    name: string;
    workspaceFolder?: { uri: Uri };
    customRequest(command: string, args?: unknown): Promise<unknown>;
}

export class FakeStatusBarItem {
    name = '';
    text = '';
    tooltip: string | undefined;
    visible = false;
    show(): void {
        this.visible = true;
    }
    hide(): void {
        this.visible = false;
    }
    dispose(): void {
        this.visible = false;
    }
}

export const fake = {
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    factories: new Map<string, unknown[]>(),
    statusItems: [] as FakeStatusBarItem[],
    messages: [] as string[],
    settings: new Map<string, unknown>(),
    activeSession: undefined as FakeSession | undefined,
    activeEditor: undefined as unknown,
    activeSessionListeners: [] as Listener[],
    terminateListeners: [] as Listener[],
    /** What the user types into the next input box (undefined: Escape). */
    inputAnswer: undefined as string | undefined,
    /** Which quick pick item the user chooses, by index (undefined: Escape). */
    pickIndex: undefined as number | undefined,
    pickedFrom: [] as { label: string }[],
    pickTitle: '' as string | undefined,
};

export function resetFake(): void {
    fake.commands.clear();
    fake.factories.clear();
    fake.statusItems.length = 0;
    fake.messages.length = 0;
    fake.settings.clear();
    fake.activeSession = undefined;
    fake.activeEditor = undefined;
    fake.activeSessionListeners.length = 0;
    fake.terminateListeners.length = 0;
    fake.inputAnswer = undefined;
    fake.pickIndex = undefined;
    fake.pickedFrom = [];
    fake.pickTitle = '';
}

/** Makes `require('vscode')` load this module. */
export function installFakeVscode(): void {
    const Module = require('module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request: string, ...rest: unknown[]): string {
        return request === 'vscode' ? __filename : resolve.call(this, request, ...rest);
    };
}

const disposable = { dispose: () => undefined };

function record(kind: string) {
    return (type: string, value: unknown) => {
        fake.factories.set(type, [...(fake.factories.get(type) ?? []), { kind, value }]);
        return disposable;
    };
}

export class Uri {
    private constructor(readonly scheme: string, readonly fsPath: string) {}
    static file(p: string): Uri {
        return new Uri('file', path.resolve(p));
    }
}

export class DebugAdapterExecutable {
    constructor(readonly command: string, readonly args: string[], readonly options?: { cwd?: string }) {}
}

export enum StatusBarAlignment { Left = 1, Right = 2 }
export enum ProgressLocation { SourceControl = 1, Window = 10, Notification = 15 }

export const window = {
    createStatusBarItem(): FakeStatusBarItem {
        const item = new FakeStatusBarItem();
        fake.statusItems.push(item);
        return item;
    },
    get activeTextEditor(): unknown {
        return fake.activeEditor;
    },
    showErrorMessage: async (m: string) => void fake.messages.push(`error: ${m}`),
    showInformationMessage: async (m: string) => void fake.messages.push(`info: ${m}`),
    showInputBox: async () => fake.inputAnswer,
    showQuickPick: async <T extends { label: string }>(items: T[], options?: { title?: string }) => {
        fake.pickedFrom = items;
        fake.pickTitle = options?.title;
        return fake.pickIndex === undefined ? undefined : items[fake.pickIndex];
    },
    withProgress: <T>(_options: unknown, task: () => Promise<T>) => task(),
};

export const debug = {
    get activeDebugSession(): FakeSession | undefined {
        return fake.activeSession;
    },
    onDidChangeActiveDebugSession: (l: Listener) => (fake.activeSessionListeners.push(l), disposable),
    onDidTerminateDebugSession: (l: Listener) => (fake.terminateListeners.push(l), disposable),
    registerDebugAdapterDescriptorFactory: record('descriptorFactory'),
    registerDebugConfigurationProvider: record('configurationProvider'),
    registerDebugAdapterTrackerFactory: record('trackerFactory'),
    startDebugging: async () => true,
};

export const commands = {
    registerCommand(id: string, handler: (...args: unknown[]) => unknown) {
        fake.commands.set(id, handler);
        return disposable;
    },
};

export const workspace = {
    workspaceFolders: undefined,
    getWorkspaceFolder: () => undefined,
    getConfiguration: (section: string) => ({
        get: <T>(key: string, fallback: T): T => (fake.settings.get(`${section}.${key}`) as T | undefined) ?? fallback,
    }),
};
