#!/usr/bin/env bash
# run-tests.sh RENDER — tests of the report writers on the hand-written result documents
# in tests/reports/fixtures (one realistic, one hostile), through the render driver:
#   * every format renders (HTML ja/en, CSV findings/assets/trees/meta, XLSX ja/en)
#   * reproducibility: each format twice, byte-identical; XLSX honours SOURCE_DATE_EPOCH
#   * CSV and XLSX read back and compared with the result (check_csv.py, check_xlsx.py)
#   * the hostile document's HTML contains no markup of its own
#   * each HTML report in headless Chromium: screenshot, PDF, key facts (browser-check.sh)
# Artefacts: tests/artifacts/reports/. Ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
render=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
art=$root/tests/artifacts/reports
export KYOJIN_HOME=$root # render reads the domain words from $KYOJIN_HOME/lua (kyojin.vocab)
PY=/usr/bin/python3
mkdir -p "$art"
passed=0 failed=0
ok()  { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
sub() { # run a checker that ends with "N passed, N failed" and add its counts
  local out rc p f
  out=$("$@" 2>&1); rc=$?
  printf '%s\n' "$out" | grep -E '^FAIL' | head -20
  p=$(printf '%s\n' "$out" | grep -oE '^[0-9]+ passed' | tail -1 | grep -oE '[0-9]+')
  f=$(printf '%s\n' "$out" | grep -oE '[0-9]+ failed' | tail -1 | grep -oE '[0-9]+')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then bad "$* exited $rc"; printf '%s\n' "$out" | tail -5; fi
}
need=""
$PY -c 'import openpyxl' 2>/dev/null || need="$need python3-openpyxl"
command -v unzip >/dev/null 2>&1 || need="$need unzip"
[ -z "$need" ] || bad "missing:$need (tests/deps.sh installs them)"

for fx in "$here"/fixtures/*.result.json; do
  n=$(basename "$fx" .result.json)
  # every format, twice
  for lang in ja en; do
    for k in 1 2; do "$render" html "$fx" "$art/$n.$lang.$k.html" --lang $lang || bad "$n: html $lang"; done
    cmp -s "$art/$n.$lang.1.html" "$art/$n.$lang.2.html" && ok || bad "$n: html $lang differs between runs"
    for k in 1 2; do "$render" xlsx "$fx" "$art/$n.$lang.$k.xlsx" --lang $lang || bad "$n: xlsx $lang"; done
    cmp -s "$art/$n.$lang.1.xlsx" "$art/$n.$lang.2.xlsx" && ok || bad "$n: xlsx $lang differs between runs"
    sub "$here/check_xlsx.py" "$fx" "$art/$n.$lang.1.xlsx" $lang
  done
  for t in findings assets trees meta; do
    for k in 1 2; do "$render" csv "$fx" "$art/$n.$t.$k.csv" --csv-table $t || bad "$n: csv $t"; done
    cmp -s "$art/$n.$t.1.csv" "$art/$n.$t.2.csv" && ok || bad "$n: csv $t differs between runs"
    sub "$here/check_csv.py" "$fx" $t "$art/$n.$t.1.csv"
  done
  # SOURCE_DATE_EPOCH: honoured, and still reproducible
  for k in 1 2; do SOURCE_DATE_EPOCH=1767225600 "$render" xlsx "$fx" "$art/$n.sde.$k.xlsx"; done
  cmp -s "$art/$n.sde.1.xlsx" "$art/$n.sde.2.xlsx" && ok || bad "$n: xlsx with SOURCE_DATE_EPOCH differs between runs"
  unzip -p "$art/$n.sde.1.xlsx" docProps/core.xml | grep -q '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z<' \
    && ok || bad "$n: SOURCE_DATE_EPOCH not the creation time"
  # without SOURCE_DATE_EPOCH: the report's issue date (report.date, else the declaration date)
  issued=$(jq -r '(.report.date // ([.declarations[].body.as_of // empty] | max) // "")
    | if test("^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}$") then . else "1980-01-01" end' "$fx")
  unzip -p "$art/$n.ja.1.xlsx" docProps/core.xml | grep -q ">${issued}T00:00:00Z<" && ok || bad "$n: creation time is not the issue date $issued"
  # the browser
  sub "$here/browser-check.sh" "$fx" "$art/$n.ja.1.html" "$art" "$n.ja" ja
  sub "$here/browser-check.sh" "$fx" "$art/$n.en.1.html" "$art" "$n.en" en
done

# the hostile document: nothing of it is markup
h=$art/hostile.ja.1.html
[ "$(grep -o '<script' "$h" | wc -l)" -eq 1 ] && ok || bad "hostile: a <script> other than the data block"
[ "$(grep -o '</script' "$h" | wc -l)" -eq 1 ] && ok || bad "hostile: a </script> other than the data block's"
[ "$(grep -o '<style' "$h" | wc -l)" -eq 1 ] && [ "$(grep -o '</style' "$h" | wc -l)" -eq 1 ] && ok || bad "hostile: extra <style> or </style>"
grep -q '<img' "$h" && bad "hostile: <img> in the output" || ok
grep -q '<!--' "$h" && bad "hostile: a comment opener in the output" || ok
grep -qP '\x{202A}|\x{202B}|\x{202C}|\x{202D}|\x{202E}|\x{2066}|\x{2067}|\x{2068}|\x{2069}' "$h" \
  && bad "hostile: bidi control in the HTML" || ok
grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' "$h" && ok || bad "hostile: escaped text missing"
# in the browser the hostile page ran nothing and kept its own layout: the DOM has one script element
dom=$art/hostile.ja.dom.html
[ -s "$dom" ] && [ "$(grep -o '<script' "$dom" | wc -l)" -eq 1 ] && ok || bad "hostile: the browser's DOM holds extra script elements"
grep -q '<img' "$dom" && bad "hostile: the browser's DOM holds an <img>" || ok

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
