#!/usr/bin/env bash
# Debian's Neovim 0.7.2 (old API): start, diagnostics, stop with the server's exit awaited, and
# :qall leaves no server process behind.
set -euo pipefail
dir=$1
project=$(new_project neovim-0.7)
for x in CONFIG DATA STATE CACHE; do mkdir -p "$dir/xdg/$x"; export "XDG_${x}_HOME=$dir/xdg/$x"; done
pidfile=$dir/server.pid
/usr/bin/nvim --version | head -1
AGENT_LSP_REPO=$ROOT AGENT_LSP_PROJECT=$project AGENT_LSP_PIDFILE=$pidfile \
  /usr/bin/nvim --headless -n -i NONE -u "$HERE/neovim/nvim07.lua"
pid=$(cat "$pidfile")
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
  echo "FAIL: server pid $pid still running 5 s after Neovim quit"
  kill "$pid"
  exit 1
fi
echo "ok: no server left after :qall"
