#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (with AddressSanitizer) and runs them.
#
#   scripts/fuzz.sh                 every target, 1,000,000 executions each
#   scripts/fuzz.sh FuzzPNG 5e6     one target (the name with or without "Fuzz"), any count
#   scripts/fuzz.sh PNG,GIF         several, comma-separated
#   FUZZ_SECONDS=600 scripts/fuzz.sh   also stop each target after that many seconds
#
# Each target's corpus starts from the repo's fixtures (router answers, images, cassettes,
# limn.toml seeds in Fuzz/Seeds) and grows in Fuzz/.build/corpus/TARGET across runs. An input
# that crashes or breaks a target's checks is saved in Fuzz/.build/findings/ and the script
# exits non-zero; replay one with `Fuzz/.build/release/TARGET FILE`. Not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

all=(FuzzJSON FuzzShapes FuzzDataURI FuzzMultipart FuzzPNG FuzzJPEG FuzzWebP FuzzGIF FuzzConfig FuzzCassette FuzzBodyCollector)
want=${1:-all}
runs=${2:-1000000}
runs=$(python3 -c "print(int(float('$runs')))")
if [ "$want" = all ]; then
  targets=("${all[@]}")
else
  targets=()
  for name in ${want//,/ }; do
    [[ $name == Fuzz* ]] || name="Fuzz$name"
    printf '%s\n' "${all[@]}" | grep -qx "$name" || { echo "fuzz.sh: no target '$name' (targets: ${all[*]})" >&2; exit 2; }
    targets+=("$name")
  done
fi

scripts/setup.sh
echo "fuzz.sh: building the fuzz targets (release, -sanitize=fuzzer,address)" >&2
# lld: gold cannot link libFuzzer's runtime into Swift executables.
(cd Fuzz && swift build -c release \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -use-ld=lld \
  -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' >&2)
bin=$root/Fuzz/.build/release
work=$root/Fuzz/.build

fixtures=Tests/LimnRouterTests/Fixtures
# seeds TARGET: prints the seed files for TARGET, one per line.
seeds() {
  case $1 in
    FuzzJSON|FuzzShapes|FuzzDataURI|FuzzBodyCollector) ls $fixtures/shapes/* $fixtures/openapi-subset.json ;;
    FuzzMultipart) ls Fuzz/Seeds/multipart/* ;;
    FuzzPNG) ls $fixtures/*.png scripts/regress/recordings/*/bodies/*.png docs/report.png ;;
    FuzzJPEG) ls $fixtures/*.jpg ;;
    FuzzWebP) ls $fixtures/*.webp ;;
    FuzzGIF) ls Fuzz/Seeds/gif/* ;;
    FuzzConfig) ls Fuzz/Seeds/config/* ;;
    FuzzCassette) ls scripts/regress/recordings/*/index.jsonl ;;
  esac
}

# The largest input each target tries: images need room for their fixtures, text targets stay
# small enough to mutate quickly.
max_len() {
  case $1 in
    FuzzPNG|FuzzJPEG|FuzzWebP) echo 65536 ;;
    FuzzShapes|FuzzDataURI|FuzzCassette|FuzzBodyCollector) echo 16384 ;;
    *) echo 8192 ;;
  esac
}

mkdir -p "$work/findings"
# Leaks count as findings, except the reports scripts/sanitize/lsan.supp explains; Swift's own
# crash backtracer is off (under ASan it can hang after a finding has been saved).
export LSAN_OPTIONS=suppressions=$root/scripts/sanitize/lsan.supp:print_suppressions=0
export SWIFT_BACKTRACE=enable=no
failed=()
summary=()
for t in "${targets[@]}"; do
  corpus=$work/corpus/$t
  seeddir=$work/seeds/$t
  rm -rf "$seeddir"; mkdir -p "$corpus" "$seeddir"
  i=0
  while read -r f; do cp "$f" "$seeddir/$i-$(basename "$f")"; i=$((i + 1)); done < <(seeds "$t")
  if [ "$t" = FuzzConfig ]; then
    # The TOML conformance cases, one document per seed.
    i=$((i + $(python3 -c 'import json, sys
cases = json.load(open("Tests/LimnConfigTests/Fixtures/toml-cases.json"))
for n, case in enumerate(cases):
    open(f"{sys.argv[1]}/case-{n}.toml", "w").write(case["toml"])
print(len(cases))' "$seeddir")))
  fi
  log=$work/findings/$t.log
  echo "fuzz.sh: $t: $runs executions from $i seeds (log: ${log#$root/})" >&2
  extra=()
  [ -n "${FUZZ_SECONDS:-}" ] && extra+=(-max_total_time="$FUZZ_SECONDS")
  set +e
  "$bin/$t" -runs="$runs" -max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$work/findings/$t-" "${extra[@]}" \
    "$corpus" "$seeddir" >"$log" 2>&1
  rc=$?
  set -e
  # After a crash libFuzzer prints no final figures: each may be missing.
  executed=$(grep -a 'stat::number_of_executed_units' "$log" | tail -1 | awk '{print $2}' || true)
  seconds=$(grep -a -o 'Done [0-9]* runs in [0-9]* second' "$log" | awk '{print $5}' || true)
  cov=$(grep -a -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}' || true)
  if [ $rc -ne 0 ]; then
    failed+=("$t")
    grep -a -m3 -E 'fuzz finding|ERROR: AddressSanitizer|ERROR: libFuzzer|Fatal error|SUMMARY' "$log" >&2 || true
    summary+=("$(printf '%-14s %12s %8s %6s  FINDING (exit %d): %s' "$t" "${executed:-?}" "${seconds:-?}" "${cov:-?}" $rc \
      "$(ls -t "$work/findings/$t-"* 2>/dev/null | grep -v '\.log$' | head -1 | sed "s|$root/||")")")
  else
    summary+=("$(printf '%-14s %12s %8s %6s  no finding' "$t" "$executed" "${seconds:-?}" "${cov:-?}")")
  fi
done

printf '\n%-14s %12s %8s %6s  %s\n' target executions seconds edges result
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: findings in ${failed[*]}; each becomes a regression test once fixed" >&2
  exit 1
fi
