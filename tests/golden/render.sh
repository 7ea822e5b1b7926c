#!/usr/bin/env bash
# render.sh KYOJIN OUTDIR — every output of every sample, for byte-for-byte comparison.
# Renders, for each samples/*.json, every check format (text, json, html, csv with each
# table, xlsx, sarif, junit) in Japanese and English, the risk sheets and a --no-risk run;
# each invalid sample's messages; list, explain, schema; and a small generated batch with
# its summary and diff. Each command's exit code goes to OUTDIR/exit-codes.txt.
# Used by tests/suites/golden.sh against the fixtures in tests/golden/fixtures.
set -u
kyojin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"
export SOURCE_DATE_EPOCH=1700000000 NO_COLOR=1 LC_ALL=C.UTF-8
codes=$out/exit-codes.txt
: >"$codes"
# run NAME CMD... — stdout to NAME.out, stderr to NAME.err (both kept), exit code recorded
run() {
  local name=$1; shift
  "$@" >"$out/$name.out" 2>"$out/$name.err"
  echo "$name $?" >>"$codes"
  [ -s "$out/$name.err" ] || rm -f "$out/$name.err"
}
# file NAME EXT CMD... — the command writes its report to -o NAME.EXT
file() {
  local name=$1 ext=$2; shift 2
  "$@" -o "$out/$name.$ext" >"$out/$name.out" 2>"$out/$name.err"
  echo "$name $?" >>"$codes"
  [ -s "$out/$name.out" ] || rm -f "$out/$name.out"
  [ -s "$out/$name.err" ] || rm -f "$out/$name.err"
}
k="$kyojin"
for s in samples/*.json; do
  n=$(basename "$s" .json)
  for lang in ja en; do
    run "$n.$lang.text" $k check "$s" --lang $lang
    run "$n.$lang.json" $k check "$s" --lang $lang --format json
    run "$n.$lang.sarif" $k check "$s" --lang $lang --format sarif
    run "$n.$lang.junit" $k check "$s" --lang $lang --format junit
    file "$n.$lang.html" html $k check "$s" --lang $lang --format html
    for t in findings assets trees meta; do
      run "$n.$lang.csv-$t" $k check "$s" --lang $lang --format csv --csv-table $t
    done
    file "$n.$lang" xlsx $k check "$s" --lang $lang --format xlsx
    run "$n.$lang.risk" $k risk "$s" --lang $lang
  done
  run "$n.norisk.json" $k check "$s" --no-risk --format json
done
for s in samples/invalid/*.json; do
  n=invalid-$(basename "$s" .json)
  run "$n.ja" $k check "$s"
  run "$n.en" $k check "$s" --lang en
done
run list $k list
run list-coverage $k list --coverage
run list-en $k list --lang en
run schema $k schema
for id in $($k list | awk '{print $1}'); do
  run "explain-$id" $k explain "$id"
done
run explain-en-AP-01 $k explain AP-01 --lang en
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$k gen --out "$tmp/a" --count 12 --seed 7 >/dev/null 2>&1
$k gen --out "$tmp/b" --count 12 --seed 8 >/dev/null 2>&1
(cd "$tmp/a" && ls) >"$out/gen-a.list"
cat "$tmp"/a/*.json | sha256sum >"$out/gen-a.sha256"
(cd "$tmp" && run batch-a "$k" check a --format json)
(cd "$tmp" && run batch-b "$k" check b --format json)
cp "$out/batch-a.out" "$tmp/ra.json"; cp "$out/batch-b.out" "$tmp/rb.json"
(cd "$tmp" && for f in text json csv html; do run "summary-$f" "$k" summary ra.json --format $f; done)
(cd "$tmp" && run diff-ab "$k" diff ra.json rb.json)
(cd "$tmp" && run diff-ab-json "$k" diff ra.json rb.json --format json)
exit 0
