#!/usr/bin/env bash
# VS Code end to end: packages the extension as a linux-x64 .vsix carrying the server under test,
# installs it into code-server 4.139.1 (VS Code 1.139.1, run on Node 24), opens the fixture project
# in headless Chromium (code-server only starts an extension host for a connected browser) and lets
# the test-only probe extension report diagnostics, hover, completion and a server restart beside
# VS Code's built-in agent support: one hover per key, no duplicate completion labels, and the
# coexistence choice (agentLsp.claudeFiles) applied to the workspace settings.
set -euo pipefail
dir=$1
project=$(new_project vscode-e2e)
ext_src=$ROOT/editors/vscode
vsce=$ext_src/node_modules/.bin/vsce
code_server=$ENV_DIR/code-server/code-server
[[ -x $vsce ]] || { echo "FAIL: $ext_src/node_modules missing (run tests/editors/setup.sh)"; exit 1; }
[[ -x $code_server ]] || { echo "FAIL: code-server missing (run tests/editors/setup.sh)"; exit 1; }

# The real packaging script, with the binary under test instead of a fresh cargo build.
node "$ext_src/scripts/package.mjs" --binary "$AGENT_LSP" --out "$dir/agent-lsp.vsix" </dev/null
cp -r "$HERE/vscode/probe" "$dir/probe"
(cd "$dir/probe" && "$vsce" package --no-dependencies --allow-missing-repository --skip-license --out "$dir/probe.vsix" </dev/null)

user=$dir/user-data
exts=$dir/extensions
mkdir -p "$user/User"
# No welcome page, trust prompt or telemetry competing with the probe for the editor.
# agentLsp.claudeFiles = agentLsp stands for the user's "Use agent-lsp" answer to the offer.
cat >"$user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "git.openRepositoryInParentFolders": "never",
  "agentLsp.claudeFiles": "agentLsp"
}
JSON
"$code_server" --user-data-dir "$user" --extensions-dir "$exts" \
  --install-extension "$dir/agent-lsp.vsix" --install-extension "$dir/probe.vsix"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
"$code_server" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$user" --extensions-dir "$exts" "$project" \
  >"$dir/code-server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$dir/chromium" \
  "http://127.0.0.1:$port/?folder=$project" >"$dir/chromium.log" 2>&1 &
pids+=($!)

result=$project/.probe/result.json
for _ in $(seq 600); do
  [[ -f $result ]] && break
  sleep 0.2
done
if [[ ! -f $result ]]; then
  echo "--- code-server.log"; tail -20 "$dir/code-server.log"
  find "$user/logs" -name '*Agent LSP*' -exec tail -20 {} + 2>/dev/null || true
  echo "FAIL: the probe wrote no result within 120 s"
  exit 1
fi
cat "$result"; echo
if ! node "$HERE/vscode/check-result.mjs" "$result"; then
  echo "--- Agent LSP output"
  find "$user/logs" -name '*Agent LSP*' -exec tail -30 {} + 2>/dev/null || true
  # check-result printed the FAIL line; repeat it last so run.sh reports it.
  node "$HERE/vscode/check-result.mjs" "$result" | tail -1
  exit 1
fi
