#!/usr/bin/env bash
# The extension's type check and unit tests (node --test, mocked vscode module).
set -euo pipefail
cd "$ROOT/editors/vscode"
[[ -d node_modules ]] || { echo "FAIL: editors/vscode/node_modules missing (run tests/editors/setup.sh)"; exit 1; }
npm test --silent </dev/null
