#!/usr/bin/env bash
# Runs every real-editor test against ${AGENT_LSP:-target/release/agent-lsp}.
# Prints `PASS <test>` or `FAIL <test>: <reason>` per test and ends with
# `editors: N passed, M failed`; exits non-zero if any failed. Needs tests/editors/setup.sh first.
# Usage: run.sh [TEST...]   (default: all; names as printed)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/tests/editors
ENV_DIR=${EDITORS_ENV:-$ROOT/target/editors-env}
AGENT_LSP=${AGENT_LSP:-$ROOT/target/release/agent-lsp}
[[ $AGENT_LSP == /* ]] || AGENT_LSP=$PWD/$AGENT_LSP
# Kept after the run for inspection (logs of every test); cleaned at the next run.
WORK=${EDITORS_WORK:-$ROOT/target/editors-work}
export ROOT HERE ENV_DIR AGENT_LSP WORK

ALL_TESTS=(neovim-0.11 neovim-legacy-setup neovim-0.7 helix-health helix-tmux emacs-eglot vscode-unit vscode-e2e)
TESTS=("$@")
((${#TESTS[@]})) || TESTS=("${ALL_TESTS[@]}")

rm -rf "$WORK"
mkdir -p "$WORK/bin"
if [[ ! -x $AGENT_LSP ]]; then
  echo "FAIL setup: no server binary at $AGENT_LSP (cargo build --release)"
  echo "editors: 0 passed, 1 failed"
  exit 1
fi
# Editor configs under test name the server `agent-lsp` and find it on PATH, as users' do.
ln -s "$AGENT_LSP" "$WORK/bin/agent-lsp"
export PATH=$WORK/bin:$PATH
echo "server: $("$AGENT_LSP" --version 2>&1 | head -1)"

# A fresh copy of the fixture project per test: tests edit files, and the project root must not
# sit inside this repository (whose .git would otherwise become the LSP root). The fixtures are
# stored as dot-claude/ and dot-github/ so that a repository-wide `agent-lsp check` or Claude Code itself does
# not take these deliberately broken agents for the repository's own.
new_project() {
  local dir=$WORK/$1/project
  mkdir -p "$dir"
  cp -r "$HERE/fixtures/project/." "$dir/"
  mv "$dir/dot-claude" "$dir/.claude"
  mv "$dir/dot-github" "$dir/.github"
  echo "$dir"
}
export -f new_project

# Prints the code block that follows `<!-- snippet: NAME` in editors/README.md, so the setup
# text users copy is the text the tests run.
readme_snippet() {
  awk -v name="$1" '
    index($0, "<!-- snippet: " name " ") == 1 || $0 == "<!-- snippet: " name " -->" { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }
  ' "$ROOT/editors/README.md"
}
export -f readme_snippet

passed=0
failed=0
for t in "${TESTS[@]}"; do
  script=$HERE/$t.sh
  log=$WORK/$t.log
  mkdir -p "$WORK/$t"
  start=$SECONDS
  if [[ ! -f $script ]]; then
    echo "FAIL $t: no such test ($script)"
    failed=$((failed + 1))
    continue
  fi
  # Each test gets a hard limit; a hung editor must not hang CI.
  timeout -k 5 "${EDITOR_TEST_TIMEOUT:-180}" bash "$script" "$WORK/$t" >"$log" 2>&1
  rc=$?
  secs=$((SECONDS - start))
  if ((rc == 0)); then
    echo "PASS $t (${secs}s)"
    passed=$((passed + 1))
  else
    reason=$(grep -a 'FAIL:' "$log" | tail -1 | sed 's/^.*FAIL: *//')
    [[ -n $reason ]] || reason="exit $rc$( ((rc == 124)) && echo ' (timed out)'): $(tail -1 "$log" | cut -c1-200)"
    echo "FAIL $t: $reason"
    if [[ ${CI:-} == true || -n ${EDITORS_VERBOSE:-} ]]; then
      sed 's/^/    | /' "$log" | tail -40
    fi
    failed=$((failed + 1))
  fi
done
echo "editors: $passed passed, $failed failed"
((failed == 0))
