#!/usr/bin/env bash
# Times `hrpolicy build` (Markdown + HTML) of each example and `hrpolicy check` in a
# release build. Budgets (ARCHITECTURE.md): build < 20 ms, check < 100 ms.
# Usage: scripts/bench.sh [runs]   (uses hyperfine when installed, else a shell loop)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
cargo build --release --quiet
bin=target/release/hrpolicy
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

time_ms() { # command... -> mean wall time in ms over $runs runs
  local start end
  "$@" >/dev/null 2>&1 # warm-up
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(( (end - start) / runs / 1000 ))
}

if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs "$runs" \
    "$bin build --answers examples/za-user-network/answers.yaml --out $out/za --force" \
    "$bin build --answers examples/us-ssp-federal/answers.yaml --out $out/us --force" \
    "$bin check"
else
  for ex in examples/*/; do
    us=$(time_ms "$bin" build --answers "$ex/answers.yaml" --out "$out/$(basename "$ex")" --force)
    printf 'build %-24s %6d.%03d ms (budget 20 ms)\n' "$(basename "$ex")" $((us / 1000)) $((us % 1000))
  done
  us=$(time_ms "$bin" check)
  printf 'check %-24s %6d.%03d ms (budget 100 ms)\n' "shipped library" $((us / 1000)) $((us % 1000))
fi
