#!/usr/bin/env bash
# Roll-up tests: the cmocka unit tests of core/{report/report_sarif,report/report_junit,rollup/baseline,rollup/diff,
# rollup/summary,rollup/gen}.c (built here, with ASan/UBSan), then end-to-end checks of the kyojin binary:
# generated declarations, batch check with --jobs, bad declarations, progress, SARIF
# against the SARIF 2.1.0 schema (Node + ajv), JUnit parsed back (Python), summary,
# diff and --baseline. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD=${BUILD:-build}
ART=tests/artifacts/rollup
rm -rf "$ART" && mkdir -p "$ART"
passed=0; failed=0
ok()   { passed=$((passed + 1)); echo "ok   $1"; }
bad()  { failed=$((failed + 1)); echo "FAIL $1"; }
check(){ local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }

CFLAGS_T="-std=c11 -Wall -Wextra -Werror -Wno-format-truncation -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer"
INC="-Icore $(pkg-config --cflags lua5.4 libcjson)"

# ---- unit tests (cmocka) ---------------------------------------------------------------
# tests/suites/rollup.sh sets ROLLUP_UNIT=0: there the unit suite builds and runs them.
declare -A SRC=(
  [sarif]="core/report/report_sarif.c"
  [junit]="core/report/report_junit.c"
  [baseline]="core/rollup/baseline.c"
  [diff]="core/rollup/diff.c"
  [summary]="core/rollup/summary.c"
  [gen]="core/rollup/gen.c"
)
for t in sarif junit baseline diff summary gen; do
  [ "${ROLLUP_UNIT:-1}" = 0 ] && break
  exe="$ART/test_$t"
  if ! cc $CFLAGS_T $INC -o "$exe" "tests/unit/test_$t.c" ${SRC[$t]} core/rollup/rollup_common.c -lcjson -lcmocka -lm 2>"$ART/test_$t.build"; then
    cat "$ART/test_$t.build"; bad "unit $t (build)"; continue
  fi
  out=$(ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$exe" 2>&1); rc=$?
  n_ok=$(printf '%s\n' "$out" | grep -c '^\[       OK \]')
  n_fail=$(printf '%s\n' "$out" | grep -c '^\[  FAILED  \] [a-z]')
  if [ $rc -ne 0 ] || printf '%s' "$out" | grep -q 'runtime error\|ERROR: AddressSanitizer\|LeakSanitizer'; then
    printf '%s\n' "$out" | grep -v '^\[ RUN\|^\[       OK' | head -40
    [ "$n_fail" -eq 0 ] && n_fail=1
  fi
  passed=$((passed + n_ok)); failed=$((failed + n_fail))
  echo "unit $t: $n_ok passed, $n_fail failed"
done

# ---- end to end ------------------------------------------------------------------------
K=$ROOT/kyojin
if [ ! -x "$K" ]; then bad "kyojin binary missing (run make)"; echo "$passed passed, $failed failed"; exit 1; fi
POL=tests/rollup/fixtures/policies
G=$ART/gen
check "gen writes 120 declarations" "$K" gen --out "$G" --count 120 --seed 3 --quiet
check "gen is deterministic" bash -c "'$K' gen --out '$ART/gen2' --count 120 --seed 3 --quiet && diff -r '$G' '$ART/gen2' >/dev/null"
check "generated declarations are valid (schema)" bash -c "'$K' check --policies $POL --no-progress '$G' >/dev/null 2>'$ART/gen.err'; test \$? -le 1 && ! grep -q . '$ART/gen.err'"

if [ -d policies ]; then
  check "generated declarations run through the shipped policies and risk tables cleanly" bash -c "'$K' check --jobs 2 --no-progress --format json -o '$ART/real.json' '$G' 2>'$ART/real.err'; test \$? -le 1 && ! grep -q . '$ART/real.err'"
fi
"$K" check --policies $POL --no-progress --format json -o "$ART/j1.json" "$G" 2>/dev/null
"$K" check --policies $POL --no-progress --jobs 2 --format json -o "$ART/j2.json" "$G" 2>/dev/null
"$K" check --policies $POL --no-progress --jobs 7 --format json -o "$ART/j7.json" "$G" 2>/dev/null
check "--jobs 2 and 7 give the same result as --jobs 1" bash -c "cmp -s '$ART/j1.json' '$ART/j2.json' && cmp -s '$ART/j1.json' '$ART/j7.json'"
check "batch holds every declaration in input order" bash -c "test \$(jq '.declarations|length' '$ART/j1.json') -eq 120 && jq -r '.declarations[].file' '$ART/j1.json' | sort -c"
# json and text are written one declaration at a time: the streamed document must equal one
# assembled from single-file runs (same envelope, each declaration as its own run gives it)
S13=("$G"/*.json); S13=("${S13[@]:0:13}")
"$K" check --policies $POL --no-progress --format json -o "$ART/s3.json" "${S13[@]}" 2>/dev/null
jq -c '.declarations' "$ART/s3.json" >"$ART/s3.decls"
for f in "${S13[@]}"; do "$K" check --policies $POL --format json "$f" 2>/dev/null | jq -c '.declarations[0]'; done | jq -cs . >"$ART/s1.decls"
check "streamed json: each declaration as its single-file run gives it" cmp -s "$ART/s3.decls" "$ART/s1.decls"
check "streamed json: envelope as in a single-file run" bash -c "diff <(jq -S 'del(.declarations)' '$ART/s3.json') <('$K' check --policies $POL --format json '${S13[0]}' 2>/dev/null | jq -S 'del(.declarations)')"
check "streamed json: valid, one declaration per line (result v2)" bash -c "jq . '$ART/s3.json' >/dev/null && grep -c \$'^\t\t{\"file\":' '$ART/s3.json' | grep -qx 13"
"$K" check --policies $POL --no-progress --format json --baseline "$ART/j1.json" -o "$ART/bl.json" "$G" 2>/dev/null
check "--baseline applied while streaming: every finding known, record after the declarations" bash -c "jq -e '([.declarations[].policies[].findings[]? | select(.status == \"fail\" or .status == \"warn\")] | length) == 0 and .baseline.suppressed > 0 and (keys_unsorted | index(\"baseline\")) > (keys_unsorted | index(\"declarations\"))' '$ART/bl.json' >/dev/null"

# a bad declaration is reported, listed with its error and skipped; the rest is evaluated;
# the exit code says so
B=$ART/withbad; mkdir -p "$B"; cp "$G"/0*.json "$B"/; printf '{"schema": "kyojin/declaration/v1", "body": ' > "$B/010000-broken.json"
cp "$G/$(ls "$G" | sed -n 5p)" "$B/zz-invalid.json"; jq '.model = "gamma"' "$B/zz-invalid.json" > "$B/zz-invalid.tmp" && mv "$B/zz-invalid.tmp" "$B/zz-invalid.json"
nb=$(ls "$B" | wc -l)
"$K" check --policies $POL --no-progress --jobs 2 --format json -o "$ART/bad.json" "$B" 2>"$ART/bad.err"; rc=$?
check "bad declarations: exit 2 (input error)" test $rc -eq 2
check "bad declarations: the others are evaluated" test "$(jq '[.declarations[]|select(.error == null)]|length' "$ART/bad.json")" -eq $((nb - 2))
check "bad declarations: each is listed with its error" test "$(jq '[.declarations[]|select(.error.kind == "invalid")]|length' "$ART/bad.json")" -eq 2
check "bad declarations: both reported with file:line:column" bash -c "grep -q '010000-broken.json:1:' '$ART/bad.err' && grep -q 'zz-invalid.json:[0-9]*:[0-9]*' '$ART/bad.err'"
"$K" check --policies $POL --no-progress --format json -o "$ART/bad1.json" "$B" 2>"$ART/bad1.err"
check "bad declarations: messages and output identical with --jobs 1" bash -c "cmp -s '$ART/bad.json' '$ART/bad1.json' && cmp -s '$ART/bad.err' '$ART/bad1.err'"

# progress: silent when stderr is not a terminal, shown when forced or on a terminal
"$K" check --policies $POL --format json -o /dev/null "$G" 2>"$ART/quiet.err"
check "progress: silent when stderr is not a terminal" test ! -s "$ART/quiet.err"
"$K" check --policies $POL --progress --jobs 2 --format json -o /dev/null "$G" 2>"$ART/prog.err"
check "progress: count, rate and ETA when forced" bash -c "grep -q '120/120 100%' '$ART/prog.err' && grep -q '/s  ETA' '$ART/prog.err'"
if command -v script >/dev/null; then
  script -qec "'$K' check --policies $POL --format json -o /dev/null '$G'" /dev/null > "$ART/tty.out" 2>&1
  check "progress: shown when stderr is a terminal" grep -q 'ETA' "$ART/tty.out"
fi

# SARIF validated against the SARIF 2.1.0 JSON Schema
"$K" check --policies $POL --no-progress --format sarif -o "$ART/r.sarif" "$G" 2>/dev/null
"$K" check --policies $POL --no-progress --format sarif --lang en -o "$ART/r-en.sarif" samples/base.json "$G/$(ls "$G" | head -1)" 2>/dev/null
[ -d tests/rollup/node_modules ] || echo "tests/rollup/node_modules is missing (tests/deps.sh installs it)"
check "SARIF validates against the SARIF 2.1.0 schema" node tests/rollup/validate_sarif.js "$ART/r.sarif" "$ART/r-en.sarif"
check "SARIF: one rule per policy, results with line and column" bash -c "
  test \$(jq '.runs[0].tool.driver.rules|length' '$ART/r.sarif') -eq 3 &&
  test \$(jq '[.runs[0].results[] | select(.locations[0].physicalLocation.region.startLine >= 1)] | length' '$ART/r.sarif') -gt 0 &&
  test \$(jq '.runs[0].results|length' '$ART/r.sarif') -eq \$(jq '[.declarations[].policies[] | select(.status != \"not_applicable\") | .findings[] | select(.status != \"pass\")] | length' '$ART/j1.json')"
echo '{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}' > "$ART/broken.sarif"
check "SARIF validator rejects an invalid log" bash -c "! node tests/rollup/validate_sarif.js '$ART/broken.sarif' >/dev/null"

# JUnit parsed back
"$K" check --policies $POL --no-progress --format junit -o "$ART/r.xml" "$G" 2>/dev/null
check "JUnit parses and matches the result" python3 tests/rollup/junit_check.py "$ART/r.xml" "$ART/j1.json"
check "JUnit is well-formed for xmllint" bash -c "! command -v xmllint >/dev/null || xmllint --noout '$ART/r.xml'"

# summary
check "summary html" "$K" summary --format html -o "$ART/summary.html" "$ART/j1.json"
check "summary html is self-contained with SVG charts" bash -c "grep -q '<svg' '$ART/summary.html' && ! grep -qE '<script [^>]*src|<link|src=\"http' '$ART/summary.html'"
"$K" summary --format json "$ART/j1.json" > "$ART/summary.json"
check "summary counts every body" test "$(jq '.totals.bodies' "$ART/summary.json")" -eq 120
check "summary per-requirement counts add up" bash -c "jq -e '[.policies[] | (.counts | .pass + .fail + .warn + .waived + .not_applicable + .error) == 120] | all' '$ART/summary.json' >/dev/null"
check "summary csv" bash -c "'$K' summary --format csv '$ART/j1.json' | head -1 | grep -q '^section,group,policy'"
mkdir -p "$ART/resdir" && cp "$ART/j1.json" "$ART/resdir/a.json"
check "summary over a directory" bash -c "'$K' summary --format json '$ART/resdir' | jq -e '.totals.bodies == 120' >/dev/null"

# diff and baseline: make one declaration worse
W=$ART/worse; cp -r "$G" "$W"
f=$(ls "$W" | sed -n 10p)
jq '.screen_transfer[0].redirection.clipboard.to_local = true' "$W/$f" > "$W/$f.tmp" && mv "$W/$f.tmp" "$W/$f"
"$K" check --policies $POL --no-progress --format json -o "$ART/w.json" "$W" 2>/dev/null
"$K" check --policies $POL --no-progress --format json -o "$ART/g.json" "$G/"*.json 2>/dev/null
# the same files under the other directory name: compare by file name
sed "s#$G/#$W/#g" "$ART/g.json" > "$ART/g-as-w.json"
"$K" diff --format json -o "$ART/diff.json" "$ART/g-as-w.json" "$ART/w.json"; rc=$?
check "diff: exit 1 when something got worse" test $rc -eq 1
check "diff: the new failure is named" bash -c "jq -e '.newly_failing | length == 1 and .[0].policy == \"ST-01\"' '$ART/diff.json' >/dev/null"
"$K" diff "$ART/w.json" "$ART/g-as-w.json" > "$ART/diff-back.txt"; rc=$?
check "diff: exit 0 when only fixed" bash -c "test $rc -eq 0 && grep -q '解消: 1' '$ART/diff-back.txt'"
"$K" check --policies $POL --no-progress --baseline "$ART/g-as-w.json" --format json -o "$ART/base.json" "$W" 2>/dev/null; rc=$?
check "--baseline: only the new finding remains" bash -c "jq -e '[.declarations[].policies[].findings[] | select(.status==\"fail\" or .status==\"warn\")] | length == 1' '$ART/base.json' >/dev/null"
check "--baseline: exit 1 because the new finding fails" test $rc -eq 1
"$K" check --policies $POL --no-progress --baseline "$ART/w.json" --format json -o "$ART/base2.json" "$W" 2>/dev/null; rc=$?
check "--baseline: nothing new, exit 0" test $rc -eq 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
