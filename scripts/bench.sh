#!/usr/bin/env bash
# Times `hrpolicy build` (Markdown + HTML; PDF; DOCX) of the examples and `hrpolicy check`
# in a release build. Budgets (ARCHITECTURE.md and the issues): build to Markdown + HTML
# < 20 ms, PDF < 1 s, DOCX < 100 ms, check < 100 ms, check of 10,000 extra clauses < 2 s.
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

# A synthetic library of 10,000 extra clauses (budget for `check`: under 2 s).
mkdir -p "$out/big/sections"
{
  echo "id: synthetic"; echo "title: Synthetic"; echo "clauses:"
  for i in $(seq 10000); do
    printf '  - id: synthetic-%d\n    title: Clause %d\n    when: services has nsp and org.type in [community-led, clinical]\n    body: |\n      Staff at {{ org.name }} keep rule %d. It applies to everyone.\n    variants:\n      - id: v\n        when: legal.use-offence\n        body: Variant text for rule %d.\n    rationale: Why rule %d exists.\n    sources: [osf-2010]\n' "$i" "$i" "$i" "$i" "$i"
  done
} > "$out/big/sections/90-synthetic.yaml"

if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs "$runs" \
    "$bin build --answers examples/za-user-network/answers.yaml --out $out/za --force" \
    "$bin build --answers examples/us-ssp-federal/answers.yaml --out $out/us --force" \
    "$bin build --answers examples/za-user-network/answers.yaml --out $out/za-pdf --format pdf --force" \
    "$bin build --answers examples/za-user-network/answers.yaml --out $out/za-docx --format docx --force" \
    "$bin check" \
    "$bin check --library $out/big"
else
  for ex in examples/*/; do
    us=$(time_ms "$bin" build --answers "$ex/answers.yaml" --out "$out/$(basename "$ex")" --force)
    printf 'build %-24s %6d.%03d ms (budget 20 ms)\n' "$(basename "$ex")" $((us / 1000)) $((us % 1000))
  done
  for fmt in pdf docx; do
    us=$(time_ms "$bin" build --answers examples/za-user-network/answers.yaml --out "$out/za-$fmt" --format "$fmt" --force)
    printf 'build %-24s %6d.%03d ms\n' "za-user-network ($fmt)" $((us / 1000)) $((us % 1000))
  done
  us=$(time_ms "$bin" check)
  printf 'check %-24s %6d.%03d ms (budget 100 ms)\n' "shipped library" $((us / 1000)) $((us % 1000))
  runs=3
  us=$(time_ms "$bin" check --library "$out/big")
  printf 'check %-24s %6d.%03d ms (budget 2000 ms)\n' "+10,000 clauses" $((us / 1000)) $((us % 1000))
fi
