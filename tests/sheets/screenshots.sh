#!/usr/bin/env bash
# Renders the workbooks thidua writes, as LibreOffice prints them, into the PNG screenshots of
# docs/spreadsheets.md: the scorecard, the cluster ranking and the data-entry template.
#   apt-get install -y libreoffice-calc poppler-utils
#   bash tests/sheets/screenshots.sh
# LibreOffice runs headless with a Vietnamese locale (vi-VN), so numbers show as 3.500,5;
# each workbook is converted to PDF (A4 landscape, as set in the file) and its first page to
# PNG with pdftoppm.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="docs/images"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build -q -p thidua-cli
bin="target/debug/thidua"
kt="docs/examples/002_kon-tum-2024.json"
"$bin" evaluate "$kt" docs/examples/results/002_kon-tum-2024.illustrative.json --per-unit --out "$work/scorecard.xlsx"
"$bin" score docs/examples/clusters-kon-tum-2024/input.json --out "$work/ranking.xlsx"
"$bin" template "$kt" --unit "Huyện Đắk Hà" --unit "Huyện Sa Thầy" --unit "Huyện Kon Rẫy" --period 2024-H1 --out "$work/nhap-lieu.xlsx"
for f in scorecard ranking nhap-lieu; do
  LANG=vi_VN.UTF-8 LC_ALL=vi_VN.UTF-8 soffice -env:UserInstallation="file://$work/profile" --headless \
    --convert-to pdf --outdir "$work" "$work/$f.xlsx" >/dev/null 2>&1
  pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$work/$f.pdf" "$out/sheet-$f"
  echo "$out/sheet-$f.png"
done
