#!/usr/bin/env bash
# Times hrpolicy in a release build (budgets in ../shared/design/ARCHITECTURE.md and
# docs/PERFORMANCE.md): `build` of the examples to Markdown + HTML, PDF and DOCX;
# `check` of the shipped library; `build` of answers with one line of 500 KB; and the
# scaling runs: `build` and `check` with overlays of 1,000, 10,000 and 50,000 generated
# clauses (budget: 10k <= 0.5 s, 50k <= 2.5 s, growing linearly).
# Usage: scripts/bench.sh [runs]   (needs python3; prints median, min and mean wall time)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
[ -n "${NO_BUILD:-}" ] || cargo build --release --quiet
bin=target/release/hrpolicy
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Runs a command once to warm up, then N times; prints "min median mean" wall time in
# milliseconds. Each run is spawned directly (no shell in between) and timed alone.
time_ms() { # runs command...
  python3 - "$@" <<'PY'
import os, statistics, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
null = os.open(os.devnull, os.O_WRONLY)
io = [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
times = []
for i in range(n + 1):
    start = time.perf_counter()
    pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=io)
    _, status = os.waitpid(pid, 0)
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    if i:
        times.append((time.perf_counter() - start) * 1e6)
ms = lambda t: f"{t / 1000:.1f}"
print(ms(min(times)), ms(statistics.median(times)), ms(statistics.mean(times)))
PY
}

report() { # label "min median mean" budget
  read -r min median mean <<<"$2"
  printf '%-40s median %8s ms   min %8s   mean %8s   (budget %s)\n' "$1" "$median" "$min" "$mean" "$3"
}

# Overlays of N generated clauses, every one of them selected for the ZA example.
overlay() {
  local n=$1 dir="$out/overlay-$1"
  mkdir -p "$dir/sections"
  python3 - "$n" >"$dir/sections/90-synthetic.yaml" <<'PY'
import sys
n = int(sys.argv[1])
print("id: synthetic\ntitle: Synthetic\nclauses:")
# A mix, as a consultant's clauses would be: four kinds of variant condition, and one
# clause in ten whose text needs Tera itself (an `if`), the rest printing answers.
variants = [
    "legal.use-offence == yes",
    "legal.nsp in [tolerated, confiscated]",
    "health.ost != take-home",
    "staff.categories has volunteers",
]
for i in range(1, n + 1):
    body = (
        f"{{% if legal.use_offence == \"yes\" %}}Rule {i} is kept quietly.{{% else %}}Rule {i} is kept.{{% endif %}}"
        if i % 10 == 0
        else f"Staff at {{{{ org.name }}}} keep rule {i}. It applies to everyone."
    )
    print(f"""  - id: synthetic-{i}
    title: Clause {i}
    when: org.type in [community-led, community-based] and services has nsp
    body: |
      {body}
    variants:
      - id: v
        when: {variants[i % len(variants)]}
        body: Variant text for rule {i}, for {{{{ org.name }}}}.
    rationale: Why rule {i} exists.
    sources: [osf-2010]""")
PY
  echo "$dir"
}

za=examples/za-user-network/answers.yaml
report "build md+html, ZA example" "$(time_ms "$runs" "$bin" build --answers "$za" --out "$out/za" --force)" "10 ms"
report "build md+html, US example" "$(time_ms "$runs" "$bin" build --answers examples/us-ssp-federal/answers.yaml --out "$out/us" --force)" "10 ms"
report "build md+html, Portuguese example" "$(time_ms "$runs" "$bin" build --answers examples/pt-peer-collective/answers.yaml --out "$out/pt" --force)" "10 ms"
report "build md+html, Ukrainian example" "$(time_ms "$runs" "$bin" build --answers examples/ua-harm-reduction-ngo/answers.yaml --out "$out/ua" --force)" "10 ms"
report "build pdf, ZA example" "$(time_ms 5 "$bin" build --answers "$za" --out "$out/za-pdf" --format pdf --force)" "100 ms"
report "build docx, ZA example" "$(time_ms "$runs" "$bin" build --answers "$za" --out "$out/za-docx" --format docx --force)" "20 ms"
report "build all editions and formats, ZA" "$(time_ms 5 "$bin" build --answers "$za" --out "$out/za-all" --format md,html,pdf,docx --edition handbook,summary,public --force)" "200 ms"
report "check, shipped library" "$(time_ms "$runs" "$bin" check)" "100 ms"
# The ZA answers with `services` written as one line of 500 KB (the list, and 100,000
# more items): each value's place was found by taking its whole line apart again, so a
# long line took time growing with its square (round 14 of fuzzing). No budget; linear.
long="$out/za-long-line.yaml"
python3 - "$za" >"$long" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
print(re.sub(r"(services: \[[^]]*)\]", lambda m: m.group(1) + ", nsp" * 100_000 + "]", text), end="")
PY
report "build md+html, ZA, a 500 KB answers line" "$(time_ms 3 "$bin" build --answers "$long" --out "$out/za-long" --force)" "linear"
for n in 1000 10000 50000; do
  dir=$(overlay "$n")
  budget=$([ "$n" = 10000 ] && echo "500 ms" || { [ "$n" = 50000 ] && echo "2500 ms" || echo "linear"; })
  report "check, +$n clauses" "$(time_ms 3 "$bin" check --library "$dir")" "$budget"
  report "build md+html, ZA +$n clauses" "$(time_ms 3 "$bin" build --library "$dir" --answers "$za" --out "$out/big-$n" --force)" "$budget"
done
