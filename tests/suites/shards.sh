#!/usr/bin/env bash
# A national run split over machines (docs/rollup.md): `check --shard I/N` evaluates a
# deterministic share of the inputs, four shards run side by side with GNU parallel, and
# `kyojin summary` of the four results gives, byte for byte and in every format, the summary of
# a single run. A missing shard, a shard given twice, a body given twice and results of two
# policy sets are reported; every input is accounted for exactly once.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
K=$(cd "$(dirname "$K")" && pwd)/$(basename "$K")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh
command -v parallel >/dev/null || { bad "GNU parallel is missing (tests/deps.sh test)"; echo "$passed passed, $failed failed"; exit 1; }

"$K" gen --out "$T/D" --count 60 --quiet || bad "gen"
A=(--as-of 2026-04-01 --no-progress)

# one run, and the same inputs in four shards in parallel (one process each)
expect_rc "single run" 1 "$K" check "$T/D" "${A[@]}" --format json -o "$T/all.json"
mkdir -p "$T/shards"
parallel --halt never "'$K' check '$T/D' ${A[*]} --shard {}/4 --format json -o '$T/shards/r{}.json'" ::: 1 2 3 4
for i in 1 2 3 4; do [ -s "$T/shards/r$i.json" ] && ok || bad "shard $i wrote no result"; done

# the shards: deterministic shares, every input in exactly one, recorded in the result
ls "$T/D"/*.json | LC_ALL=C sort >"$T/inputs"
for i in 1 2 3 4; do jq -r '.declarations[].file' "$T/shards/r$i.json"; done | LC_ALL=C sort >"$T/covered"
cmp -s "$T/inputs" "$T/covered" && ok || bad "the four shards do not cover every input exactly once"
[ "$(jq -r '.declarations[].file' "$T/shards/r2.json" | head -2 | tr '\n' ' ')" = "$(sed -n '2p;6p' "$T/inputs" | tr '\n' ' ')" ] \
  && ok || bad "shard 2/4 is not the inputs 2, 6, 10, ... of the sorted list"
[ "$(jq -c .shard "$T/shards/r3.json")" = '{"index":3,"count":4}' ] && ok || bad "the result does not record its shard"
[ "$(jq -c .shard "$T/all.json")" = null ] && ok || bad "a run without --shard records a shard"
"$K" check "$T/D" "${A[@]}" --shard 3/4 --format json -o "$T/again.json" >/dev/null 2>&1
cmp -s "$T/again.json" "$T/shards/r3.json" && ok || bad "the same shard twice gives different results"

# merged = single, byte for byte, in every format and language; the file order does not matter
for f in text json csv html; do
  for l in ja en; do
    "$K" summary "$T/all.json" --format "$f" --lang "$l" -o "$T/one.$f.$l" 2>"$T/err1" || bad "summary of the single run ($f)"
    "$K" summary "$T/shards" --format "$f" --lang "$l" -o "$T/four.$f.$l" 2>"$T/err4" || bad "summary of the shards ($f)"
    cmp -s "$T/one.$f.$l" "$T/four.$f.$l" && ok || bad "merged shards differ from the single run ($f, $l)"
    [ -s "$T/err4" ] && bad "summary of the complete shards warns ($f): $(head -1 "$T/err4")" || ok
  done
done
"$K" summary "$T/shards/r4.json" "$T/shards/r2.json" "$T/shards/r1.json" "$T/shards/r3.json" --format json -o "$T/shuffled.json"
cmp -s "$T/one.json.ja" "$T/shuffled.json" && ok || bad "the order of the inputs changes the summary"
[ "$(jq .totals.bodies "$T/four.json.ja")" = 60 ] && ok || bad "every body counted once"

# a shard missing: said in the output and on stderr, and the numbers are those of what was read
expect_rc "summary with a shard missing" 0 "$K" summary "$T/shards/r1.json" "$T/shards/r2.json" "$T/shards/r4.json"
contains "missing shard (output)" "$T/out" "4 分割のうち 3"
contains "missing shard (stderr)" "$T/err" "4 分割のうち 3"
expect_rc "summary with a shard missing (en)" 0 "$K" summary --lang en --format json "$T/shards/r1.json" "$T/shards/r2.json" "$T/shards/r4.json"
[ "$(jq -r '.warnings[0]' "$T/out")" = "Shards missing: 3 of 4 (check --shard I/4)." ] && ok || bad "missing shard (json): $(jq -c .warnings "$T/out")"
[ "$(jq .totals.bodies "$T/out")" = 45 ] && ok || bad "a missing shard: the bodies read are counted"

# a shard given twice: the shard and its bodies are reported, each body counted once
expect_rc "summary with a shard twice" 0 "$K" summary --format json --lang en "$T/shards" "$T/shards/r2.json"
[ "$(jq .totals.bodies "$T/out")" = 60 ] && ok || bad "a shard twice: bodies counted twice"
[ "$(jq .totals.duplicates "$T/out")" = 15 ] && ok || bad "a shard twice: duplicates not reported"
jq -e '.warnings | map(select(test("more than once: 2 of 4"))) | length == 1' "$T/out" >/dev/null && ok || bad "a shard twice: not warned"
jq -e --arg f "$T/shards/r2.json" '.duplicates | all(.also_in == $f)' "$T/out" >/dev/null && ok || bad "duplicates do not name the repeated result"
expect_rc "summary html with duplicates" 0 "$K" summary --format html "$T/shards" "$T/shards/r2.json"
contains "duplicates listed in the page" "$T/out" 'id="duplicates"'

# a whole run and its shards together: every body twice, and the mix of splits is said
expect_rc "summary of a run and its shards" 0 "$K" summary --lang en --format json "$T/all.json" "$T/shards"
[ "$(jq .totals.duplicates "$T/out")" = 60 ] && ok || bad "a run with its own shards: duplicates"
jq -e '.warnings | map(select(test("mix results of different splits"))) | length == 1' "$T/out" >/dev/null && ok || bad "a run with its own shards: not warned"

# two policy sets: loudly
jq '.policy_set.sha256 = "0000" | .policy_set.edition = "2027"' "$T/shards/r4.json" >"$T/other-set.json"
jq '.policy_set.sha256 = "1111" | del(.policy_set.edition)' "$T/shards/r3.json" >"$T/no-edition.json"
expect_rc "summary of three policy sets" 0 "$K" summary "$T/shards/r1.json" "$T/shards/r2.json" "$T/no-edition.json" "$T/other-set.json"
contains "mixed policy sets (text)" "$T/out" "【注意】 結果が 3 種類の異なるポリシー集"
contains "the bundled pack's edition" "$T/out" "版: $(jq -r .policy_set.edition "$T/shards/r1.json")"
contains "the other set's edition" "$T/out" "版: 2027"
contains "a set without edition" "$T/out" "版: 版の記載なし"
expect_rc "summary html of two policy sets" 0 "$K" summary --format html "$T/shards/r1.json" "$T/other-set.json"
contains "mixed policy sets (html)" "$T/out" 'class="warn" role="alert"'

# --shard on the command line
expect_rc "--shard 0/4" 2 "$K" check "$T/D" --shard 0/4
expect_rc "--shard 5/4" 2 "$K" check "$T/D" --shard 5/4
expect_rc "--shard x" 2 "$K" check "$T/D" --shard 1/x
contains "--shard: message" "$T/err" "--shard は I/N"
expect_rc "--shard beyond the inputs" 2 "$K" check "$T/D/010006.json" --shard 2/2
contains "--shard: empty share" "$T/err" "この分割に入る申告がありません"

# a shard's report verifies with the declarations of its share (the share is recorded, not
# chosen again), and the inputs of other shards are named as not in the report
share=$(jq -r '.declarations[].file' "$T/shards/r2.json")
args=""; for f in $share; do args="$args --declaration $f"; done
expect_rc "verify a shard's result" 0 sh -c "cd '$T' && '$K' verify shards/r2.json $args"
all=""; for f in "$T"/D/*.json; do all="$all --declaration $f"; done
expect_rc "verify a shard's result with every input" 1 sh -c "cd '$T' && '$K' verify shards/r2.json $all"
contains "the other shards' inputs are not in the report" "$T/out" "は報告書にありません"

# --date: the summary says the given date, never the clock
"$K" summary "$T/shards" --date 2026-10-01 -o "$T/dated.txt"
contains "--date" "$T/dated.txt" "集計日: 2026-10-01"
expect_rc "--date not a date" 2 "$K" summary "$T/shards" --date 2026-13-01

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
