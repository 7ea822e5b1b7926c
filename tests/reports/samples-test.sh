#!/usr/bin/env bash
# samples-test.sh KYOJIN — every sample declaration through the whole CLI:
#   kyojin check --format json|html|xlsx|csv for each samples/*.json,
#   each format twice (byte-identical), the HTML in headless Chromium (screenshot, PDF,
#   key facts from the JSON result), the XLSX and CSV read back, and kyojin verify
#   (matching inputs → 0; a changed declaration, a changed policy file or an altered
#   report → 1). Artefacts: tests/artifacts/samples/. Ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
kyojin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
art=$root/tests/artifacts/samples
mkdir -p "$art"
cd "$root"
passed=0 failed=0
ok()  { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
sub() {
  local out rc p f
  out=$("$@" 2>&1); rc=$?
  printf '%s\n' "$out" | grep -E '^FAIL' | head -20
  p=$(printf '%s\n' "$out" | grep -oE '^[0-9]+ passed' | tail -1 | grep -oE '[0-9]+')
  f=$(printf '%s\n' "$out" | grep -oE '[0-9]+ failed' | tail -1 | grep -oE '[0-9]+')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then bad "$* exited $rc"; printf '%s\n' "$out" | tail -5; fi
}
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || bad "python3-openpyxl is missing (tests/deps.sh installs it)"
# the policy directory: the project's, or an empty one while none exists yet
if [ -d policies ]; then pol=$root/policies; else pol=$art/no-policies; mkdir -p "$pol"; fi
check() { "$kyojin" check --policies "$pol" "$@"; test $? -le 1; }

n_samples=0
for s in samples/*.json; do
  [ -e "$s" ] || continue
  n=$(basename "$s" .json); n_samples=$((n_samples + 1))
  # --detail full: every risk row, which the XLSX and CSV tables are compared with
  if ! check "$s" --format json --detail full -o "$art/$n.json" 2>"$art/$n.err"; then
    if [ "$pol" = "$art/no-policies" ]; then echo "skip: $n needs the policies (no policies/ yet)"; continue; fi
    bad "$n: check --format json"; cat "$art/$n.err"; continue
  fi
  ok
  for k in 1 2; do
    check "$s" --format html -o "$art/$n.$k.html" 2>/dev/null || bad "$n: check --format html"
    check "$s" --format xlsx -o "$art/$n.$k.xlsx" 2>/dev/null || bad "$n: check --format xlsx"
    check "$s" --format csv -o "$art/$n.$k.csv" 2>/dev/null || bad "$n: check --format csv"
  done
  for x in html xlsx csv; do cmp -s "$art/$n.1.$x" "$art/$n.2.$x" && ok || bad "$n: $x differs between runs"; done
  for t in assets trees meta; do check "$s" --format csv --csv-table $t -o "$art/$n.$t.csv" 2>/dev/null || bad "$n: csv $t"; done
  sub "$here/browser-check.sh" "$art/$n.json" "$art/$n.1.html" "$art" "$n"
  sub "$here/check_xlsx.py" "$art/$n.json" "$art/$n.1.xlsx"
  sub "$here/check_csv.py" "$art/$n.json" findings "$art/$n.1.csv"
  for t in assets trees meta; do sub "$here/check_csv.py" "$art/$n.json" $t "$art/$n.$t.csv"; done
  # verify: each kind of report against the inputs it came from
  for r in "$art/$n.json" "$art/$n.1.html" "$art/$n.1.xlsx" "$art/$n.meta.csv"; do
    "$kyojin" verify "$r" --declaration "$s" --policies "$pol" >"$art/$n.verify.out" 2>&1 && ok \
      || { bad "$n: verify $(basename "$r") should match"; cat "$art/$n.verify.out"; }
  done
done
[ "$n_samples" -gt 0 ] && ok || bad "no samples/*.json"

# a batch: every sample in one result, one HTML page (one section per body), one workbook
if [ -d policies ]; then
  set -- samples/*.json
  decls=(); for f in "$@"; do decls+=(--declaration "$f"); done
  check "$@" --format json --detail full -o "$art/batch.json" 2>/dev/null && ok || bad "batch: check --format json"
  check "$@" --format html -o "$art/batch.html" 2>/dev/null && ok || bad "batch: check --format html"
  check "$@" --format xlsx -o "$art/batch.xlsx" 2>/dev/null && ok || bad "batch: check --format xlsx"
  sub "$here/browser-check.sh" "$art/batch.json" "$art/batch.html" "$art" batch
  sub "$here/check_xlsx.py" "$art/batch.json" "$art/batch.xlsx"
  for r in "$art/batch.html" "$art/batch.xlsx"; do
    "$kyojin" verify "$r" "${decls[@]}" --policies "$pol" >/dev/null 2>&1 && ok || bad "batch: verify $(basename "$r")"
  done
  "$kyojin" verify "$art/batch.html" --declaration "$1" --policies "$pol" >/dev/null 2>&1
  [ $? -eq 1 ] && ok || bad "batch: verify with one declaration of many must not match"
fi

# verify says no when an input differs
s=$(for f in samples/*.json; do [ -s "$art/$(basename "$f" .json).1.html" ] && echo "$f"; done | head -1)
n=$(basename "$s" .json)
if [ -n "$s" ]; then
  cp "$s" "$art/changed.json"; printf ' ' >>"$art/changed.json"
  "$kyojin" verify "$art/$n.1.html" --declaration "$art/changed.json" --policies "$pol" >/dev/null 2>&1
  [ $? -eq 1 ] && ok || bad "verify: a changed declaration must not match"
  rm -rf "$art/pol-copy"; cp -r "$pol" "$art/pol-copy"
  printf -- '-- changed\n' >>"$art/pol-copy/zz_changed.lua"
  "$kyojin" verify "$art/$n.1.xlsx" --declaration "$s" --policies "$art/pol-copy" >/dev/null 2>&1
  [ $? -eq 1 ] && ok || bad "verify: a changed policy set must not match"
  # an altered report: parameters edited after the fact
  perl -pe 's/"parameters":\{(\}?)/$1 ? q("parameters":{"XX-01.injected":1}) : q("parameters":{"XX-01.injected":1,)/e' \
    "$art/$n.1.html" >"$art/altered.html"
  "$kyojin" verify "$art/altered.html" --declaration "$s" --policies "$pol" >/dev/null 2>&1
  [ $? -eq 1 ] && ok || bad "verify: altered parameters must be noticed"
  # a second declaration that is not in the report
  s2=$(ls samples/*.json | grep -v "^$s\$" | head -1)
  if [ -n "$s2" ]; then
    "$kyojin" verify "$art/$n.json" --declaration "$s" --declaration "$s2" --policies "$pol" >/dev/null 2>&1
    [ $? -eq 1 ] && ok || bad "verify: an extra declaration must not match"
  fi
  "$kyojin" verify "$art/$n.1.html" --policies "$pol" >/dev/null 2>&1
  [ $? -eq 2 ] && ok || bad "verify: no --declaration is a usage error"
  printf 'not a report\n' >"$art/garbage.txt"
  "$kyojin" verify "$art/garbage.txt" --declaration "$s" --policies "$pol" >/dev/null 2>&1
  [ $? -eq 2 ] && ok || bad "verify: a file that is no report is an input error"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
