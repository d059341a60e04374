#!/usr/bin/env bash
# Prints each example's handbook.html with headless Chromium, as a manager would print it
# from a browser, and checks the result: page count, chapter and clause text, DRAFT only
# where expected. Writes PNGs of the first pages to $OUT for a person to look at.
# Needs: chromium, poppler-utils (pdfinfo, pdftotext, pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${OUT:-/tmp/hrpolicy-print}"
mkdir -p "$OUT"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
fail=0
for ex in examples/*/; do
  name=$(basename "$ex")
  pdf="$OUT/$name.pdf"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$pdf" \
    "file://$PWD/$ex/handbook.html" >/dev/null 2>&1
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  text=$(pdftotext -layout "$pdf" -)
  ok=yes
  [ "$pages" -ge 20 ] || { echo "$name: only $pages pages"; ok=no; }
  for needle in "Contents" "1. Purpose and principles" "1.1 " "Appendix C. Sources" "not legal advice"; do
    grep -qF -- "$needle" <<<"$text" || { echo "$name: '$needle' missing from the printed pages"; ok=no; }
  done
  if grep -q "DRAFT" <<<"$text"; then echo "$name: says DRAFT but has no pending review"; ok=no; fi
  pdftoppm -r 50 -png -f 1 -l 6 "$pdf" "$OUT/$name"
  echo "$name: $pages pages, ok=$ok"
  [ "$ok" = yes ] || fail=1
done
echo "PDFs and page images in $OUT"
exit $fail
