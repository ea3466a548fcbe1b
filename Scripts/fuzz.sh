#!/usr/bin/env bash
# Fuzzes kg's readers and extraction with libFuzzer and AddressSanitizer. See --help.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

targets=(turtle trig ntriples nquads rdfxml extract)

usage() {
    cat <<EOF
Usage: Scripts/fuzz.sh TARGET SECONDS [LIBFUZZER_OPTION ...]
       Scripts/fuzz.sh all SECONDS [LIBFUZZER_OPTION ...]

Builds the libFuzzer targets of Fuzz/ once (swift build -c release, -sanitize=fuzzer,address,
scratch path .build-fuzz), then runs TARGET (or each target in turn) for SECONDS seconds.

Targets:
  turtle    the Turtle reader          seeds: Tests/W3C/rdf-turtle/*.ttl, Ontology/core.ttl, Output/*.ttl
  trig      the TriG reader            seeds: Tests/W3C/rdf-trig/*.trig, Output/graph.trig
  ntriples  the N-Triples reader       seeds: *.nt of Tests/W3C (n-triples, turtle, rdf-xml), Output/graph.nt
  nquads    the N-Quads reader         seeds: *.nq of Tests/W3C (n-quads, trig, rdf-canon)
  rdfxml    the RDF/XML reader         seeds: Tests/W3C/rdf-xml/**/*.rdf, Output/graph.rdf
  extract   one text document from bytes through kg extract's path: TextDecoding, the pipeline of
            Ontology/, merge, domain graph, dataset, provenance, VoID, every writer
            seeds: Tests/DevSet/texts/*.txt, seeds/*.txt, Tests/Hostile/make-hostile-corpus.py's files

A reader target reads the input; what reads without error is written in every syntax that can
hold it and must read back as the same data. Syntax errors are the expected answer to bad input.
Findings: a crash or trap, a hang (an input taking more than 10 s), a leak, more than 2048 MB, or
written output that does not read back. libFuzzer runs with
  -max_total_time=SECONDS -timeout=10 -rss_limit_mb=2048 -detect_leaks=1 -max_len=\$KG_FUZZ_MAX_LEN
plus the target's dictionary in Fuzz/dictionaries and any LIBFUZZER_OPTIONs given.

Folders (under \$KG_FUZZ_DIR, default .build-fuzz/work; nothing here is committed):
  corpus/TARGET     inputs libFuzzer found interesting; kept between runs, so runs build on each other
  seeds/TARGET      the seed files, copied afresh each run
  artifacts/TARGET  crash-*, timeout-*, leak-*, oom-* files: the inputs of findings
  logs/TARGET.log   libFuzzer's output
  summary.txt       one line per target run: executions, exec/s, cov, ft, corpus, result

Exit status: 0 no finding; 1 a finding (the artifact is named); 2 the build or setup failed.
Environment:
  KG_FUZZ_DIR       work folder (default .build-fuzz/work)
  KG_FUZZ_MAX_LEN   largest input in bytes (default 65536 for the readers, 16384 for extract: the
                    speed of extraction on huge texts is not what this looks for)
  KG_FUZZ_NICE      niceness of the fuzzer process (default 10)
  KG_BUILD_LOCK     if set, the build runs under flock on this file (shared build machines)

To replay or shrink a finding:
  .build-fuzz/release/fuzz-TARGET ARTIFACT                       (runs the one input, shows the trap)
  .build-fuzz/release/fuzz-TARGET -minimize_crash=1 -runs=100000 ARTIFACT
(with SWIFT_BACKTRACE=enable=no in the environment, as this script sets: Swift's own crash
reporter and libFuzzer's signal handling do not mix).
EOF
}

if [ $# -ge 1 ] && { [ "$1" = --help ] || [ "$1" = -h ]; }; then usage; exit 0; fi
if [ $# -lt 2 ]; then usage >&2; exit 2; fi
target=$1
seconds=$2
shift 2
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "fuzz.sh: SECONDS must be a whole number of seconds, at least 1 (got '$seconds')" >&2
    exit 2
fi
if [ "$target" = all ]; then
    selected=("${targets[@]}")
else
    case " ${targets[*]} " in
        *" $target "*) selected=("$target") ;;
        *) echo "fuzz.sh: unknown target '$target'; choose from: ${targets[*]} all" >&2; exit 2 ;;
    esac
fi
if [ "$(uname -s)" != Linux ]; then
    echo "fuzz.sh: libFuzzer with Swift needs Linux and a swift.org toolchain (Xcode's has no -sanitize=fuzzer)" >&2
    exit 2
fi

work=${KG_FUZZ_DIR:-.build-fuzz/work}
niceness=${KG_FUZZ_NICE:-10}
mkdir -p "$work"
work=$(cd "$work" && pwd)
scratch=.build-fuzz

# --- build ------------------------------------------------------------------------------------
# SwiftPM's --sanitize=fuzzer keeps the executables' entry point named main (libFuzzer supplies
# main); the -Xswiftc flag then gives the compiler fuzzer and address together (two separate
# --sanitize options would reach swiftc as two -sanitize= flags, of which only the last counts).
build=(swift build --package-path Fuzz --scratch-path "$scratch" -c release
       --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
echo "== building the fuzz targets (${build[*]})"
if [ -n "${KG_BUILD_LOCK:-}" ]; then build=(flock "$KG_BUILD_LOCK" "${build[@]}"); fi
run_build() { "${build[@]}" 2>&1 | grep -v "ld.gold: warning: Cannot export local symbol '__asan_"; }
if ! run_build; then
    # An incremental build can trip over module caches left by an older tree (after a merge that
    # moved types between modules): build once more from clean products, keeping the corpora.
    echo "== the incremental build failed; building the fuzz targets again from clean build products"
    find "$scratch" -mindepth 1 -maxdepth 1 ! -name "$(basename "$work")" -exec rm -rf {} +
    if ! run_build; then
        echo "fuzz.sh: building the fuzz targets failed (see above): this toolchain cannot build libFuzzer targets" >&2
        exit 2
    fi
fi
bin=$scratch/release

export SWIFT_BACKTRACE=enable=no
export KG_FUZZ_ONTOLOGY="$root/Ontology"
export KG_CACHE_DIR="$work/lexicon-cache"
symbolizer=$(dirname "$(command -v swift)")/llvm-symbolizer
[ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"

# --- seeds ------------------------------------------------------------------------------------
# Copies regular files of at most 1 MiB (larger ones would only be cut to max_len) into $1.
copy_seeds() {
    local into=$1
    shift
    local file
    for file in "$@"; do
        [ -f "$file" ] && [ ! -L "$file" ] && [ -r "$file" ] || continue
        [ "$(stat -c %s "$file")" -le 1048576 ] || continue
        cp "$file" "$into/$(echo "$file" | tr '/' '_')"
    done
}

make_seeds() {
    local name=$1 into=$2
    rm -rf "$into"
    mkdir -p "$into"
    shopt -s nullglob globstar
    case $name in
        turtle) copy_seeds "$into" Tests/W3C/rdf-turtle/*.ttl Ontology/*.ttl Output/*.ttl ;;
        trig) copy_seeds "$into" Tests/W3C/rdf-trig/*.trig Output/*.trig ;;
        ntriples) copy_seeds "$into" Tests/W3C/rdf-n-triples/*.nt Tests/W3C/rdf-turtle/*.nt Tests/W3C/rdf-xml/**/*.nt Output/*.nt ;;
        nquads) copy_seeds "$into" Tests/W3C/rdf-n-quads/*.nq Tests/W3C/rdf-trig/*.nq Tests/W3C/rdf-canon/**/*.nq ;;
        rdfxml) copy_seeds "$into" Tests/W3C/rdf-xml/**/*.rdf Output/*.rdf ;;
        extract)
            copy_seeds "$into" Tests/DevSet/texts/*.txt seeds/*.txt
            local hostile
            hostile=$(mktemp -d)
            # Small "huge" files: the fuzzer cuts inputs to max_len anyway.
            python3 Tests/Hostile/make-hostile-corpus.py "$hostile/corpus" --seeds seeds --huge-mb 0.05 >/dev/null
            local file
            while IFS= read -r -d '' file; do
                cp "$file" "$into/hostile_$(echo "${file#"$hostile/corpus/"}" | tr '/' '_')" 2>/dev/null || true
            done < <(find "$hostile/corpus" -type f -print0)
            chmod -R u+rwX "$hostile"
            rm -rf "$hostile"
            ;;
    esac
    shopt -u nullglob globstar
    local count
    count=$(find "$into" -type f | wc -l)
    if [ "$count" -eq 0 ]; then
        echo "fuzz.sh: no seed files for $name (looked in Tests/W3C, Tests/DevSet, seeds)" >&2
        exit 2
    fi
    echo "$count"
}

# --- run --------------------------------------------------------------------------------------
summary=$work/summary.txt
failed=()
for name in "${selected[@]}"; do
    binary=$bin/fuzz-$name
    if [ ! -x "$binary" ]; then
        echo "fuzz.sh: the build made no $binary" >&2
        exit 2
    fi
    corpus=$work/corpus/$name seeds=$work/seeds/$name artifacts=$work/artifacts/$name log=$work/logs/$name.log
    mkdir -p "$corpus" "$artifacts" "$work/logs"
    seed_count=$(make_seeds "$name" "$seeds")
    dictionary=Fuzz/dictionaries/$name.dict
    case $name in trig) dictionary=Fuzz/dictionaries/turtle.dict ;; nquads) dictionary=Fuzz/dictionaries/ntriples.dict ;; esac
    max_len=${KG_FUZZ_MAX_LEN:-65536}
    [ "$name" = extract ] && max_len=${KG_FUZZ_MAX_LEN:-16384}
    before=$(find "$artifacts" -type f | wc -l)
    echo "== fuzzing $name for $seconds s ($seed_count seeds, corpus $corpus, artifacts $artifacts, log $log)"
    status=0
    nice -n "$niceness" "$binary" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=1 -max_len="$max_len" \
        -dict="$dictionary" -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" \
        "$corpus" "$seeds" >"$log" 2>&1 || status=$?
    after=$(find "$artifacts" -type f | wc -l)
    if grep -q "cannot load the ontology folder" "$log"; then
        grep "cannot load the ontology folder" "$log" >&2
        exit 2
    fi
    # The coverage counters must be there: a build without them would "fuzz" blind and find nothing.
    if ! grep -Eq 'INFO: Loaded [0-9]+ modules +\([1-9][0-9]* inline 8-bit counters\)' "$log"; then
        tail -n 20 "$log" >&2
        echo "fuzz.sh: fuzz-$name has no coverage instrumentation (see $log): the build is wrong" >&2
        exit 2
    fi
    stat_of() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
    executions=$(stat_of number_of_executed_units)
    speed=$(stat_of average_exec_per_sec)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
    coverage=$(echo "$last" | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+' || true)
    features=$(echo "$last" | grep -oE 'ft: [0-9]+' | grep -oE '[0-9]+' || true)
    corpus_size=$(echo "$last" | grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' | sed 's/corp: //' || true)
    if [ "$status" -eq 0 ] && [ "$after" -eq "$before" ]; then
        result=ok
    else
        result="FINDING (exit $status)"
        failed+=("$name")
    fi
    line=$(printf '%s %-8s %5ss  executions %-9s exec/s %-6s cov %-6s ft %-7s corpus %-12s %s' \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" "$seconds" "${executions:-?}" "${speed:-?}" "${coverage:-?}" "${features:-?}" "${corpus_size:-?}" "$result")
    echo "$line" | tee -a "$summary"
    if [ "$result" != ok ]; then
        grep -E 'ERROR: libFuzzer|ERROR: AddressSanitizer|ERROR: LeakSanitizer|Fatal error|SUMMARY' "$log" | head -n 5 >&2 || true
        grep -E 'Test unit written to' "$log" >&2 || find "$artifacts" -type f -newer "$seeds" >&2
        echo "   log: $log" >&2
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: findings in: ${failed[*]} (artifacts under $work/artifacts)" >&2
    exit 1
fi
echo "fuzz.sh: no findings (${selected[*]}: $seconds s each)"
