#!/usr/bin/env bash
# kyojin diff and check --baseline match bodies by 団体コード (body.code), the file only as a
# fallback: two years' folders whose file names all differ, one body compliant → not compliant
# (exit 1, named in text and JSON); a body moved to another file; a code on two declarations
# (listed, never merged, exit 1); results without codes (matched by file); results of schema v1
# and v2 (policy metadata in the catalog, only the A/B risk rows: written here with jq, apart
# from the JSON writer); --baseline against a baseline whose files have other names.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh
jqe() { local name=$1 file=$2 expr=$3; if jq -e "$expr" "$file" >/dev/null 2>&1; then ok; else bad "$name: $expr"; fi; }

"$K" gen --out "$T/g" --count 9 --quiet || { echo "0 passed, 1 failed"; exit 1; }
mkdir "$T/y1" "$T/y2"
i=0
for f in "$T"/g/*.json; do
  b=$(basename "$f" .json); i=$((i + 1))
  cp "$f" "$T/y1/2025-$b.json"
  cp "$f" "$T/y2/r$((10 - i))-2026.json"   # every name differs, and their order too
done
# one body (012017) stops managing its removable media: DL-05 (required) fails in 2026
f2=$(grep -lE '"code":[[:space:]]*"012017"' "$T"/y2/*.json)
jq '.removable_media.used = true | .removable_media.media_management = false' "$f2" >"$T/t" && mv "$T/t" "$f2"
check() { "$K" check --no-progress --format json -o "$2" "$1" >/dev/null 2>&1; }
check "$T/y1" "$T/y1.json"; check "$T/y2" "$T/y2.json"
jqe "012017 was compliant" "$T/y1.json" '.declarations[] | select(.body.code == "012017") | .compliant'
jqe "012017 is not compliant now" "$T/y2.json" '.declarations[] | select(.body.code == "012017") | .compliant | not'

# ---- renamed folders ----
expect_rc "renamed folders: regression exits 1" 1 "$K" diff "$T/y1.json" "$T/y2.json"
contains "text: compliance lost, named" "$T/out" "準拠の変化: 1"
grep -q "^  012017 .*準拠 → 非準拠$" "$T/out" && ok || bad "text: 012017 準拠 → 非準拠 not listed"
contains "text: the new failure" "$T/out" "DL-05 /removable_media"
contains "text: nothing added" "$T/out" "追加された申告: 0"
contains "text: nothing removed" "$T/out" "削除された申告: 0"
contains "text: all moved" "$T/out" "別のファイルに移った団体: 9"
contains "text: verdict" "$T/out" "判定: 悪化あり"
expect_rc "renamed folders (en)" 1 "$K" diff --lang en "$T/y1.json" "$T/y2.json"
contains "en: compliance" "$T/out" "compliant → not compliant"
contains "en: moved" "$T/out" "Bodies moved to another file: 9"
expect_rc "renamed folders (json)" 1 "$K" diff --format json -o "$T/d.json" "$T/y1.json" "$T/y2.json"
jqe "json: counts" "$T/d.json" '.schema == "kyojin/diff/v2" and .worse and .counts.compliance_lost == 1 and .counts.newly_failing == 1 and .counts.added == 0 and .counts.removed == 0 and .counts.moved == 9'
jqe "json: compliance names the body" "$T/d.json" '.compliance[0].code == "012017" and (.compliance[0].file | endswith(".json")) and .compliance[0].from == true and .compliance[0].to == false'
jqe "json: moved names both files" "$T/d.json" '[.moved[] | select(.code == "012017")][0] | (.old_file | test("y1/2025-012017.json$")) and (.file | test("y2/r[0-9]-2026.json$"))'
expect_rc "fixed only: exit 0" 0 "$K" diff "$T/y2.json" "$T/y1.json"
contains "fixed only: verdict" "$T/out" "判定: 悪化なし"

# ---- one body moved, one removed, one added ----
mkdir "$T/y3"; cp "$T"/y1/*.json "$T/y3/"
mv "$T/y3/2025-012025.json" "$T/y3/renamed.json"
rm "$T/y3/2025-012033.json"
jq '.body.code = "012092" | .body.name = "新設町"' "$T/y1/2025-012041.json" >"$T/y3/new.json"
check "$T/y3" "$T/y3.json"
expect_rc "moved/added/removed: no regression" 0 "$K" diff --format json -o "$T/d3.json" "$T/y1.json" "$T/y3.json"
jqe "moved: the one body" "$T/d3.json" '.counts.moved == 1 and .moved[0].code == "012025" and (.moved[0].file | endswith("/renamed.json"))'
jqe "added: by code" "$T/d3.json" '.counts.added == 1 and .added[0].code == "012092"'
jqe "removed: by code" "$T/d3.json" '.counts.removed == 1 and .removed[0].code == "012033"'
expect_rc "moved/added/removed (text)" 0 "$K" diff "$T/y1.json" "$T/y3.json"
contains "text: moved" "$T/out" "別のファイルに移った団体: 1"
grep -q "^  012092 新設町  .*/y3/new.json$" "$T/out" && ok || bad "text: added body not listed"
grep -q "^  012033 .*/y1/2025-012033.json$" "$T/out" && ok || bad "text: removed body not listed"

# ---- a code on two declarations ----
mkdir "$T/y4"; cp "$T"/y1/*.json "$T/y4/"; cp "$T/y2/$(basename "$f2")" "$T/y4/copy.json"
check "$T/y4" "$T/y4.json"
expect_rc "duplicated code: exit 1" 1 "$K" diff --format json -o "$T/d4.json" "$T/y1.json" "$T/y4.json"
jqe "duplicated code: listed with both files" "$T/d4.json" '.counts.duplicate_codes == 1 and .duplicate_codes[0].code == "012017" and .duplicate_codes[0].result == "new" and (.duplicate_codes[0].files | length) == 2'
jqe "duplicated code: not merged (the copy is added, the original compared by file)" "$T/d4.json" '.counts.added == 1 and (.added[0].file | endswith("/copy.json")) and .counts.compliance_lost == 0'
expect_rc "duplicated code (text)" 1 "$K" diff "$T/y1.json" "$T/y4.json"
contains "text: duplicated code" "$T/out" "団体コードの重複（ファイル名で照合しました）: 1"

# ---- results without codes: matched by file within each result's folder ----
jq '.declarations[].body.code = null' "$T/y1.json" >"$T/nc1.json"
mkdir "$T/y5"; cp "$T"/y1/*.json "$T/y5/"; cp "$f2" "$T/y5/2025-012017.json"
check "$T/y5" "$T/y5.json"; jq '.declarations[].body.code = null' "$T/y5.json" >"$T/nc5.json"
expect_rc "no code: falls back to the file" 1 "$K" diff --format json -o "$T/d5.json" "$T/nc1.json" "$T/nc5.json"
jqe "no code: same names in another folder match" "$T/d5.json" '.counts.added == 0 and .counts.moved == 0 and .counts.compliance_lost == 1 and (.compliance[0].file | endswith("y5/2025-012017.json"))'

# ---- schema v1 and v2 ----
V2='(.declarations[0].policies | map({id, requirements, level, title, source, remediation, countermeasures})) as $cat
 | .schema = "kyojin/result/v2" | .catalog = {policies: $cat}
 | .declarations |= map(.policies |= map(del(.requirements, .level, .title, .source, .remediation, .countermeasures, .fields_read) | if .reason == null then del(.reason) else . end)
     | if .risk then .risk.detail = "summary" | .risk.asset_rows |= map(select(.risk_value == "A" or .risk_value == "B")) | .risk.attack_trees |= map(select(.risk_value == "A" or .risk_value == "B")) else . end)'
jq "$V2" "$T/y1.json" >"$T/v2-y1.json"; jq "$V2" "$T/y2.json" >"$T/v2-y2.json"
jqe "v2 fixture: no metadata in the entries" "$T/v2-y2.json" '.declarations[0].policies[0] | has("level") | not'
jqe "v2 fixture: some rows dropped" "$T/v2-y1.json" '([.declarations[].risk.asset_rows[]] | length) < 9 * 10'
for pair in "y1 v2-y2" "v2-y1 y2" "v2-y1 v2-y2"; do
  set -- $pair
  expect_rc "$1 → $2: exit 1" 1 "$K" diff --format json -o "$T/dv.json" "$T/$1.json" "$T/$2.json"
  jqe "$1 → $2: same changes as v1 → v1, no spurious risk change" "$T/dv.json" '.counts.compliance_lost == 1 and .counts.newly_failing == 1 and .counts.moved == 9 and .counts.added == 0 and (.risk | length) == 0'
done
expect_rc "v1 → v2, same bodies: nothing worse" 0 "$K" diff --format json -o "$T/dv.json" "$T/y1.json" "$T/v2-y1.json"
jqe "v1 → v2 unchanged: no risk entry" "$T/dv.json" '(.risk | length) == 0 and .worse == false'
# a B row that is gone from a summary result is below B now ("C 以下"), never "no change"
jq '([.declarations[] | select(.risk.counts.B > 0)][0].file) as $f | (.declarations[] | select(.file == $f) | .risk) |= (. as $r | .asset_rows = [$r.asset_rows[] | select(.no != ([$r.asset_rows[] | select(.risk_value == "B")][0].no))] | .counts.B -= 1 | .counts.C += 1)' "$T/v2-y1.json" >"$T/v2-lower.json"
expect_rc "B row now below B: not worse" 0 "$K" diff "$T/v2-y1.json" "$T/v2-lower.json"
contains "B row now below B: said in words" "$T/out" "B → C 以下"
contains "B row now below B: counted as better" "$T/out" "悪化 0, 改善 1"
expect_rc "below B before, B now: worse" 1 "$K" diff --lang en "$T/v2-lower.json" "$T/v2-y1.json"
contains "below B before: said in words" "$T/out" "C or lower → B"

# ---- --baseline: a renamed declaration file still matches ----
expect_rc "--baseline across renamed files: only the new failure" 1 "$K" check --no-progress --format json -o "$T/b.json" --baseline "$T/y1.json" "$T/y2"
jqe "--baseline: one finding left, in 012017" "$T/b.json" '[.declarations[] | .body.code as $c | .policies[].findings[] | select(.status == "fail" or .status == "warn") | $c] == ["012017"] and .baseline.key == "body+policy+pointer"'
expect_rc "--baseline of schema v2" 1 "$K" check --no-progress --format json -o "$T/b2.json" --baseline "$T/v2-y1.json" "$T/y2"
jqe "--baseline v2: the same" "$T/b2.json" '[.declarations[].policies[].findings[] | select(.status == "fail" or .status == "warn")] | length == 1'
expect_rc "--baseline: nothing new under other names, exit 0" 0 "$K" check --no-progress --format json -o "$T/b3.json" --baseline "$T/y2.json" "$T/y2"
expect_rc "--baseline: a repeated code is told" 0 "$K" check --no-progress --format json -o "$T/b4.json" --baseline "$T/y4.json" "$T/y1"
contains "--baseline: repeated code on stderr" "$T/err" "団体コード 012017 が複数の申告にあります"
jqe "--baseline: repeated code recorded" "$T/b4.json" '.baseline.duplicate_codes.baseline == ["012017"]'

# ---- a new finding of a policy at level preview is listed, never a regression ----
# (y2 as a preview DL-05 would give it: the finding, but compliance and risk as before)
jq --slurpfile a "$T/y1.json" '(.catalog.policies[] | select(.id == "DL-05") | .level) = "preview"
  | (.declarations[] | select(.body.code == "012017")) |= (.compliant = true
    | .risk = ($a[0].declarations[] | select(.body.code == "012017") | .risk))' "$T/y2.json" >"$T/y2p.json"
expect_rc "preview: a new preview finding is no regression" 0 "$K" diff "$T/y1.json" "$T/y2p.json"
contains "preview: the finding is listed" "$T/out" "DL-05 /removable_media"
expect_rc "preview: json" 0 "$K" diff --format json "$T/y1.json" "$T/y2p.json"
jqe "preview: counted apart" "$T/out" '.counts.newly_failing == 1 and .counts.newly_failing_preview == 1 and (.worse | not)'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
