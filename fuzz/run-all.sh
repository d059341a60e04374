#!/bin/sh
# Builds the fuzz targets and runs each for $T seconds (default 240), two at a time,
# with a log per target in $LOGS (default fuzz/logs); summary.txt gets each run's
# exit status and wall time. libFuzzer's final stats (-print_final_stats=1) end each log.
set -u
cd "$(dirname "$0")" || exit 1
T=${T:-240}
LOGS=${LOGS:-$PWD/logs}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/fuzz-target}
mkdir -p "$LOGS"
[ -d corpus ] || ./seed.sh
nice -n 10 cargo +nightly fuzz build -O --debug-assertions > "$LOGS/build.log" 2>&1 || exit 1
run() { # TARGET DICT [libFuzzer flags...]
    t=$1; d=$2; shift 2
    mkdir -p "corpus/$t" "artifacts/$t"
    start=$(date +%s)
    nice -n 10 cargo +nightly fuzz run "$t" -O --debug-assertions -- -dict="dict/$d" \
        -max_total_time="$T" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 "$@" \
        > "$LOGS/$t.log" 2>&1
    echo "$t rc=$? wall=$(( $(date +%s) - start ))s" >> "$LOGS/summary.txt"
}
run condition condition.dict & run answers yaml.dict; wait
run decisions yaml.dict & run library yaml.dict; wait
run render markdown.dict -max_len=8192 & run render_pdf markdown.dict -max_len=1025; wait
echo done >> "$LOGS/summary.txt"
