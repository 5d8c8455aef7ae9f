import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { bundledServerPath, expandConfiguredPath, findOnPath, resolveServer, ServerNotFoundError } from '../src/serverPath';

/** Writes an executable script that prints `versionLine` for `--version`. */
function fakeServer(file: string, versionLine = 'agent-lsp 9.9.9'): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\necho '${versionLine}'\n`);
  chmodSync(file, 0o755);
  return file;
}

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function layout() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'agent-lsp-resolve-'));
  roots.push(root);
  return {
    root,
    ext: path.join(root, 'ext'),
    pathDir: path.join(root, 'bin'),
    custom: path.join(root, 'custom', 'agent-lsp'),
  };
}

test('the serverPath setting wins over the bundled binary and PATH', async () => {
  const l = layout();
  fakeServer(l.custom, 'agent-lsp 1.0.0-custom');
  fakeServer(bundledServerPath(l.ext, 'linux'));
  fakeServer(path.join(l.pathDir, 'agent-lsp'));
  const { server, attempts } = await resolveServer({ configuredPath: l.custom, extensionPath: l.ext, env: { PATH: l.pathDir }, platform: 'linux' });
  assert.deepEqual(server, { command: l.custom, source: 'setting', version: 'agent-lsp 1.0.0-custom' });
  assert.deepEqual(attempts, []);
});

test('a broken setting falls back to the bundled binary and is reported', async () => {
  const l = layout();
  fakeServer(bundledServerPath(l.ext, 'linux'));
  const { server, attempts } = await resolveServer({ configuredPath: path.join(l.root, 'missing'), extensionPath: l.ext, env: { PATH: '' }, platform: 'linux' });
  assert.equal(server.source, 'bundled');
  assert.equal(server.command, path.join(l.ext, 'server', 'agent-lsp'));
  assert.equal(attempts.length, 1);
  assert.equal(attempts[0].source, 'setting');
  assert.match(attempts[0].problem, /not an executable file/);
});

test('without setting or bundled binary, agent-lsp on PATH is used', async () => {
  const l = layout();
  const onPath = fakeServer(path.join(l.pathDir, 'agent-lsp'));
  const { server } = await resolveServer({ extensionPath: l.ext, env: { PATH: `/nonexistent:${l.pathDir}` }, platform: 'linux' });
  assert.deepEqual(server, { command: onPath, source: 'PATH', version: 'agent-lsp 9.9.9' });
});

test('a bundled binary that does not run as agent-lsp falls through to PATH', async () => {
  const l = layout();
  fakeServer(bundledServerPath(l.ext, 'linux'), 'something else');
  const onPath = fakeServer(path.join(l.pathDir, 'agent-lsp'));
  const { server, attempts } = await resolveServer({ extensionPath: l.ext, env: { PATH: l.pathDir }, platform: 'linux' });
  assert.equal(server.command, onPath);
  assert.match(attempts[0].problem, /printed "something else"/);
});

test('a candidate whose --version fails is skipped', async () => {
  const l = layout();
  const bundled = bundledServerPath(l.ext, 'linux');
  mkdirSync(path.dirname(bundled), { recursive: true });
  writeFileSync(bundled, '#!/bin/sh\nexit 3\n');
  chmodSync(bundled, 0o755);
  await assert.rejects(resolveServer({ extensionPath: l.ext, env: { PATH: '' }, platform: 'linux' }), (e: Error) => {
    assert.ok(e instanceof ServerNotFoundError);
    assert.match(e.message, /bundled .*does not run/);
    return true;
  });
});

test('nothing found: one clear error naming every attempt and the setting', async () => {
  const l = layout();
  await assert.rejects(
    resolveServer({ configuredPath: '/nope/agent-lsp', extensionPath: l.ext, env: { PATH: l.pathDir }, platform: 'linux' }),
    (e: Error) => {
      assert.ok(e instanceof ServerNotFoundError);
      assert.deepEqual(
        e.attempts.map((a) => a.source),
        ['setting', 'bundled', 'PATH'],
      );
      assert.match(e.message, /agent-lsp server not found/);
      assert.match(e.message, /agentLsp\.serverPath/);
      assert.match(e.message, /\/nope\/agent-lsp/);
      return true;
    },
  );
});

test('a bare name in the setting is looked up on PATH', async () => {
  const l = layout();
  const dev = fakeServer(path.join(l.pathDir, 'agent-lsp-dev'), 'agent-lsp 0.0.1-dev');
  const { server } = await resolveServer({ configuredPath: 'agent-lsp-dev', extensionPath: l.ext, env: { PATH: l.pathDir }, platform: 'linux' });
  assert.equal(server.command, dev);
  assert.equal(server.source, 'setting');
});

test('setting expansion: ~, ${userHome}, ${workspaceFolder}, ${env:NAME}, workspace-relative paths', () => {
  const home = os.homedir();
  assert.equal(expandConfiguredPath('~/bin/agent-lsp', undefined, {}), path.join(home, 'bin/agent-lsp'));
  assert.equal(expandConfiguredPath('${userHome}/x', undefined, {}), `${home}/x`);
  assert.equal(expandConfiguredPath('${workspaceFolder}/target/release/agent-lsp', '/w', {}), '/w/target/release/agent-lsp');
  assert.equal(expandConfiguredPath('${env:CARGO_HOME}/bin/agent-lsp', undefined, { CARGO_HOME: '/c' }), '/c/bin/agent-lsp');
  assert.equal(expandConfiguredPath('target/release/agent-lsp', '/w', {}), '/w/target/release/agent-lsp');
  assert.equal(expandConfiguredPath('  agent-lsp  ', '/w', {}), 'agent-lsp');
});

test('Windows: bundled name has .exe and PATH lookup honours PATHEXT', () => {
  const l = layout();
  assert.equal(bundledServerPath('C:/ext', 'win32'), path.join('C:/ext', 'server', 'agent-lsp.exe'));
  const exe = fakeServer(path.join(l.pathDir, 'agent-lsp.EXE'));
  assert.equal(findOnPath('agent-lsp', { Path: `C:\\nothing;${l.pathDir}`, PATHEXT: '.COM;.EXE' }, 'win32'), exe);
  assert.equal(findOnPath('agent-lsp', { PATH: l.pathDir }, 'linux'), undefined);
});
