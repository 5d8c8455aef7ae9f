#!/usr/bin/env bash
# Helix driven through tmux with editors/helix/languages.toml: the diagnostic shows inline, the
# hover popup opens, an ordinary README gets no agent-lsp (see helix/drive.py).
set -euo pipefail
dir=$1
project=$(new_project helix-tmux)
hx=$ENV_DIR/helix/hx
[[ -x $hx ]] || { echo "FAIL: helix missing (run tests/editors/setup.sh)"; exit 1; }
mkdir -p "$dir/config/helix" "$dir/cache"
cp -r "$ROOT/editors/helix/languages.toml" "$ROOT/editors/helix/runtime" "$dir/config/helix/"
# A private tmux server (-L) so nothing touches a user's tmux sessions.
python3 "$HERE/helix/drive.py" --hx "$hx" --project "$project" --config "$dir/config" --cache "$dir/cache" \
  --socket "agent-lsp-helix-$$"
