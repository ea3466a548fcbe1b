# Shared by the benchmark scripts (sourced, not run): the tools they need, and a release build
# made only when a source is newer than the binary.
#   bench_require_tools TOOL…   exits 2 naming the first missing tool
#   bench_build_release         builds .build/release/kg under the shared build lock unless
#                               BENCH_KG names another binary or the binary is current

bench_require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (apt-get install time coreutils util-linux gawk)" >&2; exit 2; }
  done
}

# Builds share the machine, so the build takes the lock. BENCH_KG=PATH times that binary instead,
# and never builds.
bench_build_release() {
  if [ -z "${BENCH_KG:-}" ] && { [ ! -x "$KG" ] || [ -n "$(find Sources Package.swift -newer "$KG" -print -quit)" ]; }; then
    echo "== building release" >&2
    flock /tmp/kg-build.lock swift build -c release >/dev/null
  fi
}
