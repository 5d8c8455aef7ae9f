#!/usr/bin/env bash
# Builds the seed corpus of the `analyze` target from tests/fixtures: each agent file
# prefixed with the byte that selects its format (see fuzz_targets/analyze.rs, PATHS).
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus/analyze
mkdir -p "$out"
selector() {
  case "$1" in
    */.claude/commands/*) echo 1 ;;
    */SKILL.md) echo 2 ;;
    *.agent.md | *.chatmode.md | */.github/agents/*) echo 3 ;;
    *.prompt.md) echo 4 ;;
    *.instructions.md) echo 5 ;;
    */.opencode/*) echo 6 ;;
    *.mdc) echo 7 ;;
    */plugin*/*) echo 8 ;;
    *) echo 0 ;;
  esac
}
n=0
while IFS= read -r -d '' f; do
  s=$(selector "$f")
  name=$(printf '%s' "$f" | sha1sum | cut -c1-16)
  { printf "\\x$(printf %02x "$s")"; cat "$f"; } >"$out/seed-$name"
  n=$((n + 1))
done < <(find tests/fixtures -type f \( -name '*.md' -o -name '*.mdc' \) -size -64k -print0)
echo "seeded $n files into $out"
