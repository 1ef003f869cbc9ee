#!/usr/bin/env bash
# Test-only checker for the HTML export (tests/html/check.mjs): axe-core, playwright-core and
# html-validate from npm, pinned by tests/html/package-lock.json, installed with `npm ci`
# into tests/html/node_modules. No browser is downloaded: the check drives Debian's
# Chromium (`chromium`, installed by scripts/setup-debian.sh). Idempotent: `npm ci` runs only
# when node_modules is missing or older than the lock file. Prints the Chromium to use.
#   bash scripts/setup-html-check.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/tests/html"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d "$DIR/node_modules" ] || [ "$DIR/package-lock.json" -nt "$DIR/node_modules" ]; then
  (cd "$DIR" && npm ci --no-audit --no-fund >&2 && touch node_modules)
fi
CHROMIUM="${HOSHIN_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "setup-html-check: $CHROMIUM not found (apt-get install chromium, or set HOSHIN_CHROMIUM)" >&2
  exit 1
fi
echo "$CHROMIUM"
