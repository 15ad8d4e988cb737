#!/usr/bin/env bash
# Re-records the regression suite's recordings against the repo's fake router (loopback only).
# The key used is a dummy; recordings never contain keys (the test suite scans them).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product limn --product limn-fake-router >/dev/null
bin=$(swift build --show-bin-path)
tmp=$(mktemp -d)
key="sk-regress-$(printf 'recording-key-%06d' 0)"   # a dummy, built so no key-like literal sits in the repo
answers=()
for shape in images-stream multipart multipart-url multipart-base64 markdown-url task-text-en message-images \
             chat-stream chat-stream-images gemini-inline-snake gemini-text gemini-text-url gemini-stream; do
  answers+=(--answer "shape-$shape=$shape")
done
"$bin/limn-fake-router" --key "$key" "${answers[@]}" > "$tmp/url" &
router=$!
trap 'kill $router 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/url" ] && break; sleep 0.1; done
rm -rf scripts/regress/recordings
env -u OPENAI_BASE_URL -u OPENAI_API_KEY LIMN_HOME="$tmp/home" LIMN_BASE_URL="$(head -1 "$tmp/url")" \
  LIMN_API_KEY="$key" "$bin/limn" test scripts/regress --record --out "$tmp/out"
echo "recorded into scripts/regress/recordings/" >&2
