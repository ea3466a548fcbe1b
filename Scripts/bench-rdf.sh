#!/usr/bin/env bash
# Times kg against peer RDF tools on the same inputs and prints one table (seconds, peak memory,
# ratio to kg). Not part of the test suite: timings depend on the machine, so CI never runs this.
#
#   bash Scripts/bench.sh rdf        # N=1000000 statements, rdflib canonicalization on 50000
#   BENCH_N=200000 BENCH_CANON_N=20000 bash Scripts/bench.sh rdf
#
# Needs serdi, rapper, python3 with rdflib, GNU time (/usr/bin/time). Inputs are generated into
# $BENCH_DIR (default /tmp/kg-bench) by Scripts/make-diff-fixture.py and never committed.
# Each command runs once, process start included: the runs take seconds to minutes, so repeating them
# (hyperfine) would add little but time, and GNU time also gives the peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${BENCH_N:-1000000}
CANON_N=${BENCH_CANON_N:-50000}
DIR=${BENCH_DIR:-/tmp/kg-bench}
KG=.build/release/kg

for tool in serdi rapper python3 /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (apt-get install serdi raptor2-utils time)" >&2; exit 2; }
done
python3 -c 'import rdflib' 2>/dev/null || { echo "bench: python3 -m pip install rdflib" >&2; exit 2; }

# Build release only when a source is newer than the binary; builds share the machine, so take the lock.
if [ ! -x "$KG" ] || [ -n "$(find Sources Package.swift -newer "$KG" -print -quit)" ]; then
  echo "== building release"
  flock /tmp/kg-build.lock swift build -c release >/dev/null
fi

mkdir -p "$DIR"
if [ ! -s "$DIR/big/old.nt" ] || [ "$(wc -l < "$DIR/big/old.nt")" -ne "$N" ]; then
  echo "== generating $N statements"
  python3 Scripts/make-diff-fixture.py "$N" "$DIR/big" >/dev/null
fi
if [ ! -s "$DIR/canon/old.nt" ] || [ "$(wc -l < "$DIR/canon/old.nt")" -ne "$CANON_N" ]; then
  python3 Scripts/make-diff-fixture.py "$CANON_N" "$DIR/canon" >/dev/null
fi
"$KG" convert "$DIR/big/old.nt" "$DIR/big/old.ttl"

cat > "$DIR/rdflib_convert.py" <<'EOF'
import sys, rdflib
g = rdflib.Graph()
g.parse(sys.argv[1], format=sys.argv[2])
g.serialize(destination=sys.argv[3], format="nt")
EOF
cat > "$DIR/rdflib_diff.py" <<'EOF'
import sys, rdflib
from rdflib.compare import to_canonical_graph, graph_diff
old, new = rdflib.Graph(), rdflib.Graph()
old.parse(sys.argv[1], format="nt")
new.parse(sys.argv[2], format="nt")
both, removed, added = graph_diff(to_canonical_graph(old), to_canonical_graph(new))
print("%d removed, %d added" % (len(removed), len(added)))
EOF

ROWS=()
KG_SECONDS=""
# run TASK TOOL COMMAND... : one timed run; records seconds and peak RSS; the first row of a task is kg's.
run() {
  local task=$1 tool=$2; shift 2
  local log="$DIR/time.log"
  set +e
  /usr/bin/time -v "$@" >/dev/null 2>"$log"
  local status=$?
  set -e
  # diff exits 1 when the graphs differ; anything above is a failure.
  if [ "$status" -gt 1 ]; then echo "bench: $tool failed on $task (status $status):" >&2; tail -5 "$log" >&2; return 1; fi
  local wall rss seconds
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  seconds=$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }')
  if [ "$tool" = kg ]; then KG_SECONDS=$seconds; fi
  local ratio
  ratio=$(awk -v s="$seconds" -v k="$KG_SECONDS" 'BEGIN { if (k > 0) printf "%.1fx", s / k; else print "-" }')
  ROWS+=("$(printf '%-34s %-22s %9s %9s %8s' "$task" "$tool" "$seconds" "$((rss / 1024))" "$ratio")")
  printf '  %-34s %-22s %8ss\n' "$task" "$tool" "$seconds" >&2
}

echo "== timing (each command once)" >&2
T="N-Triples $N -> N-Triples"
run "$T" kg "$KG" convert "$DIR/big/old.nt" "$DIR/out-kg.nt"
run "$T" serdi serdi -i ntriples -o ntriples "$DIR/big/old.nt"
run "$T" rapper rapper -q -i ntriples -o ntriples "$DIR/big/old.nt"
run "$T" "rdflib $(python3 -c 'import rdflib; print(rdflib.__version__)')" python3 "$DIR/rdflib_convert.py" "$DIR/big/old.nt" nt "$DIR/out-rdflib.nt"

T="Turtle $N -> N-Triples"
run "$T" kg "$KG" convert "$DIR/big/old.ttl" "$DIR/out-kg.nt"
run "$T" serdi serdi -i turtle -o ntriples "$DIR/big/old.ttl"
run "$T" rapper rapper -q -i turtle -o ntriples "$DIR/big/old.ttl"
run "$T" rdflib python3 "$DIR/rdflib_convert.py" "$DIR/big/old.ttl" turtle "$DIR/out-rdflib.nt"

T="N-Triples $N -> Turtle"
run "$T" kg "$KG" convert "$DIR/big/old.nt" "$DIR/out-kg.ttl"
run "$T" serdi serdi -i ntriples -o turtle "$DIR/big/old.nt"
run "$T" rapper rapper -q -i ntriples -o turtle "$DIR/big/old.nt"

T="diff $CANON_N (1% changed, bnodes)"
run "$T" kg "$KG" diff "$DIR/canon/old.nt" "$DIR/canon/new.nt" --stat
run "$T" "rdflib canonical+diff" python3 "$DIR/rdflib_diff.py" "$DIR/canon/old.nt" "$DIR/canon/new.nt"

T="diff $N (1% changed, bnodes)"
run "$T" kg "$KG" diff "$DIR/big/old.nt" "$DIR/big/new.nt" --stat

T="canonicalize $N"
run "$T" kg "$KG" canonicalize "$DIR/big/old.nt"

docs=$(find seeds -name '*.txt' | wc -l)
T="extract seeds ($docs docs)"
rm -rf "$DIR/extract"
run "$T" kg "$KG" extract seeds --out "$DIR/extract"
extract_seconds=$KG_SECONDS

echo
printf '%-34s %-22s %9s %9s %8s\n' "task" "tool" "seconds" "max MB" "vs kg"
printf '%s\n' "${ROWS[@]}"
echo
awk -v s="$extract_seconds" -v d="$docs" 'BEGIN { printf "kg extract: %.2f s per document (%d documents, one process, lexicon loading included)\n", s / d, d }'
echo "rdflib canonicalization runs on $CANON_N statements only (it is too slow for $N); compare it with the kg row of the same size."
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); each figure is one run, including process start."
