#!/usr/bin/env bash
# Validates `check --format sarif` with Microsoft's SARIF multitool (`validate`: the
# SARIF 2.1.0 schema and its rules), installed from npm once into target/. The Rust
# suite snapshots the SARIF; this checks it against the spec's own validator. Ends with
# "sarif: N passed, M failed" (.ci/run adds it to its totals).
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${AGENT_LSP:-$PWD/target/release/agent-lsp}
tool=$PWD/target/sarif-multitool
out=$PWD/target/sarif-validate
mkdir -p "$out"
if [ ! -x "$tool/node_modules/.bin/sarif-multitool" ]; then
  npm install --prefix "$tool" --no-audit --no-fund @microsoft/sarif-multitool@5.7.0 ||
    { echo "sarif: 0 passed, 1 failed (multitool not installed)"; exit 1; }
fi
# npm may skip the package's postinstall, which only marks the binary executable.
chmod u+x "$tool"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool 2>/dev/null
empty=$(mktemp -d)
passed=0
failed=0
# name, folder to check in, extra options
while read -r name dir opts; do
  log="$out/$name.sarif"
  (cd "$dir" && "$bin" check --format sarif $opts >"$log")
  rm -f "$out/$name.validation.sarif"
  if "$tool/node_modules/.bin/sarif-multitool" validate "$log" -o "$out/$name.validation.sarif" --quiet &&
    node -e '
      const runs = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs || [];
      // A result without a level is a warning (its rule'"'"'s default); notes are advice.
      const bad = runs.flatMap(r => r.results || []).filter(r => r.level !== "note" && r.level !== "none");
      for (const r of bad) console.error(`${r.level || "warning"} ${r.ruleId}: ${r.message.text || JSON.stringify(r.message)}`);
      process.exit(bad.length ? 1 : 0);' "$out/$name.validation.sarif"; then
    echo "sarif $name: ok"
    passed=$((passed + 1))
  else
    echo "sarif $name: FAILED ($log)"
    failed=$((failed + 1))
  fi
done <<CASES
workspace tests/outputs/workspace
empty $empty --allow-empty
CASES
rmdir "$empty"
echo "sarif: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
