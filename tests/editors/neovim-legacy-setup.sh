#!/usr/bin/env bash
# The README's Neovim 0.8-0.10 setup (vim.lsp.start from a FileType autocmd, reusing the shipped
# lsp/agent_lsp.lua), run in Neovim 0.11.4 where that API is unchanged: the same checks as
# neovim-0.11.
set -euo pipefail
dir=$1
project=$(new_project neovim-legacy-setup)
for x in CONFIG DATA STATE CACHE; do mkdir -p "$dir/xdg/$x"; export "XDG_${x}_HOME=$dir/xdg/$x"; done
mkdir -p "$dir/xdg/run" && export XDG_RUNTIME_DIR=$dir/xdg/run
# Installed where the README says: ~/.config/nvim/lsp/agent_lsp.lua.
mkdir -p "$XDG_CONFIG_HOME/nvim/lsp"
cp "$ROOT/editors/neovim/lsp/agent_lsp.lua" "$XDG_CONFIG_HOME/nvim/lsp/"
readme_snippet nvim-legacy >"$dir/snippet.lua"
[[ -s $dir/snippet.lua ]] || { echo "FAIL: no nvim-legacy snippet in editors/README.md"; exit 1; }
AGENT_LSP_MODE=legacy AGENT_LSP_SNIPPET=$dir/snippet.lua AGENT_LSP_REPO=$ROOT AGENT_LSP_PROJECT=$project \
  "$ENV_DIR/venv/bin/nvim" --headless -n -i NONE -u "$HERE/neovim/client.lua"
