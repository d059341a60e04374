#!/bin/sh
# Builds the fuzz targets and runs each for $T seconds (default 240), two at a time,
# each by run-one.sh: a log per target in $LOGS (default fuzz/logs), each run's exit
# status and wall time in summary.txt, coverage every minute in timeline.txt.
set -u
cd "$(dirname "$0")" || exit 1
T=${T:-240}
LOGS=${LOGS:-$PWD/logs}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/fuzz-target}
mkdir -p "$LOGS"
[ -d corpus ] || ./seed.sh
nice -n 10 cargo +nightly fuzz build -O --debug-assertions > "$LOGS/build.log" 2>&1 || exit 1
export LOGS
run() { ./run-one.sh "$1" "$T"; }
run condition & run answers; wait
run decisions & run library; wait
run render & run render_pdf; wait
echo done >> "$LOGS/summary.txt"
