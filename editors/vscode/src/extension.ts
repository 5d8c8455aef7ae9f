// The Agent LSP extension: starts agent-lsp for agent definition files and keeps it in step with
// the user's settings.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { documentSelector } from './agentFiles';
import {
  CLAIMED_CLAUDE_FILES,
  claudeFilesAction,
  type ClaudeFilesMode,
  servedByBuiltin,
  withClaudeAssociations,
} from './coexistence';
import { resolveServer, ServerNotFoundError } from './serverPath';

// Also the prefix of the settings, so vscode-languageclient reads `agentLsp.trace.server` itself.
const CLIENT_ID = 'agentLsp';
export const COMMAND_RESTART = 'agentLsp.restartServer';
export const COMMAND_SHOW_OUTPUT = 'agentLsp.showOutput';
export const COMMAND_CLAUDE_FILES = 'agentLsp.useForClaudeFiles';
// The workspace's answer to the Claude-files offer: 'agentLsp' or 'vscode'.
const CLAUDE_FILES_ANSWER = 'agentLsp.claudeFilesAnswer';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
// Starts, stops and restarts run one after another: a settings change during a slow start must
// not leave two servers running.
let queue: Promise<void> = Promise.resolve();

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task);
  return queue;
}

/** The server's own options (`agentLsp.server`), as plain JSON for the wire. */
function serverOptionsSetting(): Record<string, unknown> {
  const value = vscode.workspace.getConfiguration(CLIENT_ID).get<Record<string, unknown>>('server') ?? {};
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

async function showError(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'agentLsp.serverPath');
  } else if (choice === 'Show Output') {
    output.show(true);
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration(CLIENT_ID);
  let resolved;
  try {
    resolved = await resolveServer({
      configuredPath: settings.get<string>('serverPath'),
      extensionPath: context.extensionPath,
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    });
  } catch (e) {
    const message = e instanceof ServerNotFoundError ? e.message : `agent-lsp: ${(e as Error).message}`;
    output.error(message);
    void showError(message);
    return;
  }
  const { server, attempts } = resolved;
  for (const a of attempts) {
    output.warn(`skipped ${a.source} ${a.command}: ${a.problem}`);
  }
  if (attempts.some((a) => a.source === 'setting')) {
    void vscode.window.showWarningMessage(
      `agentLsp.serverPath does not point at a working agent-lsp (${attempts[0].problem}); using the ${server.source} server ${server.command} instead.`,
    );
  }
  output.info(`starting ${server.version} (${server.source}: ${server.command})`);

  const serverOptions: ServerOptions = { command: server.command, transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    initializationOptions: serverOptionsSetting(),
    middleware: {
      // Where VS Code's built-in agent support serves the file (by language id), its hover and
      // completion are the file's; agent-lsp adds only diagnostics (see coexistence.ts).
      provideHover: (document, position, token, next) =>
        servedByBuiltin(document.languageId) ? undefined : next(document, position, token),
      provideCompletionItem: (document, position, context, token, next) =>
        servedByBuiltin(document.languageId) ? undefined : next(document, position, context, token),
      workspace: {
        // The server may pull its options; answer the `agentLsp` section with the same object
        // that initializationOptions carried, not the whole extension section.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return params.items.map((item, i) => (item.section === CLIENT_ID ? serverOptionsSetting() : result[i]));
        },
      },
    },
  };
  const next = new LanguageClient(CLIENT_ID, 'Agent LSP', serverOptions, clientOptions);
  try {
    await next.start();
    client = next;
  } catch (e) {
    const message = `agent-lsp (${server.command}) failed to start: ${(e as Error).message}`;
    output.error(message);
    void showError(message);
  }
}

async function stop(): Promise<void> {
  const current = client;
  client = undefined;
  if (!current) return;
  try {
    await current.stop(5000);
  } catch (e) {
    output.warn(`stopping agent-lsp: ${(e as Error).message}`);
  }
}

/** Maps Claude Code files to Markdown in the workspace settings so that agent-lsp alone serves them. */
async function useForClaudeFiles(context: vscode.ExtensionContext): Promise<void> {
  await context.workspaceState.update(CLAUDE_FILES_ANSWER, 'agentLsp');
  const files = vscode.workspace.getConfiguration('files');
  const merged = withClaudeAssociations(files.inspect<Record<string, string>>('associations')?.workspaceValue);
  if (!merged) return;
  await files.update('associations', merged, vscode.ConfigurationTarget.Workspace);
  output.info('files.associations: Claude Code agents and skills are Markdown in this workspace');
}

/** On activation: offers (or applies, per `agentLsp.claudeFiles`) agent-lsp as the only voice for Claude files. */
async function offerClaudeFiles(context: vscode.ExtensionContext): Promise<void> {
  const mode = vscode.workspace.getConfiguration(CLIENT_ID).get<ClaudeFilesMode>('claudeFiles');
  const action = claudeFilesAction(mode, context.workspaceState.get<string>(CLAUDE_FILES_ANSWER));
  if (action === 'nothing' || !vscode.workspace.workspaceFolders?.length) return;
  const associations = vscode.workspace.getConfiguration('files').inspect<Record<string, string>>('associations');
  if (!withClaudeAssociations(associations?.workspaceValue)) return;
  if (action === 'apply') return useForClaudeFiles(context);
  const claimed = await vscode.workspace.findFiles(CLAIMED_CLAUDE_FILES, '**/node_modules/**', 1);
  if (!claimed.length) return;
  const choice = await vscode.window.showInformationMessage(
    "VS Code's built-in Copilot support also checks Claude Code agents and skills, by Copilot's rules " +
      '(it flags models and keys Claude Code accepts). Make agent-lsp their only checker in this workspace? ' +
      'This maps them to Markdown in the workspace settings (files.associations); Copilot Chat still finds them.',
    'Use agent-lsp',
    "Keep VS Code's",
  );
  if (choice === 'Use agent-lsp') await useForClaudeFiles(context);
  else if (choice) await context.workspaceState.update(CLAUDE_FILES_ANSWER, 'vscode');
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Agent LSP', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(COMMAND_RESTART, () =>
      enqueue(async () => {
        await stop();
        await start(context);
      }),
    ),
    vscode.commands.registerCommand(COMMAND_SHOW_OUTPUT, () => output.show(true)),
    vscode.commands.registerCommand(COMMAND_CLAUDE_FILES, () => useForClaudeFiles(context)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${CLIENT_ID}.serverPath`)) {
        void vscode.commands.executeCommand(COMMAND_RESTART);
      } else if (event.affectsConfiguration(`${CLIENT_ID}.server`) && client) {
        void client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { [CLIENT_ID]: serverOptionsSetting() },
        });
      }
    }),
  );
  void offerClaudeFiles(context).catch((e) => output.warn(`Claude files offer: ${(e as Error).message}`));
  return enqueue(() => start(context));
}

export function deactivate(): Promise<void> {
  return enqueue(stop);
}
