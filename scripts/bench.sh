#!/usr/bin/env bash
# Times hrpolicy in a release build (budgets in ../shared/design/ARCHITECTURE.md and
# docs/PERFORMANCE.md): `build` of the examples to Markdown + HTML, PDF and DOCX;
# `check` of the shipped library; and the scaling runs: `build` and `check` with
# overlays of 1,000, 10,000 and 50,000 generated clauses (budget: 10k <= 0.5 s,
# 50k <= 2.5 s, growing linearly).
# Usage: scripts/bench.sh [runs]   (uses hyperfine when installed, else a shell loop)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
[ -n "${NO_BUILD:-}" ] || cargo build --release --quiet
bin=target/release/hrpolicy
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

time_ms() { # runs command... -> mean wall time in microseconds over the runs
  local n=$1 start end
  shift
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  start=$(date +%s%N)
  for _ in $(seq "$n"); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(((end - start) / n / 1000))
}

report() { # label microseconds budget
  printf '%-44s %9d.%03d ms   (budget %s)\n' "$1" $(($2 / 1000)) $(($2 % 1000)) "$3"
}

# Overlays of N generated clauses, every one of them selected for the ZA example.
overlay() {
  local n=$1 dir="$out/overlay-$1"
  mkdir -p "$dir/sections"
  python3 - "$n" >"$dir/sections/90-synthetic.yaml" <<'PY'
import sys
n = int(sys.argv[1])
print("id: synthetic\ntitle: Synthetic\nclauses:")
for i in range(1, n + 1):
    print(f"""  - id: synthetic-{i}
    title: Clause {i}
    when: org.type in [community-led, community-based] and services has nsp
    body: |
      Staff at {{{{ org.name }}}} keep rule {i}. It applies to everyone.
    variants:
      - id: v
        when: legal.use-offence == yes
        body: Variant text for rule {i}.
    rationale: Why rule {i} exists.
    sources: [osf-2010]""")
PY
  echo "$dir"
}

za=examples/za-user-network/answers.yaml
report "build md+html, ZA example" "$(time_ms "$runs" "$bin" build --answers "$za" --out "$out/za" --force)" "10 ms"
report "build md+html, US example" "$(time_ms "$runs" "$bin" build --answers examples/us-ssp-federal/answers.yaml --out "$out/us" --force)" "10 ms"
report "build pdf, ZA example" "$(time_ms 5 "$bin" build --answers "$za" --out "$out/za-pdf" --format pdf --force)" "100 ms"
report "build docx, ZA example" "$(time_ms "$runs" "$bin" build --answers "$za" --out "$out/za-docx" --format docx --force)" "20 ms"
report "build all editions and formats, ZA" "$(time_ms 5 "$bin" build --answers "$za" --out "$out/za-all" --format md,html,pdf,docx --edition handbook,summary,public --force)" "200 ms"
report "check, shipped library" "$(time_ms "$runs" "$bin" check)" "100 ms"
for n in 1000 10000 50000; do
  dir=$(overlay "$n")
  budget=$([ "$n" = 10000 ] && echo "500 ms" || { [ "$n" = 50000 ] && echo "2500 ms" || echo "linear"; })
  report "check, +$n clauses" "$(time_ms 3 "$bin" check --library "$dir")" "$budget"
  report "build md+html, ZA +$n clauses" "$(time_ms 3 "$bin" build --library "$dir" --answers "$za" --out "$out/big-$n" --force)" "$budget"
done
