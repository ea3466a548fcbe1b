#!/usr/bin/env bash
# Installs kg so that it runs from any folder:
#   PREFIX/bin/kg                 the release build
#   PREFIX/share/kg/Ontology/     the default ontology (core.ttl, shapes.ttl, rules/, lexicons/, pipeline.txt)
# kg finds the ontology beside itself (../share/kg/Ontology); --ontology DIR or KG_ONTOLOGY
# still override it.
#
# Usage: Scripts/install.sh [PREFIX]      (default ~/.local; put PREFIX/bin on your PATH)
#   KG_BINARY=path/to/kg Scripts/install.sh PREFIX   installs that binary instead of building one
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
prefix="${1:-$HOME/.local}"
binary="${KG_BINARY:-}"
if [ -z "$binary" ]; then
  swift build -c release --product kg
  binary="$(swift build -c release --show-bin-path)/kg"
fi
[ -x "$binary" ] || { echo "install.sh: no kg binary at $binary" >&2; exit 2; }
mkdir -p "$prefix/bin" "$prefix/share/kg"
# Copy into place under temporary names, then rename, so a running kg never sees half a file.
cp "$binary" "$prefix/bin/.kg.installing"
mv -f "$prefix/bin/.kg.installing" "$prefix/bin/kg"
rm -rf "$prefix/share/kg/.Ontology.installing"
cp -R Ontology "$prefix/share/kg/.Ontology.installing"
rm -rf "$prefix/share/kg/Ontology"
mv "$prefix/share/kg/.Ontology.installing" "$prefix/share/kg/Ontology"
echo "installed $prefix/bin/kg and $prefix/share/kg/Ontology"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add $prefix/bin to your PATH to run kg from anywhere" ;;
esac
