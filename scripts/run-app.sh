#!/usr/bin/env bash
# Start Hoshin's desktop app from a fresh checkout: one command for a newcomer.
#   scripts/run-app.sh                       # data in ~/.local/share/hoshin
#   HOSHIN_DATA_DIR=/tmp/try scripts/run-app.sh
# Installs what is missing (Debian 12; asks for sudo when not root), builds the UI into
# ui/dist, then builds and runs the app with the bundled UI (not the Vite dev server).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ "$(id -u)" -eq 0 ] || bash scripts/setup-debian.sh --check >/dev/null; then
  bash scripts/setup-debian.sh
elif command -v sudo >/dev/null; then
  sudo bash scripts/setup-debian.sh
else
  echo "run-app: Debian packages are missing and sudo is not installed; run as root: bash scripts/setup-debian.sh" >&2
  exit 1
fi

echo "run-app: building the UI"
(cd ui && npm run build)

if [ -n "${HOSHIN_DATA_DIR:-}" ]; then
  export HOSHIN_DATA_DIR
  echo "run-app: data folder $HOSHIN_DATA_DIR"
fi

echo "run-app: building and starting hoshin-app (the first build takes several minutes)"
exec cargo run -p hoshin-app --features tauri/custom-protocol "$@"
