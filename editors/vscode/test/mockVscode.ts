// A stand-in for the `vscode` module and for `vscode-languageclient/node`, installed through
// Node's module loader, so the extension's own logic runs under `node --test` without VS Code.
import Module from 'node:module';

export interface FakeClient {
  id: string;
  name: string;
  serverOptions: { command: string; transport: unknown };
  clientOptions: {
    documentSelector: unknown[];
    initializationOptions: unknown;
    middleware: {
      provideHover: (document: { languageId: string }, position: unknown, token: unknown, next: () => unknown) => unknown;
      provideCompletionItem: (
        document: { languageId: string },
        position: unknown,
        context: unknown,
        token: unknown,
        next: () => unknown,
      ) => unknown;
      workspace: {
        configuration: (params: { items: { section?: string }[] }, token: unknown, next: unknown) => Promise<unknown>;
      };
    };
  };
  started: boolean;
  stopped: boolean;
  notifications: { type: unknown; params: unknown }[];
}

export interface MockState {
  config: Record<string, unknown>;
  commands: Map<string, (...args: unknown[]) => unknown>;
  executed: string[];
  errors: string[];
  warnings: string[];
  clients: FakeClient[];
  infos: string[];
  /** The button the next information message answers with. */
  infoAnswer?: string;
  /** Workspace-level values of settings, by full key (what `inspect().workspaceValue` reads). */
  workspaceConfig: Record<string, unknown>;
  /** What `workspace.findFiles` finds. */
  foundFiles: string[];
  workspaceFolders?: { uri: { fsPath: string } }[];
  /** Makes the next LanguageClient.start() reject with this message. */
  failNextStart?: string;
  fireConfigChange(changedKeys: string[]): void;
  /** Forgets everything recorded, listeners included (each test activates a fresh module). */
  reset(): void;
  extensionContext: {
    extensionPath: string;
    subscriptions: { dispose(): unknown }[];
    workspaceState: { get(key: string): unknown; update(key: string, value: unknown): Promise<void> };
  };
}

export const DidChangeConfigurationType = { method: 'workspace/didChangeConfiguration' };

export function installMocks(extensionPath: string): MockState {
  const configListeners: ((e: { affectsConfiguration(key: string): boolean }) => void)[] = [];
  const workspaceState = new Map<string, unknown>();
  const state: MockState = {
    config: {},
    commands: new Map(),
    executed: [],
    errors: [],
    warnings: [],
    clients: [],
    infos: [],
    workspaceConfig: {},
    foundFiles: [],
    fireConfigChange(changedKeys) {
      const event = {
        affectsConfiguration: (key: string) => changedKeys.some((k) => k === key || k.startsWith(key + '.')),
      };
      for (const l of configListeners) l(event);
    },
    extensionContext: {
      extensionPath,
      subscriptions: [],
      workspaceState: {
        get: (key: string) => workspaceState.get(key),
        update: async (key: string, value: unknown) => {
          workspaceState.set(key, value);
        },
      },
    },
    reset() {
      configListeners.length = 0;
      state.config = {};
      state.commands.clear();
      state.executed.length = 0;
      state.errors.length = 0;
      state.warnings.length = 0;
      state.clients.length = 0;
      state.infos.length = 0;
      state.infoAnswer = undefined;
      state.workspaceConfig = {};
      state.foundFiles = [];
      state.workspaceFolders = undefined;
      workspaceState.clear();
      state.extensionContext.subscriptions.length = 0;
    },
  };

  const logger = { info() {}, warn() {}, error() {}, show() {}, dispose() {} };
  const vscode = {
    window: {
      createOutputChannel: () => logger,
      showErrorMessage: async (msg: string) => {
        state.errors.push(msg);
        return undefined;
      },
      showWarningMessage: async (msg: string) => {
        state.warnings.push(msg);
        return undefined;
      },
      showInformationMessage: async (msg: string) => {
        state.infos.push(msg);
        return state.infoAnswer;
      },
    },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    workspace: {
      get workspaceFolders() {
        return state.workspaceFolders;
      },
      findFiles: async () => state.foundFiles,
      getConfiguration: (section: string) => ({
        get: (key: string) => state.config[`${section}.${key}`],
        inspect: (key: string) => ({ workspaceValue: state.workspaceConfig[`${section}.${key}`] }),
        update: async (key: string, value: unknown) => {
          state.workspaceConfig[`${section}.${key}`] = value;
        },
      }),
      onDidChangeConfiguration: (listener: (typeof configListeners)[number]) => {
        configListeners.push(listener);
        return { dispose() {} };
      },
    },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        state.commands.set(id, fn);
        return { dispose() {} };
      },
      executeCommand: async (id: string, ...args: unknown[]) => {
        state.executed.push(id);
        return state.commands.get(id)?.(...args);
      },
    },
  };

  class LanguageClient implements FakeClient {
    started = false;
    stopped = false;
    notifications: FakeClient['notifications'] = [];
    constructor(
      public id: string,
      public name: string,
      public serverOptions: FakeClient['serverOptions'],
      public clientOptions: FakeClient['clientOptions'],
    ) {
      state.clients.push(this);
    }
    async start() {
      if (state.failNextStart) {
        const msg = state.failNextStart;
        state.failNextStart = undefined;
        throw new Error(msg);
      }
      this.started = true;
    }
    async stop() {
      this.stopped = true;
    }
    async sendNotification(type: unknown, params: unknown) {
      this.notifications.push({ type, params });
    }
  }
  const languageClient = {
    LanguageClient,
    TransportKind: { stdio: 0 },
    DidChangeConfigurationNotification: { type: DidChangeConfigurationType },
  };

  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return vscode;
    if (request === 'vscode-languageclient/node') return languageClient;
    return originalLoad.call(this, request, ...rest);
  };
  return state;
}
