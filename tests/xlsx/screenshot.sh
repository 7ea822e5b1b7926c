#!/usr/bin/env bash
# tests/xlsx/screenshot.sh — renders docs/images/template-assets.png, the picture of the 資産
# sheet in docs/declaration.md: the template filled from samples/gaps-village.json, printed to
# PDF by LibreOffice (soffice --headless), the first page of 資産 cut out by pdftoppm and
# reduced to 16 colours by Pillow (python3-pil). Not part of make test; run it after changing
# the layout and look at the picture before committing it.
set -eu
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
"$K" template --from samples/gaps-village.json -o "$T/template.xlsx"
soffice "-env:UserInstallation=file://$T/profile" --headless --norestore --convert-to pdf \
  --outdir "$T" "$T/template.xlsx" >/dev/null 2>&1
page=$(for i in $(seq 1 40); do
  pdftotext -f "$i" -l "$i" "$T/template.pdf" - 2>/dev/null | head -3 | grep -q 資産ID && { echo "$i"; break; }
done)
pdftoppm -f "$page" -l "$page" -r 110 -x 30 -y 30 -W 1200 -H 520 -png "$T/template.pdf" "$T/page"
/usr/bin/python3 -c "
import sys
from PIL import Image
Image.open(sys.argv[1]).convert('RGB').quantize(colors=16).save(sys.argv[2], optimize=True)
" "$T"/page*.png docs/images/template-assets.png
echo "docs/images/template-assets.png: page $page of the printed template"
