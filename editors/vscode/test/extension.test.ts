import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, beforeEach, test } from 'node:test';
import { DidChangeConfigurationType, installMocks, type MockState } from './mockVscode';

const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

function fakeServer(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "#!/bin/sh\necho 'agent-lsp 9.9.9'\n");
  chmodSync(file, 0o755);
  return file;
}

const root = mkdtempSync(path.join(os.tmpdir(), 'agent-lsp-ext-'));
const extensionPath = path.join(root, 'ext');
const mock: MockState = installMocks(extensionPath);
const bundled = fakeServer(path.join(extensionPath, 'server', 'agent-lsp'));
const custom = fakeServer(path.join(root, 'custom', 'agent-lsp'));
after(() => rmSync(root, { recursive: true, force: true }));

type Extension = typeof import('../src/extension');
let ext: Extension;

beforeEach(() => {
  // A fresh extension module (its client and queue are module state) and fresh mock records.
  for (const key of Object.keys(require.cache)) {
    if (key.includes(`${path.sep}out${path.sep}src${path.sep}`)) delete require.cache[key];
  }
  ext = require('../src/extension') as Extension;
  mock.reset();
});

const live = () => mock.clients.filter((c) => c.started && !c.stopped);

test('activate starts one client with the bundled server, the agent-file selector and server options', async () => {
  mock.config['agentLsp.server'] = { rules: { 'unknown-key': 'off' } };
  await ext.activate(mock.extensionContext as never);
  assert.equal(mock.clients.length, 1);
  const c = mock.clients[0];
  assert.equal(c.id, 'agentLsp', 'client id must match the agentLsp.trace.server setting');
  assert.equal(c.serverOptions.command, bundled);
  assert.deepEqual(c.clientOptions.initializationOptions, { rules: { 'unknown-key': 'off' } });
  assert.ok(c.clientOptions.documentSelector.length > 0);
  assert.ok(c.started);
  assert.deepEqual(mock.errors, []);
});

test('the commands registered are the ones package.json contributes', async () => {
  await ext.activate(mock.extensionContext as never);
  const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual([...mock.commands.keys()].sort(), contributed);
  assert.deepEqual(contributed, [ext.COMMAND_RESTART, ext.COMMAND_SHOW_OUTPUT, ext.COMMAND_CLAUDE_FILES].sort());
  assert.ok(pkg.contributes.configuration.properties['agentLsp.trace.server']);
});

test('the serverPath setting is used, and changing it restarts the server', async () => {
  await ext.activate(mock.extensionContext as never);
  assert.equal(mock.clients[0].serverOptions.command, bundled);
  mock.config['agentLsp.serverPath'] = custom;
  mock.fireConfigChange(['agentLsp.serverPath']);
  await ext.deactivate(); // waits for the queued restart, then stops
  assert.equal(mock.clients.length, 2);
  assert.equal(mock.clients[1].serverOptions.command, custom);
  assert.ok(mock.clients[0].stopped, 'old server stopped on restart');
  assert.ok(mock.clients[1].stopped, 'deactivate stops the server');
});

test('changing server options notifies the running server', async () => {
  await ext.activate(mock.extensionContext as never);
  mock.config['agentLsp.server'] = { models: ['my-model'] };
  mock.fireConfigChange(['agentLsp.server']);
  assert.deepEqual(mock.clients[0].notifications, [
    { type: DidChangeConfigurationType, params: { settings: { agentLsp: { models: ['my-model'] } } } },
  ]);
  assert.equal(mock.clients.length, 1, 'options change must not restart the server');
});

test('workspace/configuration for the agentLsp section answers the server options', async () => {
  mock.config['agentLsp.server'] = { rules: { x: 'error' } };
  await ext.activate(mock.extensionContext as never);
  const answer = await mock.clients[0].clientOptions.middleware.workspace.configuration(
    { items: [{ section: 'agentLsp' }, { section: 'editor' }] },
    undefined,
    async () => [{ whole: 'section' }, { tabSize: 4 }],
  );
  assert.deepEqual(answer, [{ rules: { x: 'error' } }, { tabSize: 4 }]);
});

test('Restart Server stops the running server and starts a new one', async () => {
  await ext.activate(mock.extensionContext as never);
  await mock.commands.get(ext.COMMAND_RESTART)!();
  assert.equal(mock.clients.length, 2);
  assert.deepEqual(
    live().map((c) => c === mock.clients[1]),
    [true],
  );
});

test('no working server: an error notification that names the setting, and no client', async (t) => {
  mock.config['agentLsp.serverPath'] = path.join(root, 'missing');
  const savedPath = process.env.PATH;
  t.after(() => {
    process.env.PATH = savedPath;
  });
  process.env.PATH = '';
  // Hide the bundled binary for this test only.
  const hidden = bundled + '.hidden';
  const fs = await import('node:fs');
  fs.renameSync(bundled, hidden);
  t.after(() => fs.renameSync(hidden, bundled));
  await ext.activate(mock.extensionContext as never);
  assert.equal(mock.clients.length, 0);
  assert.equal(mock.errors.length, 1);
  assert.match(mock.errors[0], /agent-lsp server not found/);
  assert.match(mock.errors[0], /agentLsp\.serverPath/);
});

test('a broken serverPath with a working fallback warns and still starts', async () => {
  mock.config['agentLsp.serverPath'] = path.join(root, 'missing');
  await ext.activate(mock.extensionContext as never);
  assert.equal(mock.clients[0].serverOptions.command, bundled);
  assert.equal(mock.warnings.length, 1);
  assert.match(mock.warnings[0], /agentLsp\.serverPath/);
});

test('a server that fails to start is reported', async () => {
  mock.failNextStart = 'spawn EACCES';
  await ext.activate(mock.extensionContext as never);
  assert.equal(mock.errors.length, 1);
  assert.match(mock.errors[0], /failed to start: spawn EACCES/);
  assert.equal(live().length, 0);
});

test('hover and completion are left to VS Code where its built-in agent support serves the file', async () => {
  await ext.activate(mock.extensionContext as never);
  const m = mock.clients[0].clientOptions.middleware;
  const next = () => 'agent-lsp';
  for (const languageId of ['chatagent', 'prompt', 'instructions', 'skill']) {
    assert.equal(m.provideHover({ languageId }, {}, {}, next), undefined, languageId);
    assert.equal(m.provideCompletionItem({ languageId }, {}, {}, {}, next), undefined, languageId);
  }
  assert.equal(m.provideHover({ languageId: 'markdown' }, {}, {}, next), 'agent-lsp');
  assert.equal(m.provideCompletionItem({ languageId: 'markdown' }, {}, {}, {}, next), 'agent-lsp');
});

const CLAUDE_AS_MARKDOWN = {
  '*.x': 'y',
  '**/.claude/agents/**/*.md': 'markdown',
  '**/.claude/skills/**/SKILL.md': 'markdown',
};
const settle = () => new Promise((r) => setTimeout(r, 20));

test('claudeFiles "ask": one offer per workspace; accepting maps Claude files to Markdown, once', async () => {
  mock.workspaceFolders = [{ uri: { fsPath: root } }];
  mock.foundFiles = ['.claude/agents/a.md'];
  mock.workspaceConfig['files.associations'] = { '*.x': 'y' };
  mock.infoAnswer = 'Use agent-lsp';
  await ext.activate(mock.extensionContext as never);
  await settle();
  assert.equal(mock.infos.length, 1);
  assert.deepEqual(mock.workspaceConfig['files.associations'], CLAUDE_AS_MARKDOWN);
  // The answer is remembered: a user who later edits the associations is not asked again.
  mock.workspaceConfig['files.associations'] = {};
  await ext.deactivate();
  await ext.activate(mock.extensionContext as never);
  await settle();
  assert.equal(mock.infos.length, 1);
  assert.deepEqual(mock.workspaceConfig['files.associations'], {});
});

test('claudeFiles "ask": no offer without Claude files VS Code claims; "agentLsp" applies silently', async () => {
  mock.workspaceFolders = [{ uri: { fsPath: root } }];
  await ext.activate(mock.extensionContext as never);
  await settle();
  assert.deepEqual(mock.infos, []);
  assert.equal(mock.workspaceConfig['files.associations'], undefined);
  mock.config['agentLsp.claudeFiles'] = 'agentLsp';
  mock.workspaceConfig['files.associations'] = { '*.x': 'y' };
  await ext.deactivate();
  await ext.activate(mock.extensionContext as never);
  await settle();
  assert.deepEqual(mock.infos, []);
  assert.deepEqual(mock.workspaceConfig['files.associations'], CLAUDE_AS_MARKDOWN);
});
