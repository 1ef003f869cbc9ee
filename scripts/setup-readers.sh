#!/usr/bin/env bash
# Test-only readers for Word and Excel output: a Python venv under target/ with python-docx
# and openpyxl from PyPI (nothing installed system-wide). Idempotent; prints the python path.
#   bash scripts/setup-readers.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${CARGO_TARGET_DIR:-$ROOT/target}/pyreaders"
STAMP="$VENV/.hoshin-readers-1"
if [ ! -f "$STAMP" ]; then
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "python-docx>=1.1,<2" "openpyxl>=3.1,<4" >&2
  touch "$STAMP"
fi
echo "$VENV/bin/python"
