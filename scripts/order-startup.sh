#!/usr/bin/env bash
# Regenerates Sources/limn/startup.order, the list of functions the release link lays out first
# (Package.swift, docs/performance.md "Start-up: code layout").
#
# It runs the release binary under callgrind, which sees every function executed, on three
# runs: `limn --version`, an empty recipe, and the watercolor recipe on the offline provider
# (generate, edit, save). The functions of the first two come first, then the rest of the third's.
# A name the code no longer has is skipped by the linker, and a new function merely lands
# after the listed ones, so a stale list costs a little start-up, never a build; rerun this
# after large changes and commit the result.
#
#     scripts/order-startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if ! command -v valgrind >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q valgrind >/dev/null; else sudo apt-get install -y -q valgrind >/dev/null; fi
fi
swift build -c release --static-swift-stdlib >/dev/null
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)/limn

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind cannot read the DWARF 5 the toolchain writes; the symbol table is all it needs.
cp "$bin" "$work/limn"
strip --strip-debug "$work/limn"
export LIMN_HOME="$work/home"
unset LIMN_BASE_URL LIMN_API_KEY OPENAI_BASE_URL OPENAI_API_KEY

profile() {
  local name=$1; shift
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/$name.out" "$work/limn" "$@" \
    >/dev/null 2>"$work/$name.log" || { cat "$work/$name.log" >&2; exit 1; }
  # "Ir  file:function [object]" lines of our binary, hottest first; 'N marks a recursion depth.
  callgrind_annotate --threshold=100 "$work/$name.out" \
    | sed -nE "s|^ *[0-9,]+ \([ 0-9.]+%\)  [^:]*:([^ ]+) \[$work/limn\]\$|\1|p" \
    | sed -E "s/'[0-9]+\$//"
}

{
  profile version --version
  profile empty run scripts/bench/empty.lua --quiet
  profile watercolor run scripts/recipes/watercolor.lua --quiet --out "$work/out"
} | awk '!seen[$0]++' > "$work/startup.order"

count=$(wc -l < "$work/startup.order")
[ "$count" -gt 500 ] || { echo "order-startup: only $count functions found; callgrind output changed?" >&2; exit 1; }
mv "$work/startup.order" Sources/limn/startup.order
# The link does not depend on the file as far as the build system knows: remove the binary so
# that the next release build links it again.
rm -f "$bin"
echo "order-startup: $count functions in Sources/limn/startup.order; the next release build links with them" >&2
