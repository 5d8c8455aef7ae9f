#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), as a script the tests run.
#
#   action.sh install   cargo install agent-lsp from AGENT_LSP_SOURCE (the action's
#                       checkout) into AGENT_LSP_ROOT unless the cache restored it there;
#                       puts AGENT_LSP_ROOT/bin on GITHUB_PATH
#   action.sh check     agent-lsp check INPUT_PATHS INPUT_ARGS --format sarif into
#                       INPUT_SARIF_FILE, plus the text summary in the log; writes the
#                       outputs `sarif-file` and `exit-code` to GITHUB_OUTPUT and exits 0
#                       (the action uploads the log, then fails on a non-zero exit-code)
set -uo pipefail

install() {
  local root=${AGENT_LSP_ROOT:?} source=${AGENT_LSP_SOURCE:?}
  if [ -x "$root/bin/agent-lsp" ]; then
    echo "agent-lsp: restored from the cache: $("$root/bin/agent-lsp" --version)"
  else
    cargo install --locked --quiet --path "$source" --root "$root" --bin agent-lsp || return 1
  fi
  echo "$root/bin" >>"${GITHUB_PATH:-/dev/null}"
}

check() {
  local bin=${AGENT_LSP:-agent-lsp} sarif=${INPUT_SARIF_FILE:-agent-lsp.sarif} status
  local -a paths args
  read -r -a paths <<<"${INPUT_PATHS:-.}"
  read -r -a args <<<"${INPUT_ARGS:-}"
  "$bin" check "${paths[@]}" "${args[@]}" --format sarif >"$sarif"
  status=$?
  # The same findings as text in the job's log, then the annotations' counts.
  "$bin" check "${paths[@]}" "${args[@]}" --format github --allow-empty || true
  {
    echo "sarif-file=$sarif"
    echo "exit-code=$status"
  } >>"${GITHUB_OUTPUT:-/dev/null}"
  echo "agent-lsp check exited with status $status; SARIF log: $sarif"
}

case ${1:-} in
  install) install ;;
  check) check ;;
  *)
    echo "usage: action.sh install|check" >&2
    exit 2
    ;;
esac
