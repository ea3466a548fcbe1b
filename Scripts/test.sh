#!/usr/bin/env bash
# The project's test command: installs what the tests need when it is missing, builds once,
# runs every test, then checks that the committed Output/ is what the code produces now.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing_debs=()
command -v rapper >/dev/null 2>&1 || missing_debs+=(raptor2-utils)
command -v serdi >/dev/null 2>&1 || missing_debs+=(serdi)
command -v pkg-config >/dev/null 2>&1 || missing_debs+=(pkg-config)
[ -f /usr/include/libxml2/libxml/xmlwriter.h ] || missing_debs+=(libxml2-dev)
command -v python3 >/dev/null 2>&1 || missing_debs+=(python3)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing_debs+=(python3-venv)
command -v java >/dev/null 2>&1 || missing_debs+=(openjdk-17-jre-headless)
# Headless Chromium renders kg report's page in the report tests (DOM and screenshot).
command -v chromium >/dev/null 2>&1 || missing_debs+=(chromium)
if [ ${#missing_debs[@]} -gt 0 ]; then
  echo "== installing ${missing_debs[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_debs[@]}" >/dev/null
fi

# The Python tools (rdflib, pyoxigraph, the oxigraph server) go into a virtual environment of
# the repository's own, pinned in Tests/requirements.txt, so no root and no system-wide pip
# (which PEP 668 refuses) is needed. Reinstalled only when the requirements change.
venv=.venv-test
if [ ! -x "$venv/bin/python3" ]; then
  echo "== creating $venv"
  python3 -m venv "$venv"
fi
if ! cmp -s Tests/requirements.txt "$venv/requirements.installed"; then
  echo "== installing Tests/requirements.txt into $venv"
  "$venv/bin/python3" -m pip install -q --disable-pip-version-check -r Tests/requirements.txt
  cp Tests/requirements.txt "$venv/requirements.installed"
fi
# The tests find python3 and oxigraph on PATH: the environment's come first.
export PATH="$PWD/$venv/bin:$PATH"

echo "== building"
swift build --build-tests

echo "== testing"
swift test --skip-build

echo "== checking that Output/ is current"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
kg=.build/debug/kg
"$kg" extract seeds --out "$fresh" --quiet
stale=0
for file in Output/*; do
  name=$(basename "$file")
  [ -f "$fresh/$name" ] || continue
  case "$name" in
    *.ttl|*.rdf|*.nt|*.trig|*.nq|*.jsonld) ;;
    *)  # not a graph (manifest.tsv): the bytes must match
      if ! cmp -s "$file" "$fresh/$name"; then
        echo "Output/$name is stale:"
        diff "$file" "$fresh/$name" | head -n 30 || true
        stale=1
      fi
      continue ;;
  esac
  if ! "$kg" diff "$file" "$fresh/$name" >"$fresh/$name.diff"; then
    echo "Output/$name is stale: the extractor now produces a different graph:"
    head -n 50 "$fresh/$name.diff"
    stale=1
  elif ! cmp -s "$file" "$fresh/$name"; then
    echo "Output/$name holds the same graph but not the same bytes as a fresh run."
    stale=1
  fi
done
# The report is made from the fresh graphs with the seeds' gold; it must be the committed bytes.
"$kg" report "$fresh" --gold Tests/Gold/seeds --out "$fresh/report.html"
if ! cmp -s Output/report.html "$fresh/report.html"; then
  echo "Output/report.html is stale: kg report on a fresh extract writes other bytes:"
  diff Output/report.html "$fresh/report.html" | head -n 30 || true
  stale=1
fi
if [ "$stale" != 0 ]; then
  echo "Regenerate with: swift run -c release kg extract seeds --out Output"
  echo "  and swift run -c release kg report Output --gold Tests/Gold/seeds --out Output/report.html (and commit Output/)."
  exit 1
fi
echo "Output/ is current."

echo "== extraction scores"
"$kg" evaluate --gold Tests/Gold/seeds Output/graph.nt --summary
"$kg" extract Tests/DevSet/texts --out "$fresh/dev" --quiet
"$kg" evaluate --gold Tests/DevSet/gold "$fresh/dev/graph.nt" --summary
"$kg" extract Tests/HoldOut/texts --out "$fresh/holdout" --quiet
"$kg" evaluate --gold Tests/HoldOut/gold "$fresh/holdout/graph.nt" --summary

# Fuzzing: each libFuzzer target (the five readers, extraction) for a bounded time with
# AddressSanitizer; a crash, hang, leak or output that does not read back fails the run.
# KG_FUZZ_SECONDS per target (default 60; 0 skips). A toolchain that cannot build the fuzz
# targets fails here, loudly: it is not skipped.
fuzz_seconds=${KG_FUZZ_SECONDS:-60}
if [ "$fuzz_seconds" = 0 ]; then
  echo "== fuzzing skipped (KG_FUZZ_SECONDS=0)"
else
  echo "== fuzzing each target for $fuzz_seconds s (KG_FUZZ_SECONDS; 0 skips)"
  # A fresh corpus each time (from the seeds), so the time stays bounded; findings stay in
  # .build-fuzz/ci/artifacts until the next run.
  rm -rf .build-fuzz/ci
  KG_FUZZ_DIR=.build-fuzz/ci bash Scripts/fuzz.sh all "$fuzz_seconds"
fi
