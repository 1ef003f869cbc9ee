#!/usr/bin/env bash
# Install what Hoshin's desktop app needs on Debian 12, then the UI's npm packages.
# Idempotent: apt is skipped when every package is already installed, and `npm ci`
# runs only when ui/node_modules is missing or older than ui/package-lock.json.
# Run as root (scripts/run-app.sh calls it through sudo when needed); as another user it
# works when nothing is missing from apt.
#   --check   only tell (exit 0/1) whether every Debian package is installed
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PACKAGES=(
  # Tauri 2 build prerequisites
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  build-essential pkg-config file
  # headless runs, screenshots, WebDriver tests
  xvfb xauth webkit2gtk-driver dbus dbus-x11 imagemagick xdotool
  # PDF checks
  poppler-utils qpdf
  # Word and Excel output opened by real software in the tests, and a venv for the
  # test-only Python readers (python-docx, openpyxl: scripts/setup-readers.sh)
  libreoffice-writer-nogui libreoffice-calc-nogui python3 python3-venv
  # the HTML export checked in a real browser (axe-core through playwright-core, which
  # drives this Chromium and downloads none: scripts/setup-html-check.sh)
  chromium
  # Japanese fonts for the UI and for PDF output
  fonts-noto-cjk fonts-ipaexfont fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${1:-}" = "--check" ]; then
  [ "${#missing[@]}" -eq 0 ] && exit 0
  echo "setup-debian: missing packages: ${missing[*]}"
  exit 1
fi

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup-debian: all ${#PACKAGES[@]} Debian packages present"
else
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-debian: missing packages: ${missing[*]}" >&2
    echo "setup-debian: run this script as root (sudo bash scripts/setup-debian.sh)" >&2
    exit 1
  fi
  echo "setup-debian: installing ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}"
fi

# tauri-driver: the WebDriver proxy for the end-to-end tests (tests/e2e), ~40 s to build.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  if command -v cargo >/dev/null 2>&1; then
    echo "setup-debian: cargo install tauri-driver"
    if [ "$(id -u)" -eq 0 ] && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
      sudo -u "$SUDO_USER" -H bash -lc 'cargo install tauri-driver --locked --version ^2'
    else
      cargo install tauri-driver --locked --version '^2'
    fi
  else
    echo "setup-debian: cargo not found; install Rust, then: cargo install tauri-driver --locked --version ^2" >&2
  fi
else
  echo "setup-debian: tauri-driver present"
fi

# UI packages
UI="$ROOT/ui"
if [ -f "$UI/package-lock.json" ]; then
  if [ ! -d "$UI/node_modules" ] || [ "$UI/package-lock.json" -nt "$UI/node_modules" ]; then
    echo "setup-debian: npm ci in ui/"
    if [ "$(id -u)" -eq 0 ] && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
      # Called through sudo (scripts/run-app.sh): keep node_modules owned by the developer.
      sudo -u "$SUDO_USER" -H bash -c 'cd "$1" && npm ci --no-audit --no-fund && touch node_modules' _ "$UI"
    else
      (cd "$UI" && npm ci --no-audit --no-fund && touch node_modules)
    fi
  else
    echo "setup-debian: ui/node_modules up to date"
  fi
fi
