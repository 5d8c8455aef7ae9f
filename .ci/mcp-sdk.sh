#!/usr/bin/env bash
# `agent-lsp mcp` through the official Python MCP client SDK (the `mcp` package from
# PyPI, pinned, in a cache venv): tests/mcp_sdk/client.py drives the real binary over
# stdio. Ends with "mcp-sdk: N passed, M failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${XDG_CACHE_HOME:-$HOME/.cache}/agent-lsp/mcp-2.3.0
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import mcp" 2>/dev/null; then
  python3 -m venv "$venv" && "$venv/bin/pip" install --quiet mcp==2.3.0 || exit 1
fi
"$venv/bin/python" "$root/tests/mcp_sdk/client.py" "${AGENT_LSP:-$root/target/debug/agent-lsp}" "$root"
