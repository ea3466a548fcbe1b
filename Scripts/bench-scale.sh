#!/usr/bin/env bash
# Corpus scale (issue #11): peak memory of `kg extract` with every output at two corpus sizes, and
# the time of a re-run after one document changed against the clean run's. Not part of the test
# suite: timings depend on the machine.
#
#   bash Scripts/bench.sh scale                         # 20 and 200 MiB
#   BENCH_SCALE_MIB="5 20" bash Scripts/bench.sh scale  # smaller, quicker
#
# Environment:
#   BENCH_SCALE_MIB="20 200"        corpus sizes in MiB (Scripts/make-extract-corpus.py, seeds and
#                                   development texts only); the first is the reference for "flat"
#   BENCH_SCALE_FORMAT=             a --format list (default: every default output)
#   BENCH_DIR=/tmp/kg-bench-extract corpora and outputs (all outputs of 200 MiB take about 40 GB)
#   BENCH_TIMEOUT=3600              seconds allowed to each run
#   BENCH_KG=PATH                   time that kg binary (no build) instead of .build/release/kg
#
# Each size: a clean run (no output folder, no work folder), then one document's text changes and
# the same command runs again with the work folder of the first (only that document is extracted,
# every output is written again). Timed by GNU time (wall seconds, peak resident memory). The
# lexicon cache is warmed first, so no row pays for compiling it.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_SCALE_MIB:-20 200}
DIR=${BENCH_DIR:-/tmp/kg-bench-extract}
TIMEOUT=${BENCH_TIMEOUT:-3600}
KG=${BENCH_KG:-.build/release/kg}
FORMAT_ARGS=()
[ -n "${BENCH_SCALE_FORMAT:-}" ] && FORMAT_ARGS=(--format "$BENCH_SCALE_FORMAT")

. Scripts/bench-common.sh
bench_require_tools python3 /usr/bin/time timeout flock awk
bench_build_release
mkdir -p "$DIR"
"$KG" extract seeds --out "$DIR/warm" --format nt --no-work --quiet  # compiles the lexicon cache once

ROWS=()
# timed LABEL CMD... : one run; appends "LABEL seconds rssKB" to ROWS.
timed() {
  local label=$1; shift
  local log=$DIR/scale-time.log
  if ! /usr/bin/time -f '%e %M' -o "$log" timeout -k 10 "$TIMEOUT" "$@" >"$DIR/scale-run.out" 2>"$DIR/scale-run.err"; then
    echo "bench: $label failed:" >&2; tail -5 "$DIR/scale-run.err" >&2
    ROWS+=("$label failed 0"); return
  fi
  local seconds rss
  read -r seconds rss < <(tail -1 "$log")
  ROWS+=("$label $seconds $rss")
  printf '  %-28s %10.2f s %8d MB\n' "$label" "$seconds" "$((rss / 1024))" >&2
}

for mib in $SIZES; do
  corpus=$DIR/corpus-$mib
  if [ ! -s "$corpus/STAMP" ] || [ -n "$(find Scripts/make-extract-corpus.py seeds Tests/DevSet/texts -newer "$corpus/STAMP" -print -quit)" ]; then
    echo "== generating a $mib MiB corpus in $corpus" >&2
    python3 Scripts/make-extract-corpus.py "$corpus" --mib "$mib" >&2
  fi
  out=$DIR/scale-out-$mib
  rm -rf "$out"
  echo "== $mib MiB ($(find "$corpus/docs" -name '*.txt' | wc -l) documents)" >&2
  timed "clean-$mib" "$KG" extract "$corpus/docs" --out "$out" "${FORMAT_ARGS[@]}" --quiet
  # Change one document (its copy in a scratch tree: the corpus stays as generated).
  changed=$DIR/scale-docs-$mib
  rm -rf "$changed"; cp -al "$corpus/docs" "$changed"
  documents=("$changed"/*.txt)  # (not `ls | head`: under pipefail its SIGPIPE would end the script)
  first=$(basename "${documents[0]}")
  cp --remove-destination "$corpus/docs/$first" "$changed/$first"
  echo "Dr. Ada Quill of the Orrin Institute joined the University of Leeds in 2024." >> "$changed/$first"
  # The work folder keys results by path under the input folder, so the re-run reads the same names.
  mv "$out/.kg" "$DIR/scale-work-$mib"
  timed "rerun-$mib" "$KG" extract "$changed" --out "$out" --work "$DIR/scale-work-$mib" "${FORMAT_ARGS[@]}" --quiet
  grep -o '([0-9]* extracted, [0-9]* reused)' "$DIR/scale-run.err" >&2 || true
  rm -rf "$out" "$changed" "$DIR/scale-work-$mib"
done

echo
echo "kg extract at scale, ${BENCH_SCALE_FORMAT:-every output}; one run each, 2 cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %10s %10s %12s %14s\n' run seconds "peak MB" "RSS vs ref" "re-run/clean"
ref_rss=""
declare -A clean_secs
for row in "${ROWS[@]}"; do
  read -r label seconds rss <<<"$row"
  mib=${label#*-}
  [ "${label%%-*}" = clean ] && clean_secs[$mib]=$seconds
  [ -z "$ref_rss" ] && ref_rss=$rss
  ratio=$(awk -v r="$rss" -v b="$ref_rss" 'BEGIN { printf "%+.0f%%", (r / b - 1) * 100 }')
  rerun="-"
  [ "${label%%-*}" = rerun ] && rerun=$(awk -v s="$seconds" -v c="${clean_secs[$mib]:-0}" 'BEGIN { if (c > 0) printf "%.1f%%", s / c * 100; else print "-" }')
  printf '%-16s %10s %10d %12s %14s\n' "$label" "$seconds" "$((rss / 1024))" "$ratio" "$rerun"
done
echo "targets: peak RSS <= 500 MB and within +-20% of the first size's clean run; re-run <= 5% of the clean run"
