#!/usr/bin/env bash
# PDF export benchmark, in one run:
# 1. our export process against Chromium headless --print-to-pdf of our own HTML export of
#    the same document (the three sample drafts with their linkage appendix, about 60 pages
#    together); the target is at least 10x faster;
# 2. what tagging (PDF/UA structure tree, marked content) costs: the city sample rendered
#    tagged and untagged, interleaved in one process (examples/bench_pdf.rs); the target is a
#    ratio of at most 1.3.
# Prints times, sizes and ratios.
#   bash scripts/bench-pdf.sh [RUNS]        (default 5 runs; the median is reported)
# Needs: a release build (made here), Debian's chromium (installed here when missing),
# poppler-utils for page counts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
cd "$ROOT"
if ! command -v chromium >/dev/null; then
  echo "installing chromium (Debian package) …"
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y --no-install-recommends chromium >/dev/null; else sudo apt-get install -y --no-install-recommends chromium >/dev/null; fi
fi
cargo build --release -q -p hoshin-cli
cargo build --release -q -p hoshin-export --example bench_pdf
HOSHIN="$ROOT/target/release/hoshin"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/data"
ids=()
for s in town-8000 city-300000 prefecture; do
  ids+=("$("$HOSHIN" --data-dir "$DATA" new --from-sample "$s")")
done
for i in "${!ids[@]}"; do
  "$HOSHIN" --data-dir "$DATA" export "${ids[$i]}" --format html --appendix -o "$WORK/doc$i.html" 2>/dev/null
done

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ours=()
for _ in $(seq "$RUNS"); do
  t0=$(now)
  for i in "${!ids[@]}"; do
    "$HOSHIN" --data-dir "$DATA" export "${ids[$i]}" --format pdf --appendix -o "$WORK/ours$i.pdf" 2>/dev/null
  done
  ours+=("$(echo "$(now) - $t0" | bc)")
done
chrome=()
for _ in $(seq "$RUNS"); do
  t0=$(now)
  for i in "${!ids[@]}"; do
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
      --disable-component-update --disable-sync --user-data-dir="$WORK/profile" --no-pdf-header-footer \
      --print-to-pdf="$WORK/chrome$i.pdf" "file://$WORK/doc$i.html" >/dev/null 2>&1
  done
  chrome+=("$(echo "$(now) - $t0" | bc)")
done

t_ours=$(printf '%s\n' "${ours[@]}" | median)
t_chrome=$(printf '%s\n' "${chrome[@]}" | median)
size() { cat "$@" | wc -c; }
pages() { local n=0; for f in "$@"; do n=$((n + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done; echo "$n"; }
s_ours=$(size "$WORK"/ours*.pdf); s_chrome=$(size "$WORK"/chrome*.pdf)
p_ours=$(pages "$WORK"/ours*.pdf); p_chrome=$(pages "$WORK"/chrome*.pdf)
printf 'content: 3 sample drafts with appendix, %s pages (ours) / %s pages (Chromium), median of %s runs\n' "$p_ours" "$p_chrome" "$RUNS"
printf '%-22s %10s %12s\n' "" "time (s)" "size (bytes)"
printf '%-22s %10.3f %12d\n' "hoshin export (pdf)" "$t_ours" "$s_ours"
printf '%-22s %10.3f %12d\n' "chromium print-to-pdf" "$t_chrome" "$s_chrome"
printf 'speed: ours is %.1fx faster; size: ours is %.2f of Chromium'"'"'s\n' "$(echo "$t_chrome / $t_ours" | bc -l)" "$(echo "$s_ours / $s_chrome" | bc -l)"

echo
echo "tagging (city sample, release, median of $((RUNS * 3)) interleaved renders):"
tag="$("$ROOT/target/release/examples/bench_pdf" "$((RUNS * 3))" "$WORK/city-tagged.pdf")"
echo "$tag" | sed 's/^/  /'
ratio="$(echo "$tag" | awk '/^ratio/ {print $2}')"
fail=0
if [ "$(echo "$t_chrome / $t_ours < 10" | bc -l)" -eq 1 ]; then
  echo "FAIL: our PDF export is less than 10x faster than Chromium's print-to-pdf" >&2; fail=1
fi
if [ "$(echo "$ratio > 1.3" | bc -l)" -eq 1 ]; then
  echo "FAIL: tagging costs more than 1.3x the untagged render" >&2; fail=1
fi
exit "$fail"
