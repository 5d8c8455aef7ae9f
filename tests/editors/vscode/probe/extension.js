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

async function hoverText(uri, line, character) {
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, character))) || [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

async function probe(root, result) {
  const ext = vscode.extensions.getExtension('agent-lsp.agent-lsp');
  result.installed = Boolean(ext);
  if (!ext) return;
  // The probe never activates the extension itself: its workspaceContains events must.
  result.activated = await until('Agent LSP to activate', () => ext.isActive).catch(() => false);
  if (!result.activated) return;

  const readme = vscode.Uri.file(path.join(root, 'docs', 'README.md'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(readme));

  const demo = vscode.Uri.file(path.join(root, '.claude', 'agents', 'demo.md'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(demo));
  result.demoLanguageId = vscode.window.activeTextEditor.document.languageId;
  result.demoDiagnostics = await until('diagnostics on demo.md', () => {
    const d = agentDiagnostics(demo);
    return d.length >= 2 && d;
  });

  result.hover = await hoverText(demo, 3, 1); // on `tools`
  const completions = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', demo, new vscode.Position(4, 7));
  result.completionLabels = completions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));

  const bad = vscode.Uri.file(path.join(root, '.claude', 'agents', 'bad-name.md'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(bad));
  result.badNameDiagnostics = await until('diagnostics on bad-name.md', () => {
    const d = agentDiagnostics(bad);
    return d.length > 0 && d;
  });

  // By now the server has answered for two agent files; a README it had been sent would have
  // been answered too.
  result.readmeDiagnostics = agentDiagnostics(readme);

  await vscode.commands.executeCommand('agentLsp.restartServer');
  result.hoverAfterRestart = await until('hover after restart', () => hoverText(demo, 3, 1));
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
