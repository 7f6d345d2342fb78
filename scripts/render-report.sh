#!/usr/bin/env bash
# Renders the demo's monthly report as a reader sees it: .docx → PDF (LibreOffice) → PNG pages (pdftoppm).
# Usage: npm run render:report [-- FILE.docx] [--update-docs]
#   FILE.docx      a report to render (default: the newest out/demo/bao-cao-thang-*.docx; run npm run demo first)
#   --update-docs  also copy page 1 to docs/images/monthly-report-page1.png (the README shows it)
# Needs the Debian packages libreoffice-writer and poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
update=false
file=""
for arg in "$@"; do
  case "$arg" in
    --update-docs) update=true ;;
    *) file="$arg" ;;
  esac
done
if [ -z "$file" ]; then
  file=$(ls -t out/demo/bao-cao-thang-*.docx 2>/dev/null | head -1 || true)
  [ -n "$file" ] || { echo "render:report: no out/demo/bao-cao-thang-*.docx; run npm run demo first" >&2; exit 1; }
fi
command -v soffice >/dev/null || { echo "render:report: soffice not found (apt-get install libreoffice-writer)" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "render:report: pdftoppm not found (apt-get install poppler-utils)" >&2; exit 1; }
out=out/render
mkdir -p "$out"
name=$(basename "$file" .docx)
# A profile of its own: a LibreOffice already running for the user does not block the conversion.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
timeout 180 soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$file" >/dev/null
[ -s "$out/$name.pdf" ] || { echo "render:report: LibreOffice wrote no PDF for $file" >&2; exit 1; }
rm -f "$out/$name"-page-*.png
pdftoppm -r 100 -png "$out/$name.pdf" "$out/$name-page"
pages=$(ls "$out/$name"-page-*.png | wc -l)
echo "render:report: $file → $out/$name.pdf ($pages pages) and $out/$name-page-N.png"
if $update; then
  mkdir -p docs/images
  cp "$(ls "$out/$name"-page-*.png | sort | head -1)" docs/images/monthly-report-page1.png
  echo "render:report: docs/images/monthly-report-page1.png updated"
fi
