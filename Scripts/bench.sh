#!/usr/bin/env bash
# Benchmarks. Not part of the test suite: timings depend on the machine, so CI never runs them.
#
#   bash Scripts/bench.sh rdf        # kg convert/diff/canonicalize against serdi, rapper, rdflib (Scripts/bench-rdf.sh)
#   bash Scripts/bench.sh extract    # kg extract on a generated text corpus, against spaCy NER (Scripts/bench-extract.sh)
#   bash Scripts/bench.sh scale      # kg extract's memory at 20 and 200 MiB and a re-run after one change (Scripts/bench-scale.sh)
#   bash Scripts/bench.sh            # same as `rdf`, for compatibility
#
# Each benchmark's own file lists the environment variables it reads.
set -euo pipefail
here=$(dirname "$0")
case "${1:-rdf}" in
  rdf) shift $(( $# > 0 ? 1 : 0 )); exec bash "$here/bench-rdf.sh" "$@" ;;
  extract) shift; exec bash "$here/bench-extract.sh" "$@" ;;
  scale) shift; exec bash "$here/bench-scale.sh" "$@" ;;
  -h|--help) sed -n '2,9s/^# \{0,1\}//p' "$0" ;;
  *) echo "bench: unknown benchmark '$1' (rdf, extract or scale)" >&2; exit 64 ;;
esac
