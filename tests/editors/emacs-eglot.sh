#!/usr/bin/env bash
# Emacs 28 + eglot 1.9 (Debian): diagnostics arrive, and eglot's `shutdown` with null params is
# accepted so the server exits by itself with status 0.
set -euo pipefail
dir=$1
project=$(new_project emacs-eglot)
HOME=$dir AGENT_LSP_PROJECT=$project emacs --batch -l "$HERE/emacs/eglot.el"
