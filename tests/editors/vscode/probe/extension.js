// Test-only extension for tests/editors/vscode-e2e.sh. It does what a user does (opens files,
// hovers, asks for completions, restarts the server) through VS Code's own API and records the
// results as JSON; check-result.mjs asserts on them. Nothing here talks to agent-lsp directly.
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

const TIMEOUT_MS = 30000;

async function until(what, fn) {
  const end = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const codeOf = (d) => (d.code && typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const severity = (d) => ['error', 'warning', 'information', 'hint'][d.severity];
const agentDiagnostics = (uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'agent-lsp')
    .map((d) => ({ code: codeOf(d), severity: severity(d), message: d.message, line: d.range.start.line }));

// One entry per Hover a provider returned: two entries mean two popups.
async function hoverTexts(uri, line, character) {
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, character))) || [];
  return hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n'));
}
const hoverText = async (uri, line, character) => (await hoverTexts(uri, line, character)).join('\n');

async function completionLabels(uri, line, character) {
  const completions = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, character));
  return completions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

// Completion of keys on an empty frontmatter line (inserted after the opening `---`).
async function keyCompletionLabels(uri) {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(1, 0), '\n');
  await vscode.workspace.applyEdit(edit);
  return completionLabels(uri, 1, 0);
}

async function open(uri) {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return vscode.window.activeTextEditor.document;
}

// The test's user settings say agentLsp.claudeFiles = agentLsp (the answer "Use agent-lsp" to the
// first-activation offer): the extension must write the workspace's files.associations.
async function coexistence(result) {
  result.associations = await until('files.associations in the workspace settings', () => {
    const v = vscode.workspace.getConfiguration('files').inspect('associations').workspaceValue;
    return v && v['**/.claude/agents/**/*.md'] && v;
  }).catch(() => null);
}

// A Copilot agent: VS Code's built-in support serves hover and completion, agent-lsp defers.
async function copilotFile(root, result) {
  const reviewer = vscode.Uri.file(path.join(root, '.github', 'agents', 'reviewer.agent.md'));
  result.copilotLanguageId = (await open(reviewer)).languageId;
  result.copilotModelHovers = await until('a hover on model: in reviewer.agent.md', async () => {
    const h = await hoverTexts(reviewer, 2, 1);
    return h.length > 0 && h;
  }).catch(() => []);
  result.copilotValueLabels = await completionLabels(reviewer, 2, 7);
  result.copilotKeyLabels = await keyCompletionLabels(reviewer);
}

async function probe(root, result) {
  const ext = vscode.extensions.getExtension('agent-lsp.agent-lsp');
  result.installed = Boolean(ext);
  if (!ext) return;
  // The probe never activates the extension itself: its workspaceContains events must.
  result.activated = await until('Agent LSP to activate', () => ext.isActive).catch(() => false);
  if (!result.activated) return;
  await coexistence(result);

  const readme = vscode.Uri.file(path.join(root, 'docs', 'README.md'));
  await open(readme);

  const demo = vscode.Uri.file(path.join(root, '.claude', 'agents', 'demo.md'));
  result.demoLanguageId = (await open(demo)).languageId;
  result.demoDiagnostics = await until('diagnostics on demo.md', () => {
    const d = agentDiagnostics(demo);
    return d.length >= 2 && d;
  });

  result.hover = await hoverText(demo, 3, 1); // on `tools`
  result.modelHovers = await hoverTexts(demo, 4, 1); // on `model`
  result.completionLabels = await completionLabels(demo, 4, 7);

  const bad = vscode.Uri.file(path.join(root, '.claude', 'agents', 'bad-name.md'));
  await open(bad);
  result.badNameDiagnostics = await until('diagnostics on bad-name.md', () => {
    const d = agentDiagnostics(bad);
    return d.length > 0 && d;
  });

  // A file never opened: its duplicate-name error comes through workspace diagnostics.
  const twin = vscode.Uri.file(path.join(root, '.claude', 'agents', 'twin-a.md'));
  result.closedTwinDiagnostics = await until('diagnostics on the closed twin-a.md', () => {
    const d = agentDiagnostics(twin);
    return d.length > 0 && d;
  }).catch(() => []);

  // By now the server has answered for two agent files; a README it had been sent would have
  // been answered too.
  result.readmeDiagnostics = agentDiagnostics(readme);

  await copilotFile(root, result);

  await vscode.commands.executeCommand('agentLsp.restartServer');
  result.hoverAfterRestart = await until('hover after restart', () => hoverText(demo, 3, 1));
  await open(demo);
  result.keyLabels = await keyCompletionLabels(demo);
}

exports.activate = async function activate() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) return;
  const root = folder.uri.fsPath;
  const result = {};
  try {
    await probe(root, result);
  } catch (e) {
    result.error = String((e && e.stack) || e);
  }
  fs.mkdirSync(path.join(root, '.probe'), { recursive: true });
  const out = path.join(root, '.probe', 'result.json');
  fs.writeFileSync(out + '.tmp', JSON.stringify(result, null, 2));
  fs.renameSync(out + '.tmp', out);
};
