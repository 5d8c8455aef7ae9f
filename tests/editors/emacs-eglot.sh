#!/usr/bin/env bash
# Emacs 28 + eglot 1.9 (Debian) with the README's setup: diagnostics arrive, and eglot's `shutdown` with null params is
# accepted so the server exits by itself with status 0.
set -euo pipefail
dir=$1
project=$(new_project emacs-eglot)
readme_snippet emacs-eglot >"$dir/agent-lsp-setup.el"
[[ -s $dir/agent-lsp-setup.el ]] || { echo "FAIL: no emacs-eglot snippet in editors/README.md"; exit 1; }
HOME=$dir AGENT_LSP_PROJECT=$project AGENT_LSP_SNIPPET=$dir/agent-lsp-setup.el emacs --batch -l "$HERE/emacs/eglot.el"
