#!/usr/bin/env bash
# editors/helix/languages.toml as a user installs it: `hx --health` finds agent-lsp for the
# agent-markdown language, parses the config without error, sees the inherited queries, and
# leaves plain markdown with its default servers only.
set -euo pipefail
dir=$1
hx=$ENV_DIR/helix/hx
[[ -x $hx ]] || { echo "FAIL: helix missing (run tests/editors/setup.sh)"; exit 1; }
mkdir -p "$dir/config/helix" "$dir/cache"
cp -r "$ROOT/editors/helix/languages.toml" "$ROOT/editors/helix/runtime" "$dir/config/helix/"
export XDG_CONFIG_HOME=$dir/config XDG_CACHE_HOME=$dir/cache
# --health always exits 0 and prints in colour: strip the colours and grep.
health() { "$hx" --health "$1" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'; }
agent=$(health agent-markdown)
plain=$(health markdown)
printf '%s\n--- markdown\n%s\n' "$agent" "$plain"
if grep -q 'Error parsing' <<<"$agent$plain"; then
  echo "FAIL: Helix could not parse languages.toml"; exit 1
fi
grep -q "✓ agent-lsp: $WORK/bin/agent-lsp" <<<"$agent" || { echo "FAIL: hx --health agent-markdown does not find agent-lsp"; exit 1; }
grep -q 'Highlight queries: ✓' <<<"$agent" || { echo "FAIL: agent-markdown has no highlight queries (inherits: markdown)"; exit 1; }
grep -q 'marksman' <<<"$agent" || { echo "FAIL: agent-markdown lost the default Markdown servers"; exit 1; }
if grep -q 'agent-lsp' <<<"$plain"; then
  echo "FAIL: plain markdown got agent-lsp"; exit 1
fi
echo "ok: hx --health: agent-lsp found for agent-markdown, markdown untouched"
