#!/usr/bin/env bash
# Runs the Swift test suite under AddressSanitizer (LeakSanitizer included) and, separately,
# under ThreadSanitizer; and runs scripts/sanitize/bindings.lua (100,000 Lua -> Swift binding
# calls, 10,000 errors through pcall) under the ASan build, which checks leaks at exit and
# that RSS stays flat.
#
#   scripts/sanitize.sh            both
#   scripts/sanitize.sh address    AddressSanitizer + leaks + the binding loop
#   scripts/sanitize.sh thread     ThreadSanitizer
#
# Builds go to .build/asan and .build/tsan (a cold build takes several minutes each).
# Not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

which=${1:-all}
scripts/setup.sh

# Swift's tests with a sanitizer; extra swift-test arguments after the sanitizer name.
run_tests() {
  local sanitizer=$1 path=$2
  echo "sanitize.sh: building the tests with -sanitize=$sanitizer ($path)" >&2
  swift build --build-tests --sanitize="$sanitizer" --build-path "$path" 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' >&2
  echo "sanitize.sh: swift test under $sanitizer" >&2
  swift test --skip-build --sanitize="$sanitizer" --build-path "$path" 2>&1 | tee "$path/test.log" | grep -E '^(✘|✔ Test run|Test Suite .All tests)|SUMMARY|WARNING: ThreadSanitizer|ERROR: AddressSanitizer|ERROR: LeakSanitizer' || true
  if grep -qE 'ERROR: AddressSanitizer|ERROR: LeakSanitizer|WARNING: ThreadSanitizer|SUMMARY: (Address|Thread|Leak)Sanitizer' "$path/test.log"; then
    echo "sanitize.sh: $sanitizer found problems; see $path/test.log" >&2
    return 1
  fi
  grep -qE '✔ Test run with [0-9]+ tests .*passed' "$path/test.log" || { echo "sanitize.sh: tests failed under $sanitizer; see $path/test.log" >&2; return 1; }
  grep -aE '^✔ Test run with' "$path/test.log" | tail -1
}

if [ "$which" = all ] || [ "$which" = address ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
  # Reports that are not leaks in Limn, each with its reason; anything else fails the run.
  export LSAN_OPTIONS=suppressions=$PWD/scripts/sanitize/lsan.supp:print_suppressions=0
  export SWIFT_BACKTRACE=enable=no
  run_tests address .build/asan
  echo "sanitize.sh: 100,000 binding calls and 10,000 pcall errors under AddressSanitizer" >&2
  .build/asan/debug/limn run --quiet scripts/sanitize/bindings.lua -- 100000 10000 leaks-only 2>&1 | tee .build/asan/bindings.log
  if grep -qE 'ERROR: (Address|Leak)Sanitizer' .build/asan/bindings.log || ! grep -q '^ok' .build/asan/bindings.log; then
    echo "sanitize.sh: the binding loop leaks or corrupts memory; see .build/asan/bindings.log" >&2
    exit 1
  fi
  echo "sanitize.sh: the same loop on the plain build, RSS must stay flat" >&2
  swift build 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' >&2
  .build/debug/limn run --quiet scripts/sanitize/bindings.lua -- 100000 10000
fi

if [ "$which" = all ] || [ "$which" = thread ]; then
  export TSAN_OPTIONS=halt_on_error=0:second_deadlock_stack=1
  export SWIFT_BACKTRACE=enable=no
  run_tests thread .build/tsan
fi
echo "sanitize.sh: clean" >&2
