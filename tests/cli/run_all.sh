#!/usr/bin/env bash
# Runs the command-line tests (real processes, a fake router on loopback, a pseudo-terminal).
set -euo pipefail
cd "$(dirname "$0")"
failed=0
for t in *_test.py; do
  # The install test builds the release configuration from scratch on a fresh clone.
  limit=600
  [ "$t" = install_test.py ] && limit=1800
  if ! timeout "$limit" python3 "$t"; then echo "FAIL $t"; failed=$((failed + 1)); fi
done
[ "$failed" -eq 0 ]
