// `npm run package [-- --target <vsce-target>] [-- --binary <path>] [-- --out <file.vsix>]`
//
// Builds the release agent-lsp for the target with cargo (or takes a prebuilt --binary), copies
// it to server/, bundles the extension and writes a platform-specific .vsix that carries the
// server. Default target: linux-x64. Other targets need the matching Rust target installed
// (`rustup target add <triple>`) and, for cross builds, a linker for it.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repo = path.resolve(here, '..', '..');

// VS Code platform targets and the Rust triples that build for them.
const TRIPLES = {
  'linux-x64': 'x86_64-unknown-linux-gnu',
  'linux-arm64': 'aarch64-unknown-linux-gnu',
  'alpine-x64': 'x86_64-unknown-linux-musl',
  'alpine-arm64': 'aarch64-unknown-linux-musl',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
  'win32-x64': 'x86_64-pc-windows-msvc',
  'win32-arm64': 'aarch64-pc-windows-msvc',
};

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'linux-x64' },
    binary: { type: 'string' },
    out: { type: 'string' },
  },
});
const target = values.target;
const triple = TRIPLES[target];
if (!triple) {
  console.error(`unknown target ${target}; one of: ${Object.keys(TRIPLES).join(', ')}`);
  process.exit(2);
}
const exe = target.startsWith('win32') ? 'agent-lsp.exe' : 'agent-lsp';

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', cwd: here, ...opts });

function hostTriple() {
  const out = execFileSync('rustc', ['-vV'], { encoding: 'utf8' });
  return /^host: (.+)$/m.exec(out)[1];
}

/** Builds agent-lsp with cargo and returns the path of the executable cargo reports. */
function cargoBuild() {
  // The host triple builds into target/release (shared with the rest of the repo's builds);
  // only cross builds pass --target.
  const args = ['build', '--release', '--locked', '--bin', 'agent-lsp', '--message-format=json-render-diagnostics'];
  if (triple !== hostTriple()) args.push('--target', triple);
  const out = execFileSync('cargo', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  let executable;
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const msg = JSON.parse(line);
    if (msg.reason === 'compiler-artifact' && msg.target?.name === 'agent-lsp' && msg.executable) executable = msg.executable;
  }
  if (!executable) throw new Error('cargo did not report the agent-lsp executable');
  return executable;
}

const binary = values.binary ? path.resolve(values.binary) : cargoBuild();
const serverDir = path.join(here, 'server');
rmSync(serverDir, { recursive: true, force: true });
mkdirSync(serverDir);
copyFileSync(binary, path.join(serverDir, exe));
chmodSync(path.join(serverDir, exe), 0o755);

run('npm', ['run', '--silent', 'bundle']);
const { version } = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
const out = path.resolve(values.out ?? path.join(here, `agent-lsp-${target}-${version}.vsix`));
run(path.join(here, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--target', target, '--out', out]);
console.log(`packaged ${out} with ${binary}`);
