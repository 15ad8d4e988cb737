#!/usr/bin/env bash
# Sets up a fresh machine and runs the watercolor recipe end to end on the offline provider.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "limn demo: building (the first build takes a few minutes)..." >&2
swift build --product limn >&2
limn=$(swift build --show-bin-path)/limn
[ -x "$limn" ] || { echo "limn demo: the build failed; run 'swift build' to see why" >&2; exit 1; }
out=${1:-out/demo}
env -u LIMN_BASE_URL -u LIMN_API_KEY -u OPENAI_BASE_URL -u OPENAI_API_KEY \
  "$limn" run scripts/recipes/watercolor.lua --out "$out"
echo "limn demo: the images are in $out/: $(cd "$out" && ls *.png | tr '\n' ' ')" >&2
