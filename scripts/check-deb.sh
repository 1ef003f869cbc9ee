#!/usr/bin/env bash
# Install the .deb built by scripts/package-deb.sh and check the installed app: the package
# owns /usr/bin/hoshin-app and its files are intact, the binary finds its libraries, and
# /usr/bin/hoshin-app, started under Xvfb with a fresh HOSHIN_DATA_DIR through tauri-driver,
# reaches its first screen (tests/e2e/tests/installed.rs).
#   bash scripts/check-deb.sh [FILE.deb]     (default: the .deb in target/debug/bundle/deb)
# Installing needs root: as another user it goes through sudo when sudo needs no password,
# and is skipped with a message otherwise. The package stays installed afterwards
# (remove it with: sudo apt-get remove hoshin).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

deb="${1:-}"
if [ -z "$deb" ]; then
  shopt -s nullglob
  debs=("$TARGET"/debug/bundle/deb/*.deb)
  shopt -u nullglob
  if [ "${#debs[@]}" -ne 1 ]; then
    echo "check-deb: no single .deb in $TARGET/debug/bundle/deb: run bash scripts/package-deb.sh first" >&2
    exit 1
  fi
  deb="${debs[0]}"
fi
deb="$(realpath "$deb")"

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO=(sudo)
else
  echo "check-deb: SKIPPED: installing $deb needs root (run as root, or with sudo that needs no password)"
  exit 0
fi

pkg="$(dpkg-deb -f "$deb" Package)"
echo "check-deb: installing $deb (package $pkg)"
# --reinstall: the version does not change between builds, and apt would keep the old files.
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --reinstall -q "$deb" >/dev/null

fail() { echo "check-deb: FAILED: $*" >&2; exit 1; }
bin=/usr/bin/hoshin-app
owner="$(dpkg -S "$bin" 2>/dev/null | cut -d: -f1)"
[ "$owner" = "$pkg" ] || fail "$bin does not belong to $pkg (dpkg -S: ${owner:-nobody})"
# The installed files are the package's (md5sums), and the binary is the one in this .deb.
dpkg --verify "$pkg" || fail "dpkg --verify $pkg reports changed files"
unpacked="$(mktemp -d)"
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$deb" "$unpacked"
cmp -s "$unpacked$bin" "$bin" || fail "$bin differs from the binary in $deb"
missing_libs="$(ldd "$bin" | grep 'not found' || true)"
[ -z "$missing_libs" ] || fail "$bin misses libraries: $missing_libs"
desktop="$(dpkg -L "$pkg" | grep '^/usr/share/applications/.*\.desktop$' | head -n1)"
[ -n "$desktop" ] && grep -q '^Exec=hoshin-app' "$desktop" || fail "no desktop entry starting hoshin-app"
echo "check-deb: $pkg $(dpkg-query -W -f '${Version}' "$pkg") installed; $bin $(stat -c %s "$bin") bytes; menu entry $desktop"

shot="$TARGET/deb-check/installed.png"
mkdir -p "$(dirname "$shot")"
rm -f "$shot"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
HOSHIN_APP_BIN="$bin" HOSHIN_INSTALLED_SHOT="$shot" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  cargo test --locked -q -p hoshin-e2e --test installed -- --test-threads=1
# The test ran (it skips itself when HOSHIN_APP_BIN is unset) if it left its screenshot.
[ -s "$shot" ] || fail "the installed-app test did not run (no $shot)"
echo "check-deb: the installed $bin reached its first screen; screenshot $shot"
