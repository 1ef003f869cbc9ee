#!/usr/bin/env bash
# Build the Linux installer (.deb) of the desktop app with the Tauri CLI (ui/node_modules,
# @tauri-apps/cli) and print its path and size.
#   bash scripts/package-deb.sh             # from the debug profile (what scripts/test.sh checks)
#   bash scripts/package-deb.sh --release   # the package to hand out: a release build (6–10 min)
# The debug package reuses the app that `cargo build -p hoshin-app --features tauri/custom-protocol`
# already built (same profile, same features): on a warm target only the bundling runs.
# The UI must be built first (cd ui && npm run build): beforeBuildCommand is empty on purpose.
# See docs/PACKAGING.md (Windows and macOS installers are configured but not built here).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

profile=debug
mode=(--debug)
case "${1:-}" in
  "") ;;
  --release) profile=release; mode=() ;;
  *) echo "usage: bash scripts/package-deb.sh [--release]" >&2; exit 2 ;;
esac

TAURI="$ROOT/ui/node_modules/.bin/tauri"
if [ ! -x "$TAURI" ]; then
  echo "package-deb: the Tauri CLI is missing (ui/node_modules): run bash scripts/setup-debian.sh" >&2
  exit 1
fi
if [ ! -f ui/dist/index.html ]; then
  echo "package-deb: ui/dist is missing; building the UI"
  (cd ui && npm run build)
fi

TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$TARGET/$profile/bundle/deb"
rm -f "$OUT"/*.deb
start=$(date +%s.%N)
# Run from the repository root: the CLI finds src-tauri/tauri.conf.json below the current folder.
# The same features as the test build, so cargo finds target/debug up to date.
"$TAURI" build "${mode[@]}" --bundles deb --ci --features tauri/custom-protocol -- --locked
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')

shopt -s nullglob
debs=("$OUT"/*.deb)
if [ "${#debs[@]}" -ne 1 ]; then
  echo "package-deb: expected one .deb in $OUT, found ${#debs[@]}" >&2
  exit 1
fi
deb="${debs[0]}"
bytes=$(stat -c %s "$deb")
printf 'package-deb: %s\n' "$deb"
printf 'package-deb: %s bytes (%s MB), %s profile, built in %s s\n' \
  "$bytes" "$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')" "$profile" "$secs"
