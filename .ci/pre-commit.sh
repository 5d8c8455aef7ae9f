#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) through the real `pre-commit` package:
# `pre-commit try-repo` builds agent-lsp from this checkout with `language: rust` and runs
# it on the staged files of a sample repository: a bad agent must fail, a good one pass,
# and a file no format selects (README.md) must not be checked. pre-commit is installed
# from PyPI into a cache venv. Each try-repo builds agent-lsp afresh from a clone (and
# `cargo install` re-resolves dependencies, as pre-commit runs it without --locked); to
# keep that cheap, the builds go to a target folder in the cache, unoptimised (this tests
# the hook's definition, not the binary's speed). Ends with "pre-commit: N passed, M failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${XDG_CACHE_HOME:-$HOME/.cache}/agent-lsp/pre-commit-4.7.0
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv" && "$venv/bin/pip" install --quiet pre-commit==4.7.0 || exit 1
fi
export CARGO_TARGET_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/agent-lsp/pre-commit-target
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=off \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=0
sample=$(mktemp -d)
trap 'rm -rf "$sample"' EXIT
cd "$sample" && git init --quiet && mkdir -p .claude/agents
git config user.email ci@example.invalid && git config user.name ci
printf '# A project\n\nname: not an agent\n' > README.md
printf -- '---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep\n---\nYou review code.\n' \
  > .claude/agents/good.md
printf -- '---\ndescription: No name, so Claude Code skips it\n---\nBody.\n' > .claude/agents/bad.md

passed=0 failed=0
expect() { # expect STATUS WHAT: try-repo on what is staged, with that exit status
  local want=$1 what=$2 out status
  out=$("$venv/bin/pre-commit" try-repo "$root" agent-lsp 2>&1)
  status=$?
  if [ "$status" = "$want" ]; then
    passed=$((passed + 1)) && echo "ok: $what"
  else
    failed=$((failed + 1)) && echo "FAILED: $what (exit $status, wanted $want)" && echo "$out"
  fi
  LAST=$out
}
git add README.md .claude/agents/good.md
expect 0 "a good agent (and a README) pass"
git commit --quiet -m good
git add .claude/agents/bad.md
expect 1 "a bad agent fails"
case $LAST in
  *"error[name-missing]"*bad.md*) passed=$((passed + 1)) && echo "ok: the failure names the file and rule" ;;
  *) failed=$((failed + 1)) && echo "FAILED: the failure does not show error[name-missing] in bad.md" && echo "$LAST" ;;
esac
echo "pre-commit: $passed passed, $failed failed"
[ "$failed" = 0 ]
