#!/usr/bin/env bash
# Release profile measurement: the size of the release `hoshin-app` and the PDF export
# time of the release CLI, for each variant named on the command line:
#   3 / s      opt-level 3 or "s" at the profile level (Cargo.toml's per-package overrides still apply)
#   toml       Cargo.toml's [profile.release] as it is (with its per-package overrides)
# Each build goes to its own target directory.
#   bash scripts/measure-release.sh [RUNS] [TARGET_BASE] [VARIANT …]   (default: 3 s toml)
# Needs the UI built (cd ui && npm run build). Takes a while: two LTO builds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-7}"
BASE="${2:-$ROOT/target/measure}"
shift $(( $# > 2 ? 2 : $# ))
VARIANTS=("$@")
[ ${#VARIANTS[@]} -gt 0 ] || VARIANTS=(3 s toml)
cd "$ROOT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-8s %14s %14s %12s\n' "opt" "hoshin-app (B)" "hoshin CLI (B)" "pdf time (s)"
for opt in "${VARIANTS[@]}"; do
  T="$BASE/opt-$opt"
  t0=$(now)
  if [ "$opt" = toml ]; then
    CARGO_TARGET_DIR="$T" cargo build --release --locked -q -p hoshin-app --features tauri/custom-protocol -p hoshin-cli
  else
    CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" CARGO_TARGET_DIR="$T" \
      cargo build --release --locked -q -p hoshin-app --features tauri/custom-protocol -p hoshin-cli
  fi
  build_s=$(echo "$(now) - $t0" | bc)
  APP="$T/release/hoshin-app"; CLI="$T/release/hoshin"
  DATA="$WORK/data-$opt"
  ids=()
  for s in town-8000 city-300000 prefecture; do
    ids+=("$("$CLI" --data-dir "$DATA" new --from-sample "$s")")
  done
  times=()
  for _ in $(seq "$RUNS"); do
    t0=$(now)
    for id in "${ids[@]}"; do
      "$CLI" --data-dir "$DATA" export "$id" --format pdf --appendix -o "$WORK/out.pdf" 2>/dev/null
    done
    times+=("$(echo "$(now) - $t0" | bc)")
  done
  t=$(printf '%s\n' "${times[@]}" | median)
  printf '%-8s %14d %14d %12.3f   (build %.0f s)\n' "$opt" "$(stat -c %s "$APP")" "$(stat -c %s "$CLI")" "$t" "$build_s"
done
