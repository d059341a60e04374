#!/bin/sh
# Keeps a target's corpus for the next round, on another machine or in a fresh clone:
# minimizes fuzz/corpus/TARGET with libFuzzer's merge (the fewest inputs that cover
# every edge the whole corpus covers) and packs them into fuzz/corpora/TARGET.tar.xz,
# which is committed. `seed.sh` unpacks it. A checkout starts with no fuzz/corpus (it is
# not committed: tens of thousands of files), so without this every round restarts from
# the seeds. This is OSS-Fuzz's convention (a seed corpus archive per target).
# Usage: fuzz/keep-corpus.sh TARGET...
# Build first: CARGO_TARGET_DIR=/work/fuzz-target cargo +nightly fuzz build -O --debug-assertions
set -eu
cd "$(dirname "$0")"
mkdir -p corpora
. ./limits.sh
for t in "$@"; do
    bin=${CARGO_TARGET_DIR:-/work/fuzz-target}/x86_64-unknown-linux-gnu/release/$t
    min=$(mktemp -d)
    mkdir "$min/$t"
    nice -n 10 "$bin" -merge=1 -timeout=60 -rss_limit_mb=4096 -artifact_prefix="$min/" "$(max_len "$t" 1048576)" "$min/$t" "corpus/$t" \
        > "$min/merge.log" 2>&1 || { tail -n 20 "$min/merge.log"; rm -rf "$min"; exit 1; }
    # Reproducible archive: sorted names, no dates or owners.
    tar -C "$min" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - "$t" |
        xz -9 > "corpora/$t.tar.xz.tmp"
    mv "corpora/$t.tar.xz.tmp" "corpora/$t.tar.xz"
    echo "$t: $(ls "corpus/$t" | wc -l) inputs -> $(ls "$min/$t" | wc -l) kept," \
        "$(du -k "corpora/$t.tar.xz" | cut -f1) KB packed"
    rm -rf "$min"
done
