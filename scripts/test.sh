#!/usr/bin/env bash
# Runs every Hoshin test on a fresh Debian 12 / Ubuntu machine, installing what is missing.
#   bash scripts/test.sh
# 0. rustfmt and clippy (-D warnings) over the whole workspace
# 1. system packages and UI packages (scripts/setup-debian.sh; through sudo when not root),
#    the test-only Python readers for Word and Excel (scripts/setup-readers.sh) and the
#    HTML export's checker: axe-core in Debian's Chromium, html-validate (scripts/setup-html-check.sh)
# 2. UI: type check, component tests (Vitest), production build
# 3. Rust: every library, the CLI, cross-crate tests (crash, migrations), rule fixtures,
#    property tests, benchmarks run once as tests
# 4. generated files (TypeScript bindings, exchange schema) are up to date
# 5. the desktop app builds with the bundled UI
# 6. end-to-end: the real app binary under Xvfb, driven over WebDriver (tests/e2e)
# 7. the .deb: built from the same debug build, installed with apt, started from /usr/bin
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
step() { printf '\n=== %s\n' "$*"; }

step "setup"
if [ "$(id -u)" -eq 0 ]; then
  bash scripts/setup-debian.sh
elif bash scripts/setup-debian.sh --check >/dev/null 2>&1; then
  bash scripts/setup-debian.sh
else
  sudo bash scripts/setup-debian.sh
fi

step "test-only readers for Word and Excel (python-docx, openpyxl in a venv under target/)"
HOSHIN_PYTHON="$(bash scripts/setup-readers.sh)"
export HOSHIN_PYTHON

step "test-only checker for the HTML export (axe-core, playwright-core, html-validate in tests/html; Debian's Chromium)"
HOSHIN_CHROMIUM="$(bash scripts/setup-html-check.sh)"
export HOSHIN_CHROMIUM

step "format"
cargo fmt --all --check

step "Rust tests (libraries, CLI, crash, migrations, checker)"
cargo test --locked
cargo test --locked -p hoshin-check --benches

step "generated files are current"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  # docs/screenshots are taken by hand (tests/e2e/tests/screenshots.rs), not generated here.
  if ! git -C "$ROOT" diff --exit-code --stat -- ui/src/generated docs ':(exclude)docs/screenshots'; then
    echo "Generated TypeScript bindings or the exchange schema changed: commit them." >&2
    exit 1
  fi
  untracked=$(git -C "$ROOT" ls-files --others --exclude-standard -- ui/src/generated docs ':(exclude)docs/screenshots')
  if [ -n "$untracked" ]; then
    echo "New generated files are not committed: $untracked" >&2
    exit 1
  fi
fi

step "UI: type check, tests, build"
(cd ui && npm run check && npm test && npm run build)

step "lints (clippy, every crate and target, warnings are errors)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "desktop app builds with the bundled UI"
cargo build --locked -p hoshin-app --features tauri/custom-protocol
# The app's lib tests and tests/parity.rs (the same inputs through the CLI binary and the commands)
cargo test --locked -p hoshin-app --features tauri/custom-protocol

step "end-to-end tests of the app (tauri-driver → WebKitWebDriver, Xvfb)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  cargo test --locked -p hoshin-e2e --test '*' -- --test-threads=1

step "installable package: build the .deb from the debug build, install it, start the installed app"
bash scripts/package-deb.sh
bash scripts/check-deb.sh

step "all tests passed"
