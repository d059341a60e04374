#!/bin/sh
# Runs one already-built fuzz target for SECONDS, straight from its binary (no cargo, so
# no rebuild), continuing from corpus/TARGET. Logs to $LOGS/TARGET.log (default
# fuzz/logs), appends the exit status and wall time to $LOGS/summary.txt, and every
# minute the executions and coverage so far to $LOGS/timeline.txt: the record of when
# coverage stopped growing.
# With SNAP=DIR it also copies the corpus to DIR/TARGET-mN every 3 minutes, with its
# execution count in DIR/TARGET.idx ("mN EXECUTIONS SECONDS"), and at the end to
# DIR/TARGET-end: a snapshot taken at least a window of executions before the end,
# replayed beside the end (own-coverage.sh, compare-own.py), says whether the last
# window found anything new in hrpolicy's own code.
# With JOBS=N (default 1) it runs N fuzzing processes on the one corpus (libFuzzer's
# -jobs=N -workers=N: each reads what the others add), one per core; each logs to
# $LOGS/TARGET-jobs/fuzz-J.log, and the executions counted are the sum over them.
# Usage: [SNAP=DIR] [JOBS=N] fuzz/run-one.sh TARGET SECONDS [libFuzzer flags...]
# Build first: CARGO_TARGET_DIR=/work/fuzz-target cargo +nightly fuzz build -O --debug-assertions
set -u
cd "$(dirname "$0")" || exit 1
t=$1; T=$2; shift 2
LOGS=${LOGS:-$PWD/logs}
bin=${CARGO_TARGET_DIR:-/work/fuzz-target}/x86_64-unknown-linux-gnu/release/$t
case $t in
  condition) dict=condition.dict ;;
  render | render_pdf) dict=markdown.dict ;;
  *) dict=yaml.dict ;;
esac
. ./limits.sh
set -- $(max_len "$t") "$@"
JOBS=${JOBS:-1}
mkdir -p "$LOGS" "corpus/$t" "artifacts/$t"
here=$PWD
if [ "$JOBS" -gt 1 ]; then
  # libFuzzer writes each job's log to fuzz-J.log in its working directory.
  jobdir=$LOGS/$t-jobs
  rm -rf "$jobdir" && mkdir -p "$jobdir"
  set -- -jobs="$JOBS" -workers="$JOBS" "$@"
fi
start=$(date +%s)
# A timeout of 30 s: on a busy two-core machine (a build beside the fuzzers) an input
# that takes 2 s alone in the instrumented build has taken 15.
(cd "${jobdir:-.}" && exec nice -n 10 "$bin" -artifact_prefix="$here/artifacts/$t/" \
  -dict="$here/dict/$dict" -max_total_time="$T" -timeout=30 -rss_limit_mb=2048 \
  -print_final_stats=1 "$@" "$here/corpus/$t") > "$LOGS/$t.log" 2>&1 &
pid=$!
SNAP=${SNAP:-}
# Runs COMMAND... LOG for each fuzzer's log: one, or one per job (quoted, so a $LOGS
# with spaces works).
each_log() {
  if [ "$JOBS" -gt 1 ]; then
    for f in "$jobdir"/fuzz-*.log; do [ -e "$f" ] && "$@" "$f"; done
  else
    "$@" "$LOGS/$t.log"
  fi
}
# A log's executions so far: its last "#N" line (its closing dictionary lines start with
# "#" too, without a number); and its last "#N ... cov: C", for the timeline.
log_execs() { grep -a -o '^#[0-9][0-9]*' "$1" | tail -n 1 | tr -d '#'; }
log_cov() { grep -a -o '^#[0-9]*.*cov: [0-9]*' "$1" | tail -n 1 | sed 's/[[:space:]].*cov:/ cov:/'; }
# Executions so far, summed over the logs.
execs() { each_log log_execs | awk '{ s += $1 } END { print s + 0 }'; }
[ -n "$SNAP" ] && mkdir -p "$SNAP"
m=0
while kill -0 "$pid" 2>/dev/null; do
  sleep 60
  m=$((m + 1))
  last=$(each_log log_cov | paste -s -d ' ' -)
  echo "$(date +%H:%M:%S) $t +$(( $(date +%s) - start ))s $last" >> "$LOGS/timeline.txt"
  if [ -n "$SNAP" ] && [ $((m % 3)) -eq 0 ] && kill -0 "$pid" 2>/dev/null; then
    # The count first, then the copy: the copy holds at least what that count found.
    n=$(execs)
    rm -rf "$SNAP/$t-m$m.tmp"
    cp -r "corpus/$t" "$SNAP/$t-m$m.tmp" && mv "$SNAP/$t-m$m.tmp" "$SNAP/$t-m$m" &&
      echo "m$m ${n:-0} $(( $(date +%s) - start ))" >> "$SNAP/$t.idx"
  fi
done
wait "$pid"
rc=$?
if [ -n "$SNAP" ]; then
  rm -rf "$SNAP/$t-end"
  cp -r "corpus/$t" "$SNAP/$t-end"
  echo "end $(execs) $(( $(date +%s) - start ))" >> "$SNAP/$t.idx"
fi
(exit $rc)
echo "$t rc=$? wall=$(( $(date +%s) - start ))s end=$(date +%H:%M)" >> "$LOGS/summary.txt"
