#!/usr/bin/env bash
# Sets up a fresh machine and runs every test: Swift unit tests, then the Lua test
# scripts that limn itself runs (tests/lua), all hermetic (loopback only).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build --parallel
limn=$(swift build --show-bin-path)/limn
env -u LIMN_BASE_URL -u LIMN_API_KEY -u OPENAI_BASE_URL -u OPENAI_API_KEY \
  "$limn" test tests/lua --out "$(mktemp -d)"
