#!/usr/bin/env bash
# Test-only readers for Word, Excel and tagged PDF output: a Python venv under target/ with
# python-docx, openpyxl and pdfua (the PDF/UA checker) from PyPI (nothing installed system-wide). Idempotent; prints the python path.
#   bash scripts/setup-readers.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${CARGO_TARGET_DIR:-$ROOT/target}/pyreaders"
STAMP="$VENV/.hoshin-readers-2"
if [ ! -f "$STAMP" ]; then
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "python-docx>=1.1,<2" "openpyxl>=3.1,<4" "pdfua>=0.1.3,<0.2" >&2
  touch "$STAMP"
fi
echo "$VENV/bin/python"
