#!/usr/bin/env bash
# Runs the command-line tests (real processes, a fake router on loopback, a pseudo-terminal).
set -euo pipefail
cd "$(dirname "$0")"
failed=0
for t in *_test.py; do
  if ! timeout 600 python3 "$t"; then echo "FAIL $t"; failed=$((failed + 1)); fi
done
[ "$failed" -eq 0 ]
