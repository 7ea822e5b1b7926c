#!/usr/bin/env bash
# End-to-end tests of the CLI: exit codes, help, errors with positions, atomic -o.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh

expect_rc "help exits 0" 0 "$K" --help
contains "help on stdout" "$T/out" "終了コード"
contains "help documents exit 3" "$T/out" "3 ポリシーを読み込めない"
expect_rc "help in English" 0 "$K" --help --lang en
contains "English help" "$T/out" "Exit codes: 0 compliant, 1 not compliant, 2 usage or input error"
expect_rc "unknown option" 2 "$K" check --frobnicate samples/base.json
contains "unknown option on stderr" "$T/err" "不明なオプションです: --frobnicate"
[ -s "$T/out" ] && bad "unknown option printed to stdout" || ok
expect_rc "no command" 2 "$K"
expect_rc "unknown command" 2 "$K" frobnicate
expect_rc "version" 0 "$K" version
contains "version text" "$T/out" "kyojin 0.1.0"
expect_rc "unknown format" 2 "$K" check --format pdf samples/base.json
expect_rc "bad --as-of" 2 "$K" check --as-of 2026-13-45 samples/base.json
expect_rc "no declaration" 2 "$K" check

# input errors: exit 2, file:line:column, source line and caret
printf '{\n  "schema": "kyojin/declaration/v1",\n  "model": 07\n}\n' >"$T/bad.json"
expect_rc "parse error exit 2" 2 "$K" check "$T/bad.json"
contains "parse error position" "$T/err" "bad.json:3:12:"
contains "parse error caret" "$T/err" "^"
[ -s "$T/out" ] && bad "parse error printed a report" || ok
printf '{"a": 1, "a": 2}' >"$T/dup.json"
expect_rc "duplicate key exit 2" 2 "$K" check --lang en "$T/dup.json"
contains "duplicate key pointer" "$T/err" 'duplicate key "a" (/a)'
head -c 100 /dev/zero | tr '\0' ' ' >"$T/big.json"; echo '{}' >>"$T/big.json"
expect_rc "size cap" 2 "$K" check --max-input 50 "$T/big.json"
contains "size cap message" "$T/err" "--max-input"
expect_rc "missing file" 2 "$K" check "$T/nope.json"

# a policy that cannot be loaded: exit 3
mkdir -p "$T/pol"
printf 'policy { id = "ZZ-01" }\n' >"$T/pol/broken.lua"
expect_rc "broken policy exit 3" 3 "$K" check --policies "$T/pol" samples/base.json
contains "broken policy named" "$T/err" "broken.lua"

# the bundled samples evaluate (0 or 1, never 2 or 3)
for s in samples/*.json; do
  "$K" check "$s" >"$T/out" 2>"$T/err"; rc=$?
  if [ "$rc" -le 1 ]; then ok; else bad "sample $s: exit $rc"; head -5 "$T/err"; fi
done

# -o is atomic: an old report survives a failed run; a good run replaces it whole; no temp files left
mkdir -p "$T/o"; echo OLD >"$T/o/report.json"
"$K" check -o "$T/o/report.json" "$T/bad.json" 2>/dev/null
[ "$(cat "$T/o/report.json")" = OLD ] && ok || bad "failed run overwrote the report"
"$K" check --format json -o "$T/o/report.json" samples/base.json 2>/dev/null
grep -q '"schema":' "$T/o/report.json" && ok || bad "report not written"
[ "$(ls -A "$T/o" | wc -l)" -eq 1 ] && ok || bad "temporary files left: $(ls -A "$T/o")"
expect_rc "-o into a missing directory" 2 "$K" check -o "$T/nodir/r.json" samples/base.json
if [ -w /dev/full ]; then
  expect_rc "-o to a full disk" 2 "$K" check --format json -o /dev/full samples/base.json
  contains "full disk reported" "$T/err" "報告書の書き込みに失敗しました"
fi

# JSON output is deterministic and carries the hashes
"$K" check --format json samples/base.json >"$T/a.json" 2>/dev/null
"$K" check --format json samples/base.json >"$T/b.json" 2>/dev/null
cmp -s "$T/a.json" "$T/b.json" && ok || bad "JSON output differs between runs"
jq -e --arg h "$(sha256sum samples/base.json | cut -c1-64)" '.declarations[0].sha256 == $h' "$T/a.json" >/dev/null && ok || bad "declaration sha256 missing"
grep -q '"timestamp"' "$T/a.json" && bad "timestamp without --timestamp" || ok
"$K" check --format json --timestamp samples/base.json 2>/dev/null | grep -q '"timestamp"' && ok || bad "--timestamp ignored"

# --no-risk: the same verdicts and exit code, no risk section; refused with kyojin risk
expect_rc "--no-risk keeps the exit code" 1 "$K" check --no-risk --format json samples/gaps-village.json
cp "$T/out" "$T/norisk.json"
"$K" check --format json samples/gaps-village.json 2>/dev/null | jq -S '.declarations[0] | del(.risk)' >"$T/withrisk.decl"
jq -S '.declarations[0]' "$T/norisk.json" >"$T/norisk.decl"
if cmp -s "$T/withrisk.decl" "$T/norisk.decl" && [ "$(jq '.declarations[0] | has("risk")' "$T/norisk.json")" = false ]; then ok; else bad "--no-risk: the result differs from a full run other than the risk section"; fi
expect_rc "--no-risk refused for kyojin risk" 2 "$K" risk --no-risk samples/base.json
contains "--no-risk refusal says why" "$T/err" "--no-risk"

# colours only on a terminal
"$K" check samples/base.json 2>/dev/null | grep -q $'\033\[' && bad "colour codes in piped output" || ok

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
