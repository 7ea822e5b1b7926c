#!/usr/bin/env bash
# print: the auditor's report and workbook as they come out of a printer.
#   HTML (Chromium headless, --print-to-pdf): samples/gaps-village.json fits in 12 A4 pages;
#   the cover (issue date, assessor, contact, signature block) is page 1 and the table of
#   contents comes after it; every page carries its number; --report-date and --assessor
#   reach the cover and the embedded data block, the issue date defaults to the declaration's
#   date; --detail full adds the appendix with every risk row; the evidence column reads
#   申告のみ / 証跡あり and names the evidence (title, date, SHA-256) of each pass.
#   XLSX (LibreOffice headless, --convert-to pdf): the asset sheet of two samples prints at most
#   one page per 40 rows, with its header row on every page; the workbook records the report's
#   options and is created on the issue date.
#   Options: bad values of --report-date, --detail, --assessor and the --params file's
#   "report" are refused with exit code 2.
# Chromium, LibreOffice (libreoffice-calc-nogui) and poppler-utils come from tests/deps.sh; a
# missing one skips its checks with a message. PRINT_TMP=DIR keeps the PDFs in DIR.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
[ -x "$K" ] || make -s kyojin BUILD="${BUILD:-build}" >/dev/null
T=${PRINT_TMP:-$(mktemp -d)}; [ -n "${PRINT_TMP:-}" ] || trap 'rm -rf "$T"' EXIT
mkdir -p "$T"
passed=0 failed=0
ok()  { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
has() { case "$1" in *"$2"*) return 0 ;; *) return 1 ;; esac; }

html_pdf() { # html_pdf FILE.html FILE.pdf
  local prof; prof=$(mktemp -d)
  timeout 180 /usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$prof" --no-pdf-header-footer --print-to-pdf="$2" "file://$(realpath "$1")" \
    >/dev/null 2>>"$T/chromium.log"
  local rc=$?
  rm -rf "$prof"
  return $rc
}
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
page_text() { pdftotext -q -layout -f "$2" -l "$2" "$1" - 2>/dev/null; }

have_pdf=1
command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || {
  have_pdf=0; echo "skip: poppler-utils (pdfinfo, pdftotext) missing: tests/deps.sh installs them"; }

# ---- options: recorded in the result, bad values refused ----------------------------------
"$K" check samples/gaps-village.json --format json -o "$T/r.json" --report-date 2026-11-02 \
  --assessor "監査 花子・長野県" --detail full
[ "$(jq -c .report "$T/r.json")" = '{"date":"2026-11-02","assessor":"監査 花子・長野県","contact":null,"detail":"full"}' ] \
  && ok || bad "the options are not recorded in the result's report: $(jq -c .report "$T/r.json")"
"$K" check samples/gaps-village.json --format json -o "$T/d.json"
[ "$(jq -c .report "$T/d.json")" = '{"date":null,"assessor":null,"contact":null,"detail":"summary"}' ] \
  && ok || bad "defaults of report: $(jq -c .report "$T/d.json")"
printf '{"report": {"assessor": "評価 一郎", "contact": "総務課 情報係", "date": "2026-12-01"}, "ST-06.max_refresh_days": 14}\n' >"$T/p.json"
"$K" check samples/gaps-village.json --format json -o "$T/p.out.json" --params "$T/p.json"
[ "$(jq -c '[.report.assessor, .report.contact, .report.date, .parameters["ST-06.max_refresh_days"]]' "$T/p.out.json")" = '["評価 一郎","総務課 情報係","2026-12-01",14]' ] \
  && ok || bad "the --params file's report: $(jq -c .report "$T/p.out.json")"
"$K" check samples/gaps-village.json --format json -o "$T/p2.json" --params "$T/p.json" --assessor "別の 人" \
  --contact "情報係 内線 123" --report-date 2026-12-24
[ "$(jq -c '[.report.assessor, .report.contact, .report.date]' "$T/p2.json")" = '["別の 人","情報係 内線 123","2026-12-24"]' ] \
  && ok || bad "the options do not take precedence over the params file: $(jq -c .report "$T/p2.json")"
refuse() { # refuse WHAT ARGS...: exit code 2 and a message naming the option
  local what=$1; shift
  "$K" check samples/gaps-village.json --format json -o "$T/x.json" "$@" >"$T/x.out" 2>&1
  local rc=$?
  [ "$rc" -eq 2 ] && [ -s "$T/x.out" ] && ok || bad "$what: exit $rc ($(head -c 200 "$T/x.out"))"
}
refuse "--report-date 2026-02-30" --report-date 2026-02-30
refuse "--report-date today" --report-date today
refuse "--detail everything" --detail everything
refuse "--assessor with a control character" --assessor "$(printf 'a\tb')"
refuse "--assessor empty" --assessor ""
refuse "--contact with a newline" --contact "$(printf 'a\nb')"
printf '{"report": {"signer": "x"}}\n' >"$T/bad1.json"; refuse "params report.signer" --params "$T/bad1.json"
grep -q "report.signer" "$T/x.out" && ok || bad "the refusal does not name report.signer"
printf '{"report": {"date": "2026-13-01"}}\n' >"$T/bad2.json"; refuse "params report.date" --params "$T/bad2.json"
printf '{"report": "x"}\n' >"$T/bad3.json"; refuse "params report not an object" --params "$T/bad3.json"

# ---- the HTML report ------------------------------------------------------------------------
"$K" check samples/gaps-village.json --format html -o "$T/gv.html"
"$K" check samples/gaps-village.json --format html -o "$T/gv-full.html" --detail full \
  --report-date 2026-11-02 --assessor "監査 花子・長野県"
"$K" check samples/beta-prime-city-evidenced.json --format html -o "$T/ev.html"
"$K" check samples/beta-prime-city-evidenced.json --format json -o "$T/ev.json"
# the words of the evidence column, not the raw values
for f in gv ev; do
  if grep -q '申告のみ\|証跡あり' "$T/$f.html" && ! grep -q '<td>declared\|<td>evidenced' "$T/$f.html"; then ok
  else bad "$f: the evidence column does not read 申告のみ / 証跡あり"; fi
done
# every pass listed per requirement and subject, with the SHA-256 of its evidence
missing=0
while IFS=$'\t' read -r ptr sha; do
  grep -qF "<code>$ptr</code>" "$T/ev.html" || missing=$((missing + 1))
  [ -z "$sha" ] || grep -qF "$sha" "$T/ev.html" || missing=$((missing + 1))
done < <(jq -r '.declarations[0].policies[].findings[] | select(.status == "pass")
  | [.pointer, (.evidence_refs[0].sha256 // "")] | @tsv' "$T/ev.json")
npass=$(jq '[.declarations[0].policies[].findings[] | select(.status == "pass")] | length' "$T/ev.json")
nref=$(jq '[.declarations[0].policies[].findings[] | select(.status == "pass") | (.evidence_refs // [])[]] | length' "$T/ev.json")
[ "$npass" -gt 50 ] && [ "$nref" -gt 5 ] && [ "$missing" -eq 0 ] && ok \
  || bad "passes with their evidence: $npass passes, $nref evidence references, $missing not in the report"
grep -q '適合した対象' "$T/ev.html" && bad "passes are still collapsed to 適合した対象: N" || ok
# the options in the data block kyojin verify reads
grep -q '"report":{"date":"2026-11-02","assessor":"監査 花子・長野県","contact":null,"detail":"full"}' "$T/gv-full.html" \
  && ok || bad "the HTML data block does not record the report's options"
grep -q 'id="d1-assets"' "$T/gv-full.html" && ! grep -q 'id="d1-assets"' "$T/gv.html" \
  && ok || bad "--detail full (and only it) has the appendix of every risk row"

if [ ! -x /usr/bin/chromium ]; then
  echo "skip: chromium is missing (tests/deps.sh installs it): the HTML print checks did not run"
elif [ "$have_pdf" = 1 ]; then
  html_pdf "$T/gv.html" "$T/gv.pdf" && [ -s "$T/gv.pdf" ] && ok || bad "chromium could not print gaps-village"
  n=$(pages "$T/gv.pdf")
  [ -n "$n" ] && [ "$n" -le 12 ] && ok || bad "gaps-village prints on ${n:-?} A4 pages (at most 12)"
  p1=$(page_text "$T/gv.pdf" 1)
  if has "$p1" "監査報告書" && has "$p1" "署名欄" && has "$p1" "評価者" && has "$p1" "確認者" \
     && has "$p1" "発行日" && has "$p1" "2026-10-01" && has "$p1" "総務係" && ! has "$p1" "目次"; then ok
  else bad "page 1 is not the cover (title, issue date = declaration date, contact, signature block, no contents)"; fi
  has "$(page_text "$T/gv.pdf" 2)" "目次" && ok || bad "the table of contents is not on page 2, after the cover"
  nums=0
  for k in $(seq 1 "${n:-0}"); do
    page_text "$T/gv.pdf" "$k" | grep -qE "(^|[^0-9])$k / $n([^0-9]|$)" && nums=$((nums + 1))
  done
  [ "$nums" -eq "${n:-0}" ] && ok || bad "page numbers: $nums of ${n:-?} pages carry 'N / $n'"
  html_pdf "$T/gv-full.html" "$T/gv-full.pdf"
  nf=$(pages "$T/gv-full.pdf")
  [ -n "$nf" ] && [ "$nf" -gt "${n:-0}" ] && ok || bad "--detail full is not longer (${nf:-?} pages)"
  f1=$(page_text "$T/gv-full.pdf" 1)
  has "$f1" "2026-11-02" && has "$f1" "監査 花子・長野県" && ok || bad "--report-date / --assessor not on the cover"
fi

# ---- the workbook ---------------------------------------------------------------------------
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
  echo "skip: LibreOffice is missing (tests/deps.sh installs libreoffice-calc-nogui): the XLSX print checks did not run"
elif [ "$have_pdf" = 1 ]; then
  for s in gaps-village beta-prime-large-city; do
    "$K" check "samples/$s.json" --format xlsx -o "$T/$s.xlsx" --assessor "監査 花子"
    "$K" check "samples/$s.json" --format json --detail full -o "$T/$s.json" # every row
    mkdir -p "$T/lo-$s"
    HOME="$T/lo-$s" timeout 300 "$soffice" --headless --norestore --convert-to pdf --outdir "$T/lo-$s" \
      "$T/$s.xlsx" >"$T/lo-$s/log" 2>&1
    pdf=$T/lo-$s/$s.pdf
    [ -s "$pdf" ] && ok || { bad "$s: LibreOffice could not print the workbook ($(tail -2 "$T/lo-$s/log"))"; continue; }
    rows=$(jq '.declarations[0].risk.asset_rows | length' "$T/$s.json")
    # the pages of the asset sheet: their footer names the sheet
    total=$(pages "$pdf") sheet_pages=0 headed=0
    for k in $(seq 1 "$total"); do
      t=$(page_text "$pdf" "$k")
      has "$t" "資産ベースのリスク分析" || continue
      sheet_pages=$((sheet_pages + 1))
      has "$t" "リスク値" && has "$t" "脅威レベル" && has "$t" "防御：侵入/拡散段階" && headed=$((headed + 1))
    done
    limit=$(((rows + 39) / 40))
    [ "$sheet_pages" -ge 1 ] && [ "$sheet_pages" -le "$limit" ] && ok \
      || bad "$s: the asset sheet prints on $sheet_pages pages for $rows rows (at most $limit)"
    [ "$headed" -eq "$sheet_pages" ] && ok || bad "$s: the header is on $headed of $sheet_pages printed pages"
  done
  unzip -p "$T/gaps-village.xlsx" docProps/core.xml | grep -q '>2026-10-01T00:00:00Z<' && ok \
    || bad "the workbook is not created on the issue date (the declaration's date)"
  unzip -p "$T/gaps-village.xlsx" docProps/custom.xml | grep -q 'name="kyojin.report.assessor"><vt:lpwstr>監査 花子<' \
    && ok || bad "the workbook does not record --assessor"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
