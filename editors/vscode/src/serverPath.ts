// Finding the agent-lsp binary: the `agentLsp.serverPath` setting, then the binary bundled in the
// extension, then `agent-lsp` on PATH. Every candidate must actually run (`--version`), so a
// bundled binary for the wrong platform or a stale path falls through to the next one instead of
// failing later inside the language client.
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type ServerSource = 'setting' | 'bundled' | 'PATH';

export interface ResolvedServer {
  command: string;
  source: ServerSource;
  /** First line of `agent-lsp --version`, e.g. `agent-lsp 0.1.0`. */
  version: string;
}

export interface Attempt {
  source: ServerSource;
  command: string;
  problem: string;
}

export class ServerNotFoundError extends Error {
  constructor(readonly attempts: Attempt[]) {
    super(
      'agent-lsp server not found. ' +
        (attempts.length
          ? 'Tried: ' + attempts.map((a) => `${a.source} ${a.command} (${a.problem})`).join('; ') + '. '
          : '') +
        'Install agent-lsp (cargo install --path . in its repository) or set "agentLsp.serverPath".',
    );
    this.name = 'ServerNotFoundError';
  }
}

export interface ResolveOptions {
  /** Value of `agentLsp.serverPath` (may be empty). */
  configuredPath?: string;
  /** Folder of the installed extension; the bundled binary is `server/agent-lsp[.exe]` in it. */
  extensionPath: string;
  /** First workspace folder, for `${workspaceFolder}` in the setting and relative paths. */
  workspaceFolder?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Runs `<command> --version`; resolves to its stdout or rejects. Injected by tests. */
  probe?: (command: string) => Promise<string>;
}

const exeName = (platform: NodeJS.Platform) => (platform === 'win32' ? 'agent-lsp.exe' : 'agent-lsp');

export function bundledServerPath(extensionPath: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(extensionPath, 'server', exeName(platform));
}

/** Expands `~`, `${userHome}`, `${workspaceFolder}` and `${env:NAME}`; relative paths are taken from the workspace folder. */
export function expandConfiguredPath(value: string, workspaceFolder: string | undefined, env: NodeJS.ProcessEnv): string {
  let p = value.trim();
  p = p.replace(/\$\{userHome\}/g, os.homedir());
  p = p.replace(/\$\{env:([^}]+)\}/g, (_, name: string) => env[name] ?? '');
  if (workspaceFolder) {
    p = p.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  }
  if (p === '~' || p.startsWith('~/')) {
    p = path.join(os.homedir(), p.slice(1));
  }
  if (!path.isAbsolute(p) && workspaceFolder && (p.includes('/') || p.includes('\\'))) {
    p = path.join(workspaceFolder, p);
  }
  return p;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where `name` would be found on PATH, honouring PATHEXT on Windows. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? '';
  const sep = platform === 'win32' ? ';' : ':';
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const dir of pathVar.split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

export function probeVersion(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, ['--version'], { timeout: 10_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}

async function tryCandidate(
  source: ServerSource,
  command: string,
  platform: NodeJS.Platform,
  probe: (command: string) => Promise<string>,
  attempts: Attempt[],
): Promise<ResolvedServer | undefined> {
  if (!isExecutableFile(command, platform)) {
    attempts.push({ source, command, problem: 'not an executable file' });
    return undefined;
  }
  try {
    const out = (await probe(command)).trim().split(/\r?\n/)[0] ?? '';
    if (!out.startsWith('agent-lsp')) {
      attempts.push({ source, command, problem: `--version printed "${out}", not agent-lsp` });
      return undefined;
    }
    return { command, source, version: out };
  } catch (e) {
    attempts.push({ source, command, problem: `does not run: ${(e as Error).message}` });
    return undefined;
  }
}

/**
 * Resolves the server in order setting → bundled → PATH. `attempts` lists the candidates that
 * were skipped (so a broken setting can be reported even when a fallback works).
 */
export async function resolveServer(opts: ResolveOptions): Promise<{ server: ResolvedServer; attempts: Attempt[] }> {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const probe = opts.probe ?? probeVersion;
  const attempts: Attempt[] = [];

  const configured = opts.configuredPath?.trim();
  if (configured) {
    const expanded = expandConfiguredPath(configured, opts.workspaceFolder, env);
    // A bare name ("agent-lsp-dev") means "this name on PATH", as with most tools' path settings.
    const command = path.isAbsolute(expanded) ? expanded : findOnPath(expanded, env, platform) ?? expanded;
    const found = await tryCandidate('setting', command, platform, probe, attempts);
    if (found) return { server: found, attempts };
  }

  const bundled = await tryCandidate('bundled', bundledServerPath(opts.extensionPath, platform), platform, probe, attempts);
  if (bundled) return { server: bundled, attempts };

  const onPath = findOnPath('agent-lsp', env, platform);
  if (onPath) {
    const found = await tryCandidate('PATH', onPath, platform, probe, attempts);
    if (found) return { server: found, attempts };
  } else {
    attempts.push({ source: 'PATH', command: 'agent-lsp', problem: 'not on PATH' });
  }
  throw new ServerNotFoundError(attempts);
}
