#!/bin/sh
# Replays a corpus through one built fuzz target (no fuzzing) and prints how many edges
# of hrpolicy's own code (`src/`) it covers, then the edges covered in each crate. With
# two corpora of one target (an earlier copy and the current one), the difference says
# whether the newer inputs reach anything new in hrpolicy itself or only in the crates
# it uses. The per-function list is left in $OUT (default /tmp/own-coverage-TARGET.txt).
# Usage: fuzz/own-coverage.sh TARGET CORPUS_DIR
# Build first: CARGO_TARGET_DIR=/work/fuzz-target cargo +nightly fuzz build -O --debug-assertions
# Do not rebuild while it runs: libFuzzer names the covered functions at the end, from the
# binary on disk, and a rebuilt one gives other names (round 10 lost a replay that way).
# $OUT.uncovered lists the lines and functions of src/ that the corpus does not reach.
set -eu
cd "$(dirname "$0")"
t=$1; corpus=$2
src=$(cd .. && pwd)/src/
bin=${CARGO_TARGET_DIR:-/work/fuzz-target}/x86_64-unknown-linux-gnu/release/$t
out=${OUT:-/tmp/own-coverage-$t.txt}
. ./limits.sh
set -- $(max_len "$t")
log=$(mktemp)
scratch=$(mktemp -d)   # libFuzzer's slow-unit-* files, not left in fuzz/
trap 'rm -rf "$log" "$scratch"' EXIT
nice -n 10 "$bin" -runs=0 -print_coverage=1 -timeout=60 -rss_limit_mb=4096 -artifact_prefix="$scratch/" \
    "$@" "$corpus" 2>"$log" || true
# Lines: "COVERED_FUNC: hits: N edges: C/T NAME FILE:LINE".
grep '^COVERED_FUNC' "$log" | sed 's/^COVERED_FUNC: hits: [0-9]* edges: //' | sort > "$out"
own=$(grep -F " $src" "$out" | awk '{split($1, e, "/"); s += e[1]} END {print s + 0}')
total=$(awk '{split($1, e, "/"); s += e[1]} END {print s + 0}' "$out")
echo "$t $corpus: $(grep -c . "$out") functions covered; edges in hrpolicy's src/: $own; all edges: $total"
# What hrpolicy's own code the corpus does not reach, for reading against the source:
# each line with edges not taken inside a function that ran ("file:line  function"),
# then the functions that never ran. In $OUT.uncovered.
awk -v src="$src" '
  /^COVERED_FUNC/ { f = $0; sub(/^COVERED_FUNC: hits: [0-9]* edges: [0-9]*\/[0-9]* /, "", f); sub(/ [^ ]*$/, "", f) }
  /^  UNCOVERED_PC: / && index($2, src) == 1 && $2 !~ /:0$/ { print "edge  " $2 "  " f }
  /^UNCOVERED_FUNC/ && index($NF, src) == 1 {
      f = $0; sub(/^UNCOVERED_FUNC: hits: 0 edges: 0\/[0-9]* /, "", f); sub(/ [^ ]*$/, "", f)
      print "func  " $NF "  " f }' "$log" |
    sed "s|$src||" | sort | uniq -c | sort -k2,2 -k3,3V > "$out.uncovered"
echo "$(grep -c ' edge ' "$out.uncovered") of hrpolicy's lines have an edge not taken; $(grep -c ' func ' "$out.uncovered") of its functions never ran (in $out.uncovered)"
# Every edge not taken inside a function of src/, by where the edge's code was written:
# hrpolicy's own line, or std or a crate inlined into the function (a hash table's probe
# loop, a string search). Two replays on one build compare exactly: an edge that leaves
# this list was reached, and its place says whether hrpolicy's logic or inlined library
# code grew. In $OUT.pcs ("count  function  place").
awk -v src="$src" '
  /^COVERED_FUNC/ { own = index($NF, src) == 1; f = $0
      sub(/^COVERED_FUNC: hits: [0-9]* edges: [0-9]*\/[0-9]* /, "", f); sub(/ [^ ]*$/, "", f) }
  /^UNCOVERED_FUNC/ { own = 0 }
  /^  UNCOVERED_PC: / && own { print f "  " $2 }' "$log" |
    sed "s|$src||g" | sort | uniq -c > "$out.pcs"
echo "edges not taken in hrpolicy's functions: $(grep -v ' /' "$out.pcs" | awk '{s += $1} END {print s + 0}') at its own lines," \
    "$(grep ' /' "$out.pcs" | awk '{s += $1} END {print s + 0}') in code inlined from std and crates (in $out.pcs)"
# Edges by crate (registry path segment), the largest first.
awk '{split($1, e, "/"); f = $NF;
      if (f ~ /\/registry\/src\//) { sub(/.*\/registry\/src\/[^\/]*\//, "", f); sub(/\/.*/, "", f) }
      else if (f ~ /\/work\/main\/src\//) f = "hrpolicy"
      else if (f ~ /\/rustc\//) f = "std"
      else f = "other";
      s[f] += e[1]}
     END {for (k in s) print s[k], k}' "$out" | sort -rn | head -12
