#!/usr/bin/env bash
# A short bounded pass of every fuzz target (fuzz/README.md): the committed corpus is run
# first, then each target fuzzes for FUZZ_SECONDS (default 45) with the limits the long runs
# use. Exits non-zero on any finding (panic, input over 2 s, memory over 2 GB); the input is
# left in fuzz/artifacts/<target>/. Not part of scripts/test.sh (CI has no time for it).
#   bash scripts/fuzz-short.sh              # every target, 45 s each
#   FUZZ_SECONDS=10 bash scripts/fuzz-short.sh exchange templates
# Needs the nightly toolchain (rustup toolchain install nightly); installs cargo-fuzz if missing.
# New inputs go to a temporary folder, so the committed corpus is not changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/fuzz"

SECONDS_EACH="${FUZZ_SECONDS:-45}"
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(exchange old_policy pdf_layout templates excel)
fi

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz-short: the nightly toolchain is missing (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz-short: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# Two sqlite builds are linked into the targets that reach the store; ASan's ODR check
# would stop on them before the first input.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_odr_violation=0}"
# 2 s per input is the bound; the instrumented build (ASan, coverage, overflow checks) is
# several times slower than the app, so on a loaded machine raise it: FUZZ_TIMEOUT=10.
LIMITS=(-timeout="${FUZZ_TIMEOUT:-2}" -rss_limit_mb=2048 -malloc_limit_mb=2048)
echo "=== building the fuzz targets (fuzz/target)"
for t in "${TARGETS[@]}"; do
  nice -n 19 cargo +nightly fuzz build "$t"
done
failed=()
for t in "${TARGETS[@]}"; do
  scratch="$(mktemp -d)"
  log="$scratch/fuzz.log"
  echo "=== $t: corpus, then ${SECONDS_EACH} s"
  if nice -n 19 cargo +nightly fuzz run "$t" "$scratch" "corpus/$t" -- \
      "${LIMITS[@]}" -max_total_time="$SECONDS_EACH" -print_final_stats=1 >"$log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done ' "$log" || true
  else
    echo "fuzz-short: $t found something (input in fuzz/artifacts/$t/):" >&2
    grep -E 'ERROR: libFuzzer|panicked at|SUMMARY|Test unit written to' "$log" >&2 || tail -n 30 "$log" >&2
    failed+=("$t")
  fi
  rm -rf "$scratch"
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz-short: findings in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz-short: no findings in ${TARGETS[*]}"
