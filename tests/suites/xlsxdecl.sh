#!/usr/bin/env bash
# Declarations in Excel (docs/declaration.md): `kyojin template` writes the workbook generated
# from the schema (sheets, hidden spec row, frozen headers, drop-downs, input messages; also
# --lang en, --model, --from); `kyojin convert` goes JSON → XLSX → JSON with the same values
# (compared as data) for every sample, and `kyojin check` gives the same verdicts on the
# workbook as on the JSON; a workbook's errors name sheet, cell and JSON pointer, all at once,
# exit 2; folders mixing .json and .xlsx; `kyojin verify` with a workbook; same input, same
# bytes. Workbooks saved again by LibreOffice (headless) and written by openpyxl read back (shared strings, numbers stored as text and
# text as numbers, dates, booleans, trailing empty rows, hidden rows); merged cells and
# formulas are refused by cell.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh
PY=/usr/bin/python3 # Debian's, with python3-openpyxl (tests/deps.sh)
# make test-asan: the one leak of libxlsxwriter 1.1.4 in drop-downs fed by a range is not ours
# (tests/xlsx/lsan.supp; the suppression needs whole stacks)
if [ -n "${ASAN_OPTIONS:-}" ]; then
  export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0"
  export LSAN_OPTIONS="suppressions=$PWD/tests/xlsx/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fi
same_data() { diff <(jq -S . "$1") <(jq -S . "$2") >"$T/diff" 2>&1; }
# verdicts of a JSON result: per declaration, compliance, counts, each policy's status and
# findings (pointer, status) and the risk section
verdicts() { jq -S '[.declarations[] | {compliant, counts, risk,
  policies: [.policies[] | {id, status, findings: [.findings[] | {status, pointer}]}]}]' "$1"; }

# ---- the template
expect_rc "template" 0 "$K" template -o "$T/t.xlsx"
$PY tests/xlsx/wbinfo.py "$T/t.xlsx" >"$T/t.txt" 2>&1 || bad "openpyxl cannot read the template: $(head -3 "$T/t.txt")"
contains "template: sheets in order" "$T/t.txt" "sheets 記入方法 団体情報 資産 画面転送 データ連携 メール・無害化"
contains "template: 契約 … 例外承認 証跡 選択肢" "$T/t.txt" "契約 脆弱性 組織"
contains "template: instructions first" "$T/t.txt" "sheet 記入方法 state=visible"
contains "template: lists hidden" "$T/t.txt" "sheet 選択肢 state=hidden"
contains "template: 資産 frozen, spec row hidden, drop-downs" "$T/t.txt" "data 資産 row2hidden=True freeze=B3"
contains "template: 団体情報 one row" "$T/t.txt" "data 団体情報 row2hidden=True freeze=A3"
# every data column has an input message; enumerations and yes/no have drop-downs
n=$(awk '/^data 資産/ { for (i = 1; i <= NF; i++) if ($i ~ /^prompts=/) { sub("prompts=", "", $i); print $i } }' "$T/t.txt")
[ "${n:-0}" -ge 40 ] && ok || bad "template: 資産 has ${n:-0} input messages, expected one per column (>= 40)"
n=$(awk '/^data 資産/ { for (i = 1; i <= NF; i++) if ($i ~ /^lists=/) { sub("lists=", "", $i); print $i } }' "$T/t.txt")
[ "${n:-0}" -ge 35 ] && ok || bad "template: 資産 has ${n:-0} drop-downs, expected >= 35"
# the references to asset ids offer the 資産 sheet's id column
unzip -p "$T/t.xlsx" xl/worksheets/sheet4.xml >"$T/s4.xml"
contains "template: platform_asset drop-down from 資産" "$T/s4.xml" "'資産'!\$A\$3:\$A\$502"
unzip -p "$T/t.xlsx" xl/worksheets/sheet3.xml >"$T/s3.xml"
contains "template: input message" "$T/s3.xml" 'promptTitle="必須"'
# the empty template is a declaration with nothing declared: every required field missing,
# each at its cell
expect_rc "empty template: check exit 2" 2 "$K" check "$T/t.xlsx"
contains "empty template: body missing at its cell" "$T/err" "団体情報!E3: /body: 必須の項目"
contains "empty template: assets missing" "$T/err" "/assets"
# English
expect_rc "template --lang en" 0 "$K" template --lang en -o "$T/en.xlsx"
$PY tests/xlsx/wbinfo.py "$T/en.xlsx" >"$T/en.txt" 2>&1
contains "template en: sheet names" "$T/en.txt" "sheets How to fill in Body Assets"
# an English workbook (labels, Yes/No, choices in English) reads back the same
expect_rc "convert --lang en" 0 "$K" convert --lang en samples/beta-prime-city-evidenced.json -o "$T/en-filled.xlsx"
expect_rc "convert --lang en: back" 0 "$K" convert "$T/en-filled.xlsx" -o "$T/en-filled.json"
same_data samples/beta-prime-city-evidenced.json "$T/en-filled.json" && ok || { bad "English workbook changed the data"; head -5 "$T/diff"; }
unzip -p "$T/en-filled.xlsx" xl/sharedStrings.xml | grep -q '<t>Yes</t>' && ok || bad "English workbook: no Yes"
# --model fills in the model, by its label
expect_rc "template --model" 0 "$K" template --model beta_prime -o "$T/m.xlsx"
expect_rc "template --model: convert back" 0 "$K" convert "$T/m.xlsx" -o "$T/m.json"
[ "$(jq -r .model "$T/m.json")" = beta_prime ] && ok || bad "template --model: model is $(jq -r .model "$T/m.json")"
expect_rc "template --model unknown: exit 2" 2 "$K" template --model gamma -o "$T/g.xlsx"
[ ! -e "$T/g.xlsx" ] && ok || bad "template --model unknown: a file was written"
# --from gives the same workbook as convert
expect_rc "template --from" 0 "$K" template --from samples/base.json -o "$T/from.xlsx"
expect_rc "convert base" 0 "$K" convert samples/base.json -o "$T/conv.xlsx"
cmp -s "$T/from.xlsx" "$T/conv.xlsx" && ok || bad "template --from and convert differ"
# same input, same bytes
expect_rc "convert again" 0 "$K" convert samples/base.json -o "$T/conv2.xlsx"
cmp -s "$T/conv.xlsx" "$T/conv2.xlsx" && ok || bad "convert is not byte-reproducible"
# the input is never the output
cp samples/minimal.json "$T/self.json"
expect_rc "convert onto its input: exit 2" 2 "$K" convert "$T/self.json" -o "$T/self.json"
cmp -s samples/minimal.json "$T/self.json" && ok || bad "convert overwrote its input"

# ---- every sample: JSON → XLSX → JSON, same data and same verdicts
mkdir -p "$T/rt"
for f in samples/*.json; do
  b=$(basename "$f" .json)
  expect_rc "$b: to xlsx" 0 "$K" convert "$f" -o "$T/rt/$b.xlsx"
  expect_rc "$b: back to json" 0 "$K" convert "$T/rt/$b.xlsx" -o "$T/rt/$b.json"
  same_data "$f" "$T/rt/$b.json" && ok || { bad "$b: JSON → XLSX → JSON changed the data"; head -5 "$T/diff"; }
  "$K" check --format json -o "$T/rt/$b.r-json" "$f" >/dev/null 2>&1; rj=$?
  "$K" check --format json -o "$T/rt/$b.r-xlsx" "$T/rt/$b.xlsx" >/dev/null 2>&1; rx=$?
  [ "$rj" = "$rx" ] && ok || bad "$b: check exits $rj on JSON, $rx on the workbook"
  if diff <(verdicts "$T/rt/$b.r-json") <(verdicts "$T/rt/$b.r-xlsx") >/dev/null; then ok; else bad "$b: verdicts differ"; fi
done
# ---- LibreOffice (libreoffice-calc-nogui): the template and a filled workbook with evidence,
# saved again by `soffice --headless --convert-to xlsx`, read back: the same declarations
LO=$T/lo
mkdir -p "$LO/in"
cp "$T/t.xlsx" "$LO/in/template.xlsx"
cp "$T/rt/beta-prime-city-evidenced.xlsx" "$LO/in/evidenced.xlsx"
timeout -k 5 300 soffice "-env:UserInstallation=file://$LO/profile" --headless --norestore \
  --convert-to xlsx --outdir "$LO/out" "$LO/in/template.xlsx" "$LO/in/evidenced.xlsx" >"$LO/log" 2>&1
if [ -f "$LO/out/evidenced.xlsx" ] && [ -f "$LO/out/template.xlsx" ]; then ok; else bad "soffice did not convert: $(tail -3 "$LO/log")"; fi
cmp -s "$LO/in/evidenced.xlsx" "$LO/out/evidenced.xlsx" && bad "LibreOffice wrote the same bytes (not rewritten?)" || ok
expect_rc "LibreOffice: filled workbook reads" 0 "$K" convert "$LO/out/evidenced.xlsx" -o "$LO/evidenced.json"
same_data samples/beta-prime-city-evidenced.json "$LO/evidenced.json" && ok ||
  { bad "LibreOffice: the filled workbook changed"; head -5 "$T/diff"; }
"$K" check --format json -o "$LO/r.json" "$LO/out/evidenced.xlsx" >/dev/null 2>&1
diff <(verdicts "$T/rt/beta-prime-city-evidenced.r-json") <(verdicts "$LO/r.json") >/dev/null && ok ||
  bad "LibreOffice: verdicts differ"
expect_rc "LibreOffice: template reads" 0 "$K" convert "$LO/out/template.xlsx" -o "$LO/t.json"
"$K" convert "$T/t.xlsx" -o "$LO/t0.json" >/dev/null 2>&1
same_data "$LO/t0.json" "$LO/t.json" && ok || bad "LibreOffice: the template reads differently"

# a value with no cell is an error, never dropped
jq '.assets[0].colour = "red"' samples/base.json >"$T/extra.json"
expect_rc "convert: unknown field refused" 2 "$K" convert "$T/extra.json" -o "$T/extra.xlsx"
contains "convert: names the value" "$T/err" "/assets/0/colour"

# ---- the recorded hash is of the workbook's bytes; verify works with it
mkdir -p "$T/mix"
cp samples/base.json samples/minimal.json "$T/mix/"
cp "$T/rt/gaps-village.xlsx" "$T/mix/"
expect_rc "check a folder of .json and .xlsx" 1 "$K" check --format json -o "$T/mix.json" "$T/mix"
[ "$(jq -c '[.declarations[].file | split("/") | last]' "$T/mix.json")" = '["base.json","gaps-village.xlsx","minimal.json"]' ] &&
  ok || bad "folder: inputs $(jq -c '[.declarations[].file]' "$T/mix.json")"
[ "$(jq -r '.declarations[1].sha256' "$T/mix.json")" = "$(sha256sum "$T/mix/gaps-village.xlsx" | cut -d' ' -f1)" ] &&
  ok || bad "the recorded hash is not the workbook's bytes"
expect_rc "verify with a workbook" 0 "$K" verify "$T/mix.json" --declaration "$T/mix/base.json" \
  --declaration "$T/mix/gaps-village.xlsx" --declaration "$T/mix/minimal.json"
"$K" convert samples/gaps-village.json -o "$T/other.xlsx" >/dev/null 2>&1
$PY tests/xlsx/fill.py "$T/other.xlsx" "$T/other.xlsx" '団体情報!E3=別の村' || bad "openpyxl cannot fill"
expect_rc "verify: another workbook does not match" 1 "$K" verify "$T/mix.json" --declaration "$T/mix/base.json" \
  --declaration "$T/other.xlsx" --declaration "$T/mix/minimal.json"

# ---- errors by sheet and cell, all at once, exit 2 (a workbook filled by openpyxl)
B=$T/rt/base.xlsx
$PY tests/xlsx/fill.py "$B" "$T/bad.xlsx" '資産!E3=abc' '資産!C4=pc' '資産!A5=empty:' '団体情報!H3=empty:'
expect_rc "errors: exit 2" 2 "$K" check "$T/bad.xlsx"
contains "errors: text in an integer column" "$T/err" "資産!E3: /assets/0/count: 整数が必要です"
contains "errors: unknown choice" "$T/err" "資産!C4: /assets/1/kind:"
contains "errors: missing id" "$T/err" "資産!A5: /assets/2: 必須の項目 \"id\""
contains "errors: missing code" "$T/err" "/body: 必須の項目 \"code\""
[ "$(grep -c 'bad.xlsx: ' "$T/err")" -ge 4 ] && ok || bad "errors: not all reported at once"
expect_rc "errors --lang en: exit 2" 2 "$K" check --lang en "$T/bad.xlsx"
contains "errors en" "$T/err" "資産!E3: /assets/0/count: expected an integer"
expect_rc "errors in a batch report: exit 2" 2 "$K" check --format json -o "$T/bad.json" "$T/bad.xlsx" "$B"
jq -e '.declarations[0].error.kind == "invalid" and (.declarations[0].error.message.ja | contains("資産!E3"))' \
  "$T/bad.json" >/dev/null && ok || bad "batch: the workbook's error entry lacks its cell"

# ---- what other programs write: openpyxl, with numbers as text, text as numbers, dates,
# booleans, trailing empty rows, hidden rows
$PY tests/xlsx/fill.py "$B" "$T/typed.xlsx" '団体情報!H3=int:112496' '資産!E3=12' '資産!I3=bool:1' \
  '資産!I4=TRUE' '資産!I5=いいえ' '団体情報!K3=date:2026-10-01' '資産!A40=   ' '資産!B41=empty:'
expect_rc "typed cells: convert" 0 "$K" convert "$T/typed.xlsx" -o "$T/typed.json"
jq -e '.body.code == "112496" and .assets[0].count == 12 and .assets[0].internet_boundary == true
  and .assets[1].internet_boundary == true and .assets[2].internet_boundary == false
  and .body.as_of == "2026-10-01" and (.assets | length) == 29' "$T/typed.json" >/dev/null &&
  ok || bad "typed cells: $(jq -c '{code: .body.code, count: .assets[0].count, as_of: .body.as_of, n: (.assets | length)}' "$T/typed.json")"
# saved again by openpyxl as it is, and with a data row hidden: the same declaration
$PY tests/xlsx/fill.py "$B" "$T/resaved.xlsx"
"$K" convert "$T/resaved.xlsx" -o "$T/resaved.json" >/dev/null 2>&1
same_data samples/base.json "$T/resaved.json" && ok || { bad "openpyxl resave changed the data"; head -5 "$T/diff"; }
$PY tests/xlsx/fill.py "$B" "$T/hidden.xlsx" '資産!A4=hide:'
"$K" convert "$T/hidden.xlsx" -o "$T/hidden.json" >/dev/null 2>&1
same_data samples/base.json "$T/hidden.json" && ok || bad "a hidden data row changed the data"
# a code written as a number keeps its leading zero
"$K" convert samples/alpha-town.json -o "$T/z.xlsx" >/dev/null 2>&1
code=$(jq -r .body.code samples/alpha-town.json)
$PY tests/xlsx/fill.py "$T/z.xlsx" "$T/z2.xlsx" "団体情報!H3=int:$((10#$code))"
"$K" convert "$T/z2.xlsx" -o "$T/z2.json" >/dev/null 2>&1
[ "$(jq -r .body.code "$T/z2.json")" = "$code" ] && ok || bad "code as a number: $(jq -r .body.code "$T/z2.json"), expected $code"
# merged cells and formulas are refused by cell
$PY tests/xlsx/fill.py "$B" "$T/merged.xlsx" '資産!A1=merge:B4:C4'
expect_rc "merged cells: exit 2" 2 "$K" check "$T/merged.xlsx"
contains "merged cells: named" "$T/err" "資産!B4: 結合されたセルは読めません"
$PY tests/xlsx/fill.py "$B" "$T/formula.xlsx" '資産!E3=formula:=1+1'
expect_rc "formula: exit 2" 2 "$K" check "$T/formula.xlsx"
contains "formula: named" "$T/err" "資産!E3: 数式は使えません"
# evidence by cell: a fact cell gets evidence, a non-fact cell is refused
$PY tests/xlsx/fill.py "$B" "$T/ev.xlsx" '証跡!A3=資産!E3'
expect_rc "evidence on a non-fact: exit 2" 2 "$K" check "$T/ev.xlsx"
contains "evidence on a non-fact: named" "$T/err" "証跡!A3:"

# ---- hand-made and hostile workbooks (tests/xlsx/hostile.py): the small valid one reads
# (inline strings, furigana left out, a number stored as text, a boolean cell, a trailing
# empty row, hidden row 2); every hostile one exits 2 with its reason, within 1 GB of memory
# and 60 seconds, never a crash
H=$T/hostile
$PY tests/xlsx/hostile.py "$H" || bad "hostile.py failed"
expect_rc "tiny workbook" 0 "$K" convert "$H/tiny.xlsx" -o "$T/tiny.json"
jq -e '. == {"model": "beta", "body": {"name": "みどり野村", "population": 1200},
  "segment_boundary": {"internet_lgwan_screen_transfer_only": true}}' "$T/tiny.json" >/dev/null &&
  ok || bad "tiny workbook: $(jq -c . "$T/tiny.json")"
while read -r name reason; do
  # (ASan reserves terabytes of address space: no limit under make test-asan, which sets
  # ASAN_OPTIONS; its own checks stand in)
  (if [ -z "${ASAN_OPTIONS:-}" ]; then ulimit -v 1048576; fi
   timeout -k 5 60 "$K" check "$H/$name.xlsx" >"$T/out" 2>"$T/err"); rc=$?
  [ "$rc" = 2 ] && ok || bad "hostile $name: exit $rc, expected 2"
  contains "hostile $name: reason" "$T/err" "$reason"
  grep -qiE 'AddressSanitizer|runtime error|Segmentation' "$T/err" && bad "hostile $name: crash" || ok
done <<'CASES'
bomb 展開後の大きさが上限を超えます
liar 大きさの記録が偽りです
laughs XML に DTD があります
traversal ZIP の項目名が安全ではありません
absolute ZIP の項目名が安全ではありません
sst_huge 共有文字列が多すぎます
deep XML の入れ子が深すぎます
truncated ファイルが途中で切れています
not_utf8 XML として読めません
latin1 XML として読めません
crc CRC が一致しません
zip64 ZIP64 形式のブックは読めません
encrypted 暗号化されたブックは読めません
badref 団体情報: セル番地が不正です
sst_index 共有文字列の番号が範囲外です
spec_damaged 団体情報!C2: 2 行目（非表示）の列の指定が壊れています
empty_zip Excel のブック（xl/workbook.xml）ではありません
CASES
"$K" check --lang en "$H/bomb.xlsx" >/dev/null 2>"$T/err"
contains "hostile bomb: English" "$T/err" "exceeds the limit (a zip bomb?)"

echo "xlsxdecl: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
