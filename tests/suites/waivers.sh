#!/usr/bin/env bash
# An expired waiver is shown as expired in every format (text, HTML in both languages, CSV,
# XLSX), apart from the valid ones, and the headline counts it; a waiver is valid up to and
# including its expiry date (schema: expires = 有効期限, the last day it is valid).
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh
G=samples/gaps-village.json   # waiver /waivers/0 on PV-03, expires 2025-03-31; body as_of later

expect_rc "text with an expired waiver" 1 "$K" check "$G" --no-risk
contains "text marks the waiver expired" "$T/out" "例外承認の期限切れ: 2025-03-31"
contains "text totals count it" "$T/out" "期限切れの例外承認（指摘は不適合・推奨未達のまま数えます）: 1件"
expect_rc "text in English" 1 "$K" check "$G" --no-risk --lang en
contains "English totals count it" "$T/out" "Expired waivers (the findings still count as failed or warned): 1"

expect_rc "HTML" 1 "$K" check "$G" --no-risk --format html -o "$T/r.html"
contains "HTML headline counts the expired waiver" "$T/r.html" "参考 1件（期限切れの例外承認 1件：指摘は不適合・推奨未達のまま数えます）"
contains "HTML lists it under its own heading" "$T/r.html" "<h3>期限切れの例外承認（指摘は不適合・推奨未達のまま数えます）</h3>"
contains "HTML marks its expiry" "$T/r.html" "2025-03-31<br><span class=\"badge s-fail\">期限切れ</span>"
grep -q "<h2>例外承認された指摘</h2>\s*<table" "$T/r.html" && bad "HTML lists the expired waiver as a valid one" || ok
expect_rc "English HTML" 1 "$K" check "$G" --no-risk --format html --lang en -o "$T/e.html"
contains "English HTML headline" "$T/e.html" "(expired waivers 1: their findings still count)"
contains "English HTML heading" "$T/e.html" "<h3>Expired waivers (the findings still count as failed or warned)</h3>"

expect_rc "CSV" 1 "$K" check "$G" --no-risk --format csv -o "$T/r.csv"
contains "CSV marks the expiry" "$T/r.csv" "2025-03-31（期限切れ）"
expect_rc "English CSV" 1 "$K" check "$G" --no-risk --format csv --lang en -o "$T/e.csv"
contains "English CSV marks the expiry" "$T/e.csv" "2025-03-31 (expired)"
if command -v unzip >/dev/null; then
  expect_rc "XLSX" 1 "$K" check "$G" --no-risk --format xlsx -o "$T/r.xlsx"
  # the findings sheet (its strings are inline: the workbook is written in constant memory)
  unzip -p "$T/r.xlsx" xl/worksheets/sheet1.xml >"$T/sheet1.xml" 2>/dev/null
  contains "XLSX marks the expiry" "$T/sheet1.xml" "2025-03-31（期限切れ）"
fi

# the expiry date itself is still covered (inclusive); the day after is not
expect_rc "on its expiry date" 1 "$K" check "$G" --no-risk --format json --as-of 2025-03-31 -o "$T/on.json"
grep -q '"expired":[[:space:]]*false' "$T/on.json" && ok || bad "not valid on its expiry date"
expect_rc "the day after" 1 "$K" check "$G" --no-risk --format json --as-of 2025-04-01 -o "$T/after.json"
grep -q '"expired":[[:space:]]*true' "$T/after.json" && ok || bad "not expired the day after"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
