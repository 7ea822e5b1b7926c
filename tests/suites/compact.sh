#!/usr/bin/env bash
# compact: the JSON result of schema kyojin/result/v2 (docs/result-schema.md). Each policy's
# metadata once per document (catalog), none in the declarations; summary detail without the
# risk tables' words and with only the A and B rows; --detail full with fields_read and every
# row; a batch result no larger than its declarations (kyojin gen --count 40); one declaration
# per line; --jobs 1 and --jobs 2 byte-identical (summary and full); verify passes on a v2
# report (summary and full, one file and a batch of 40) and on a v1 report (byte for byte, in
# its own form) and names a doctored value by its JSON pointer; the readers (summary, diff)
# read v2.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
K=$ROOT/${KYOJIN:-kyojin}
[ -x "$K" ] || K=${KYOJIN:-./kyojin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh
unset SOURCE_DATE_EPOCH
export NO_COLOR=1
# check NAME JQ-EXPRESSION FILE — the expression is true of the document
jqtrue() { if jq -e "$2" "$3" >/dev/null 2>&1; then ok; else bad "$1"; fi; }

D=samples/gaps-village.json
"$K" check "$D" --format json -o "$T/s.json" 2>/dev/null
"$K" check "$D" --format json --detail full -o "$T/f.json" 2>/dev/null

# ---------------------------------------------------------------- metadata once
jqtrue "schema v2" '.schema == "kyojin/result/v2"' "$T/s.json"
jqtrue "catalog before declarations" '(keys_unsorted | index("catalog")) < (keys_unsorted | index("declarations"))' "$T/s.json"
jqtrue "catalog lists every policy of the set" '(.catalog.policies | length) == .policy_set.policies' "$T/s.json"
jqtrue "catalog entries carry the metadata" \
  '[.catalog.policies[] | has("id") and has("requirements") and has("level") and has("title") and has("countermeasures")] | all' "$T/s.json"
jqtrue "catalog ids match the declaration's policies in order" \
  '[.catalog.policies[].id] == [.declarations[0].policies[].id]' "$T/s.json"
for k in requirements level title source remediation countermeasures; do
  jqtrue "no $k in a declaration's policy entry" "[.declarations[].policies[] | has(\"$k\")] | any | not" "$T/s.json"
  jqtrue "no $k in a declaration's policy entry (full)" "[.declarations[].policies[] | has(\"$k\")] | any | not" "$T/f.json"
done
# the catalog says what v1 said per entry (the v1 form is what verify renders for old reports:
# the result in memory, as the other writers see it)
"$K" check "$D" --format html -o "$T/s.html" 2>/dev/null
title=$(jq -r '.catalog.policies[] | select(.id == "ST-01") | .title.ja' "$T/s.json")
[ -n "$title" ] && grep -qF -- "$title" "$T/s.html" && ok || bad "ST-01's title from the catalog is the one the HTML shows"

# ---------------------------------------------------------------- summary detail
jqtrue "summary: no fields_read" '[.declarations[].policies[] | has("fields_read")] | any | not' "$T/s.json"
jqtrue "summary: risk detail" '.declarations[0].risk.detail == "summary"' "$T/s.json"
jqtrue "summary: only A and B rows" '[.declarations[0].risk.asset_rows[].risk_value] | all(. == "A" or . == "B")' "$T/s.json"
jqtrue "summary: every A and B row" \
  '(.declarations[0].risk.asset_rows | length) == (.declarations[0].risk.counts.A + .declarations[0].risk.counts.B)' "$T/s.json"
jqtrue "summary: some A or B row in this sample" '(.declarations[0].risk.asset_rows | length) > 0' "$T/s.json"
jqtrue "summary: rows keep no, asset, asset_name, threat, risk_value" \
  '[.declarations[0].risk.asset_rows[] | has("no") and has("asset") and has("asset_name") and has("threat") and has("risk_value")] | all' "$T/s.json"
jqtrue "summary: no countermeasure names in rows" \
  '[.declarations[0].risk.asset_rows[].countermeasures[] | has("name") or has("stages")] | any | not' "$T/s.json"
jqtrue "summary: no threat names in rows" '[.declarations[0].risk.asset_rows[] | has("threat_name") or has("absent")] | any | not' "$T/s.json"
jqtrue "summary: no threat names in the ranked fixes" \
  '[.declarations[0].risk.delta[].improvements[] | has("threat_name")] | any | not' "$T/s.json"
jqtrue "summary: ranked fixes kept" '(.declarations[0].risk.delta | length) > 0' "$T/s.json"
jqtrue "summary: counts and tree counts" '.declarations[0].risk | has("counts") and has("tree_counts") and has("out_of_scope") and has("warnings")' "$T/s.json"
jqtrue "summary: no matrix or rules per declaration" '.declarations[0].risk | (has("matrix") or has("rules")) | not' "$T/s.json"
jqtrue "summary: findings keep pointer, line, column" \
  '[.declarations[0].policies[].findings[] | has("pointer") and has("line") and has("column") and has("status")] | all' "$T/s.json"
jqtrue "summary: a failing finding keeps its message" \
  '[.declarations[0].policies[].findings[] | select(.status == "fail") | .message.ja | length > 0] | all' "$T/s.json"
jqtrue "summary: unset finding members left out" \
  '[.declarations[0].policies[].findings[] | (has("evidence_refs") and .evidence_refs == []) or (has("waiver") and .waiver == null) or (has("classification") and .classification == null) or (has("evidence") and .evidence == null)] | any | not' "$T/s.json"
jqtrue "summary: a passing finding without its message" '[.declarations[0].policies[].findings[] | select(.status == "pass") | has("message")] | any | not' "$T/s.json"
jqtrue "full: a passing finding with its message" '[.declarations[0].policies[].findings[] | select(.status == "pass") | has("message")] | all' "$T/f.json"
jqtrue "summary: no null reason" '[.declarations[0].policies[] | select(has("reason")) | .reason == null] | any | not' "$T/s.json"

# ---------------------------------------------------------------- --detail full
jqtrue "full: fields_read on every entry" '[.declarations[0].policies[] | has("fields_read")] | all' "$T/f.json"
jqtrue "full: every row" \
  '(.declarations[0].risk.asset_rows | length) == ([.declarations[0].risk.counts[]] | add)' "$T/f.json"
jqtrue "full: rows below B present" '[.declarations[0].risk.asset_rows[].risk_value] | any(. == "D" or . == "E")' "$T/f.json"
jqtrue "full: every tree" \
  '(.declarations[0].risk.attack_trees | length) == ([.declarations[0].risk.tree_counts[]] | add)' "$T/f.json"
jqtrue "full: names in rows" '[.declarations[0].risk.asset_rows[] | has("threat_name")] | all' "$T/f.json"
jqtrue "full: risk detail" '.declarations[0].risk.detail == "full" and (.declarations[0].risk | has("matrix"))' "$T/f.json"
a=$(jq -c '[.declarations[] | .counts, .compliant, [.policies[] | .id, .status, [.findings[] | .pointer, .status]], .risk.counts, .risk.tree_counts, .risk.delta[].policy]' "$T/s.json")
b=$(jq -c '[.declarations[] | .counts, .compliant, [.policies[] | .id, .status, [.findings[] | .pointer, .status]], .risk.counts, .risk.tree_counts, .risk.delta[].policy]' "$T/f.json")
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "summary and full agree on statuses, findings, counts and fixes"

# ---------------------------------------------------------------- layout
n=$(grep -c '^		{"file":' "$T/s.json")
[ "$n" = 1 ] && ok || bad "one declaration on one line (found $n)"

# ---------------------------------------------------------------- a batch: size and jobs
"$K" gen --out "$T/g" --count 40 --quiet
in=$(cat "$T"/g/*.json | wc -c)
"$K" check "$T/g" --no-progress --format json -o "$T/j1.json" 2>/dev/null
"$K" check "$T/g" --no-progress --jobs 2 --format json -o "$T/j2.json" 2>/dev/null
out=$(wc -c <"$T/j1.json")
[ "$out" -gt 0 ] && [ "$out" -le "$in" ] && ok || bad "batch result ($out bytes) larger than its declarations ($in bytes)"
cmp -s "$T/j1.json" "$T/j2.json" && ok || bad "--jobs 2 differs from --jobs 1"
jqtrue "batch: 40 declarations" '.declarations | length == 40' "$T/j1.json"
"$K" check "$T/g" --no-progress --detail full --format json -o "$T/f1.json" 2>/dev/null
"$K" check "$T/g" --no-progress --detail full --jobs 2 --format json -o "$T/f2.json" 2>/dev/null
cmp -s "$T/f1.json" "$T/f2.json" && ok || bad "--detail full: --jobs 2 differs from --jobs 1"
[ "$(wc -c <"$T/f1.json")" -gt "$out" ] && ok || bad "--detail full is not larger than summary"
# the readers: summary and diff of v2 results
"$K" summary --format json "$T/j1.json" >"$T/sum.json" 2>"$T/sum.err"
jqtrue "summary reads v2: 40 bodies" '.totals.bodies == 40' "$T/sum.json"
expect_rc "diff of a v2 result with itself" 0 "$K" diff "$T/j1.json" "$T/f1.json"

# ---------------------------------------------------------------- verify
A=$T/decl.json
cp "$D" "$A"
expect_rc "verify v2 summary" 0 "$K" verify "$T/s.json" --declaration "$A"
contains "verify v2 summary: identical" "$T/out" "1 バイトも違いません"
expect_rc "verify v2 full" 0 "$K" verify "$T/f.json" --declaration "$A"
contains "verify v2 full: identical" "$T/out" "1 バイトも違いません"
# doctored: a risk letter of an A/B row, a catalog title, a finding's line
jq -c '.declarations[0].risk.asset_rows[0].risk_value = "E"' "$T/s.json" >"$T/d1.json"
expect_rc "doctored risk value" 1 "$K" verify "$T/d1.json" --declaration "$A"
contains "doctored risk value: pointer" "$T/out" "/declarations/0/risk/asset_rows/0/risk_value"
jq '.catalog.policies[0].title.ja = "書き換え"' "$T/s.json" >"$T/d2.json"
expect_rc "doctored catalog title" 1 "$K" verify "$T/d2.json" --declaration "$A"
contains "doctored catalog title: pointer" "$T/out" "/catalog/policies/0/title/ja"
# the bytes only (one declaration line moved onto several): the layout is named
jq '.' "$T/s.json" >"$T/d3.json"
expect_rc "re-indented" 1 "$K" verify "$T/d3.json" --declaration "$A"
contains "re-indented: layout only" "$T/out" "書式"
# a report of the older schema kyojin/result/v1 (the full form with the metadata in every
# entry, as kyojin wrote it before; made here from the v2 full result): still verified byte
# for byte, rendered again in its own form; a doctored title in an entry is named
python3 tests/suites/lib/result_v1.py "$T/f.json" >"$T/v1.json"
jqtrue "v1 made for the test" '.schema == "kyojin/result/v1" and (has("catalog") | not) and (.declarations[0].policies[0] | has("title") and has("fields_read"))' "$T/v1.json"
expect_rc "verify v1" 0 "$K" verify "$T/v1.json" --declaration "$A"
contains "verify v1: identical" "$T/out" "1 バイトも違いません"
jq '.declarations[0].policies[0].title.ja = "書き換え"' "$T/v1.json" >"$T/d4.json"
expect_rc "doctored v1 title" 1 "$K" verify "$T/d4.json" --declaration "$A"
contains "doctored v1 title: pointer" "$T/out" "/declarations/0/policies/0/title/ja"
# a batch of 40, rendered by workers
args=()
for f in "$T"/g/*.json; do args+=(--declaration "$f"); done
expect_rc "verify a batch of 40 (jobs 2)" 0 "$K" verify "$T/j2.json" "${args[@]}"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
