#!/usr/bin/env bash
# Release profile measurement: the size of the release `hoshin-app` and the PDF export
# time of the release CLI, for each variant named on the command line:
#   3 / s      opt-level 3 or "s" at the profile level (Cargo.toml's per-package overrides still apply)
#   toml       Cargo.toml's [profile.release] as it is (with its per-package overrides)
# Each build goes to its own target directory.
#   bash scripts/measure-release.sh [RUNS] [TARGET_BASE] [VARIANT …]   (default: 21, 3 s toml)
# Needs the UI built (cd ui && npm run build). Takes a while: one LTO build per variant
# (about 25 minutes each on a 2-core machine).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-21}"
BASE="${2:-$ROOT/target/measure}"
shift $(( $# > 2 ? 2 : $# ))
VARIANTS=("$@")
[ ${#VARIANTS[@]} -gt 0 ] || VARIANTS=(3 s toml)
cd "$ROOT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Build every variant first (all from this same tree, so the built-in samples are the same),
# then time them in rounds, one variant after another within a round, so a busy moment of
# the machine falls on all of them alike.
declare -A BUILD_S
for opt in "${VARIANTS[@]}"; do
  T="$BASE/opt-$opt"
  t0=$(now)
  if [ "$opt" = toml ]; then
    CARGO_TARGET_DIR="$T" cargo build --release --locked -q -p hoshin-app --features tauri/custom-protocol -p hoshin-cli
  else
    CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" CARGO_TARGET_DIR="$T" \
      cargo build --release --locked -q -p hoshin-app --features tauri/custom-protocol -p hoshin-cli
  fi
  BUILD_S[$opt]=$(echo "$(now) - $t0" | bc)
  DATA="$WORK/data-$opt"
  for s in town-8000 city-300000 prefecture; do
    "$T/release/hoshin" --data-dir "$DATA" new --from-sample "$s" >> "$WORK/ids-$opt"
  done
done
for _ in $(seq "$RUNS"); do
  for opt in "${VARIANTS[@]}"; do
    CLI="$BASE/opt-$opt/release/hoshin"
    t0=$(now)
    while read -r id; do
      "$CLI" --data-dir "$WORK/data-$opt" export "$id" --format pdf --appendix -o "$WORK/out.pdf" 2>/dev/null
    done < "$WORK/ids-$opt"
    echo "$(echo "$(now) - $t0" | bc)" >> "$WORK/times-$opt"
  done
done
printf '%-8s %14s %14s %12s\n' "opt" "hoshin-app (B)" "hoshin CLI (B)" "pdf time (s)"
for opt in "${VARIANTS[@]}"; do
  T="$BASE/opt-$opt"
  t=$(median < "$WORK/times-$opt")
  printf '%-8s %14d %14d %12.3f   (build %.0f s)\n' "$opt" "$(stat -c %s "$T/release/hoshin-app")" "$(stat -c %s "$T/release/hoshin")" "$t" "${BUILD_S[$opt]}"
done
