#!/usr/bin/env bash
# Sets up a fresh machine and runs every test, hermetically (loopback only):
#   1. Swift unit and integration tests (swift test),
#   2. the Lua test scripts limn runs itself (tests/lua, offline provider),
#   3. the regression suite replayed from its recordings (scripts/regress, no network),
#   4. command-line tests: real processes, the fake router, a pseudo-terminal (tests/cli).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The HTML report's browser test needs chromium and Playwright; without them it skips, saying why.
scripts/setup-browser.sh || echo "limn test: warning: chromium or Playwright could not be installed; the browser test will skip" >&2
swift build --build-tests
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
swift test --skip-build --parallel 2>&1 | tee "$home/swift-test.log"
bin=$(swift build --show-bin-path)
export LIMN_HOME="$home"
unset LIMN_BASE_URL LIMN_API_KEY OPENAI_BASE_URL OPENAI_API_KEY
echo "== Lua tests (tests/lua, offline provider)"
"$bin/limn" test tests/lua --out "$home/lua-out" | tee "$home/lua.log"
echo "== regression suite (scripts/regress, replayed)"
"$bin/limn" test scripts/regress --replay --out "$home/regress-out" --junit "$home/regress.xml" | tee "$home/regress.log"
echo "== command-line tests (tests/cli)"
tests/cli/run_all.sh | tee "$home/cli.log"

# One closing line over every stage (each stage above already failed the script on any failure).
swift_tests=$(grep -oE "Test run with [0-9]+ tests" "$home/swift-test.log" | grep -oE "[0-9]+" | tail -1)
lua_tests=$(tail -1 "$home/lua.log" | grep -oE "^[0-9]+")
regress_tests=$(tail -1 "$home/regress.log" | grep -oE "^[0-9]+")
cli_tests=$(grep -cE "^ok " "$home/cli.log")
echo "swift $swift_tests, lua $lua_tests, regress $regress_tests, cli $cli_tests"
echo "$((swift_tests + lua_tests + regress_tests + cli_tests)) passed, 0 failed"
