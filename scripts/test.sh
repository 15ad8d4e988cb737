#!/usr/bin/env bash
# Sets up a fresh machine and runs every test, hermetically (loopback only):
#   1. Swift unit and integration tests (swift test),
#   2. the Lua test scripts limn runs itself (tests/lua, offline provider),
#   3. the regression suite replayed from its recordings (scripts/regress, no network),
#   4. command-line tests: real processes, the fake router, a pseudo-terminal (tests/cli).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build --parallel
bin=$(swift build --show-bin-path)
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export LIMN_HOME="$home"
unset LIMN_BASE_URL LIMN_API_KEY OPENAI_BASE_URL OPENAI_API_KEY
echo "== Lua tests (tests/lua, offline provider)"
"$bin/limn" test tests/lua --out "$home/lua-out"
echo "== regression suite (scripts/regress, replayed)"
"$bin/limn" test scripts/regress --replay --out "$home/regress-out" --junit "$home/regress.xml"
echo "== command-line tests (tests/cli)"
tests/cli/run_all.sh
echo "== all test stages passed"
