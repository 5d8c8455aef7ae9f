#!/usr/bin/env bash
# Neovim 0.11.4 (PyPI wheel) with the shipped lsp/agent_lsp.lua via vim.lsp.enable: diagnostics,
# hover, completion, didChange, definition and rename across two files, no attach to ordinary
# Markdown, clean stop.
set -euo pipefail
dir=$1
project=$(new_project neovim-0.11)
for x in CONFIG DATA STATE CACHE; do mkdir -p "$dir/xdg/$x"; export "XDG_${x}_HOME=$dir/xdg/$x"; done
mkdir -p "$dir/xdg/run" && export XDG_RUNTIME_DIR=$dir/xdg/run
AGENT_LSP_MODE=enable AGENT_LSP_REPO=$ROOT AGENT_LSP_PROJECT=$project \
  "$ENV_DIR/venv/bin/nvim" --headless -n -i NONE -u "$HERE/neovim/client.lua"
