#!/usr/bin/env bash
# A short instrumented fuzzing run (CI's smoke run is tests/fuzz_smoke.rs, in cargo test): installs cargo-fuzz from crates.io if it is missing, seeds
# the corpus from tests/fixtures and runs the `analyze` target for RUNS executions
# (default 20000) or SECONDS seconds (SECONDS_MAX, default 120), whichever ends first. The machine's stable toolchain is used: RUSTC_BOOTSTRAP=1 lets it
# take the flags cargo-fuzz passes (no sanitizer: agent-lsp is safe Rust). A crash fails the run and leaves its input in
# fuzz/artifacts/analyze/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20000}
seconds=${SECONDS_MAX:-120}
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
bash fuzz/seed.sh
export RUSTC_BOOTSTRAP=1
# No other fuzz jobs than this one: the machine has 2 cores. -max_len keeps inputs near
# the size of real agent files.
cargo fuzz run analyze --sanitizer none -O fuzz/corpus/analyze -- -runs="$runs" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -print_final_stats=1
