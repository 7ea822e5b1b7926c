#!/usr/bin/env bash
# The command line (core/cli): the command table and its one option parser, per-command help in
# both languages, --opt=value, -V, the closest option named for an unknown one, no limit on the
# number of --param options or files, "-" as standard input, kyojin test with a missing file,
# the man page and bash completion generated from the table (every option in both, man -l
# clean), make install, and a kyojin binary copied alone running on its bundle.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
BUILD=${BUILD:-build}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8 NO_COLOR=1
. tests/suites/lib/expect.sh

commands="check risk summary diff gen list explain schema test lint verify version help"

# every command: its own usage with -h and --help, Japanese by default, English with --lang en
for c in $commands; do
  expect_rc "$c --help" 0 "$K" "$c" --help
  head -1 "$T/out" | grep -q "^使い方: kyojin $c" && ok || bad "$c --help: $(head -1 "$T/out")"
  cp "$T/out" "$T/help-$c"
  expect_rc "$c -h" 0 "$K" "$c" -h
  cmp -s "$T/out" "$T/help-$c" && ok || bad "$c: -h and --help differ"
  expect_rc "$c --help --lang en" 0 "$K" "$c" --help --lang en
  head -1 "$T/out" | grep -q "^usage: kyojin $c" && ok || bad "$c --help --lang en: $(head -1 "$T/out")"
  cp "$T/out" "$T/help-en-$c"
  # no Japanese in the English usage, no English usage line in the Japanese one
  LC_ALL=C grep -q $'[\xe3]' "$T/help-en-$c" && bad "$c: Japanese text in the English usage" || ok
done
expect_rc "help check" 0 "$K" help check
cmp -s "$T/out" "$T/help-check" && ok || bad "kyojin help check differs from kyojin check --help"
# --lang anywhere on the line, also before the command
expect_rc "--lang before the command" 0 "$K" --lang en summary --help
cmp -s "$T/out" "$T/help-en-summary" && ok || bad "--lang en before the command not applied"
expect_rc "--lang=en" 0 "$K" summary --help --lang=en
cmp -s "$T/out" "$T/help-en-summary" && ok || bad "--lang=en not applied"

# version: -V and --version, before or after a command
for v in -V --version; do
  expect_rc "kyojin $v" 0 "$K" $v
  contains "kyojin $v text" "$T/out" "kyojin 0.1.0"
  expect_rc "check $v" 0 "$K" check $v
  contains "check $v text" "$T/out" "kyojin 0.1.0"
done

# --opt=value is --opt value
"$K" check --format json samples/base.json >"$T/a.json" 2>/dev/null; ra=$?
"$K" check --format=json samples/base.json >"$T/b.json" 2>/dev/null; rb=$?
[ "$ra" = "$rb" ] && cmp -s "$T/a.json" "$T/b.json" && ok || bad "--format=json differs from --format json"
"$K" check -o "$T/c.json" --format json samples/base.json 2>/dev/null
"$K" check -o"$T/d.json" --format json samples/base.json 2>/dev/null
cmp -s "$T/c.json" "$T/a.json" && cmp -s "$T/d.json" "$T/a.json" && ok || bad "-o FILE / -oFILE"
expect_rc "flag with a value" 2 "$K" check --no-risk=1 samples/base.json
contains "flag with a value says so" "$T/err" "--no-risk は値をとりません"
expect_rc "value missing" 2 "$K" check samples/base.json --format
contains "value missing says so" "$T/err" "オプション --format には値が必要です"
# -- ends the options
expect_rc "-- ends the options" 2 "$K" check -- --format
contains "-- : the rest are files" "$T/err" "--format"

# an unknown option: exit 2, the closest valid one named, in both languages, on every command
expect_rc "unknown option (check)" 2 "$K" check --fromat json samples/base.json
contains "closest option (ja)" "$T/err" "不明なオプションです: --fromat（--format のことですか？）"
[ -s "$T/out" ] && bad "unknown option printed to stdout" || ok
expect_rc "unknown option (en)" 2 "$K" check --lang en --no-risks samples/base.json
contains "closest option (en)" "$T/err" "unknown option: --no-risks (did you mean --no-risk?)"
expect_rc "unknown option (summary)" 2 "$K" summary --outptu x.json r.json
contains "closest option (summary)" "$T/err" "--output のことですか"
expect_rc "unknown option (gen)" 2 "$K" gen --sed 3 --out "$T/g"
contains "closest option (gen)" "$T/err" "--seed のことですか"
expect_rc "unknown option (verify)" 2 "$K" verify r.json --declarations x.json
contains "closest option (verify)" "$T/err" "--declaration のことですか"
expect_rc "unknown option (test)" 2 "$K" test --mutant
contains "closest option (test)" "$T/err" "--mutate のことですか"
expect_rc "an option of another command" 2 "$K" list --format json
expect_rc "unknown command" 2 "$K" frobnicate

# summary, diff and gen: Japanese messages by default, English with --lang en anywhere
expect_rc "summary without files" 2 "$K" summary
contains "summary: Japanese message" "$T/err" "結果ファイル"
expect_rc "summary without files (en)" 2 "$K" --lang en summary
contains "summary: English message" "$T/err" "give result files"
expect_rc "diff with one file" 2 "$K" diff a.json
contains "diff: Japanese message" "$T/err" "ちょうど二つ"
expect_rc "gen without --out" 2 "$K" gen --count 3
contains "gen: Japanese message" "$T/err" "--out DIR"
expect_rc "gen bad --count (en)" 2 "$K" gen --out "$T/g" --count 0 --lang en
contains "gen: English message" "$T/err" "--count needs a positive integer"
expect_rc "--param error in Japanese" 2 "$K" check --param nonsense samples/base.json
contains "--param message in Japanese" "$T/err" "--param は ID.名前=値 の形で指定してください"

# no fixed limits: 300 --param options and 300 declaration files
params=()
for i in $(seq 300); do params+=(--param ST-06.max_refresh_days=3); done
"$K" check --format json --param ST-06.max_refresh_days=3 samples/base.json >"$T/p1.json" 2>"$T/p1.err"; r1=$?
"$K" check --format json "${params[@]}" samples/base.json >"$T/p300.json" 2>"$T/p300.err"; r300=$?
# the same result; only the record of the options given ("rendering") lists each --param
[ "$r1" = "$r300" ] && [ "$r1" -le 1 ] &&
  cmp -s <(jq 'del(.rendering)' "$T/p1.json") <(jq 'del(.rendering)' "$T/p300.json") && ok \
  || bad "300 --param: exit $r300 (one --param: $r1) or a different result"; head -3 "$T/p300.err"
grep -q '"ST-06.max_refresh_days":	3' "$T/p300.json" && ok || bad "300 --param: the parameter is not applied"
mkdir -p "$T/many"
files=()
for i in $(seq -w 300); do cp samples/base.json "$T/many/d$i.json"; files+=("$T/many/d$i.json"); done
"$K" check --format json --no-risk "${files[@]}" >"$T/many.json" 2>"$T/many.err"; rc=$?
n=$(jq '.declarations | length' "$T/many.json" 2>/dev/null)
[ "$rc" -le 1 ] && [ "$n" = 300 ] && ok || bad "300 files: exit $rc, $n results"; head -3 "$T/many.err"

# "-" reads the declaration from standard input (check and risk)
"$K" check --format json - <samples/gaps-village.json >"$T/stdin.json" 2>"$T/stdin.err"; rs=$?
"$K" check --format json samples/gaps-village.json >"$T/file.json" 2>/dev/null; rf=$?
[ "$rs" = "$rf" ] && ok || bad "check -: exit $rs, from the file $rf"; head -3 "$T/stdin.err"
if diff <(jq -S '.declarations[0] | del(.file)' "$T/stdin.json") <(jq -S '.declarations[0] | del(.file)' "$T/file.json") >/dev/null; then ok; else bad "check -: the result differs from the file's"; fi
"$K" risk - <samples/gaps-village.json >"$T/risk-stdin.txt" 2>/dev/null
"$K" risk samples/gaps-village.json >"$T/risk-file.txt" 2>/dev/null
[ -s "$T/risk-stdin.txt" ] && diff <(grep -v gaps-village "$T/risk-stdin.txt" | grep -v /dev/stdin) <(grep -v gaps-village "$T/risk-file.txt") >/dev/null && ok || bad "risk -: the sheets differ from the file's"
expect_rc "- twice" 2 "$K" check - - </dev/null

# kyojin test: a missing file or directory is an error, not "0 passed"
expect_rc "test with a missing file" 2 "$K" test "$T/nope_test.lua"
contains "test: missing file named" "$T/err" "nope_test.lua"
[ -s "$T/out" ] && bad "test with a missing file printed a result" || ok

# the man page and the completion are generated from the table: every option of every
# command's usage (rendered from the same table) appears in both; man -l renders it cleanly
"$K" __man >"$T/kyojin.ja.1"; "$K" __man --lang en >"$T/kyojin.1"
"$K" __completion bash >"$T/completion.bash"
for c in $commands; do
  for o in $(grep -oE '^  (-[A-Za-z], )?--[a-z-]+' "$T/help-en-$c" | grep -oE -- '--?[A-Za-z-]+'); do
    esc=${o//-/\\\\-}
    grep -q -- "$esc" "$T/kyojin.1" && ok || bad "man page (en) lacks $o of $c"
    grep -q -- "$esc" "$T/kyojin.ja.1" && ok || bad "man page (ja) lacks $o of $c"
    grep -qE -- "(^| |')$o( |'|\")" "$T/completion.bash" && ok || bad "completion lacks $o of $c"
  done
done
if command -v man >/dev/null; then
  for m in kyojin.1 kyojin.ja.1; do
    MANWIDTH=80 man --warnings -l "$T/$m" >"$T/man.txt" 2>"$T/man.err"; rc=$?
    [ "$rc" -eq 0 ] && [ ! -s "$T/man.err" ] && grep -q "kyojin" "$T/man.txt" && ok \
      || { bad "man -l $m: exit $rc"; head -5 "$T/man.err"; }
  done
  grep -q "check" "$T/man.txt" && ok || bad "man page without the commands"
else
  bad "man is not installed (make test-deps installs man-db)"
fi
# the completion works in bash: commands, options of a command, values of an option
comp() { bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _kyojin; printf "%s\n" "${COMPREPLY[@]}"' _ "$T/completion.bash" "$@"; }
comp kyojin ch | grep -qx check && ok || bad "completion: commands"
comp kyojin check --fo | grep -qx -- --format && ok || bad "completion: options of check"
comp kyojin check --format j | grep -qx json && ok || bad "completion: values of --format"
comp kyojin summary --format x | grep -q . && bad "completion: summary --format offers check's formats" || ok
comp kyojin gen --si | grep -qx -- --size && ok || bad "completion: options of gen"

# a kyojin binary copied alone to a folder runs check on its bundled policies and runtime,
# with the same output as the build's; --policies and KYOJIN_HOME still choose the sources
mkdir -p "$T/solo"
cp "$K" "$T/solo/kyojin"
solo() { env -u KYOJIN_HOME "$T/solo/kyojin" "$@"; } # (make test-asan sets KYOJIN_HOME)
for s in samples/gaps-village.json samples/base.json; do
  "$K" check --format json "$s" >"$T/built.json" 2>"$T/built.err"; r1=$?
  solo check --format json "$s" >"$T/solo.json" 2>"$T/solo.err"; r2=$?
  [ "$r1" = "$r2" ] && cmp -s "$T/built.json" "$T/solo.json" && ok \
    || { bad "copied binary: $s: exit $r2 (build: $r1) or different JSON"; head -3 "$T/solo.err"; }
done
"$K" risk samples/gaps-village.json >"$T/built.txt" 2>/dev/null
solo risk samples/gaps-village.json >"$T/solo.txt" 2>/dev/null
cmp -s "$T/built.txt" "$T/solo.txt" && ok || bad "copied binary: risk sheets differ"
"$K" check samples/gaps-village.json >"$T/built.txt" 2>/dev/null
solo check samples/gaps-village.json >"$T/solo.txt" 2>/dev/null
cmp -s "$T/built.txt" "$T/solo.txt" && ok || bad "copied binary: text report differs"
"$K" check --format json -o "$T/r1.json" samples/gaps-village.json 2>/dev/null
"$K" summary "$T/r1.json" >"$T/built.txt" 2>/dev/null
solo summary "$T/r1.json" >"$T/solo.txt" 2>/dev/null
[ -s "$T/solo.txt" ] && cmp -s "$T/built.txt" "$T/solo.txt" && ok || bad "copied binary: summary differs"
"$K" list >"$T/built.txt" 2>/dev/null
solo list >"$T/solo.txt" 2>/dev/null
cmp -s "$T/built.txt" "$T/solo.txt" && ok || bad "copied binary: list differs"
"$K" check --format json -o "$T/report.json" samples/base.json 2>/dev/null
expect_rc "copied binary: verify against the bundled policy set" 0 solo verify "$T/report.json" --declaration samples/base.json
contains "copied binary: verify names the bundled set" "$T/out" "一致    ポリシーセット 同梱のポリシー"
mkdir -p "$T/pol"; printf 'policy { id = "ZZ-01" }\n' >"$T/pol/broken.lua"
expect_rc "copied binary: --policies overrides" 3 solo check --policies "$T/pol" samples/base.json
contains "copied binary: --policies DIR used" "$T/err" "broken.lua"
expect_rc "copied binary: a missing --policies DIR is an error" 3 solo check --policies "$T/none" samples/base.json
KYOJIN_HOME=$PWD "$T/solo/kyojin" check --format json samples/base.json >"$T/home.json" 2>/dev/null
"$K" check --format json samples/base.json >"$T/built.json" 2>/dev/null
cmp -s "$T/home.json" "$T/built.json" && ok || bad "copied binary with KYOJIN_HOME differs"
mkdir -p "$T/home"; cp -r lua policies "$T/home/"; rm "$T/home/policies/al/al-01_harmlessization.lua"
KYOJIN_HOME=$T/home "$T/solo/kyojin" check --format json samples/minimal.json >"$T/out" 2>"$T/err"; rc=$?
all=$(jq '.policy_set.policies' "$T/built.json")
[ "$(jq '.policy_set.policies' "$T/out" 2>/dev/null)" = $((all - 1)) ] && ok || bad "KYOJIN_HOME's policies/ not used (exit $rc)"

# a policy that cannot be loaded: test, lint, list, explain and check exit 3 (as check always
# did) and name the file and the reason; test no longer ends "0 passed, 0 failed" with exit 0
mkdir -p "$T/pbad"
cp tests/adversarial/policies/benign/*.lua "$T/pbad/"
printf 'policy { id = "BB-01",\n' >"$T/pbad/broken.lua"
printf 'error("boom at load")\n' >"$T/pbad/raises.lua"
for c in "test --policies $T/pbad" "lint --policies $T/pbad" "list --policies $T/pbad" \
  "explain --policies $T/pbad AA-01" "check --policies $T/pbad samples/alpha-town.json"; do
  # shellcheck disable=SC2086
  expect_rc "load error: $c" 3 "$K" $c
  contains "load error: $c names broken.lua" "$T/err" "broken.lua:2: unexpected symbol"
  contains "load error: $c names raises.lua" "$T/err" "raises.lua:1: boom at load"
done
expect_rc "load error: test in English" 3 "$K" test --lang en --policies "$T/pbad"
contains "load error: test says it failed" "$T/out" "0 passed, 1 failed"
contains "load error: English message" "$T/err" "policy not loaded: $T/pbad/broken.lua"
expect_rc "load error: test --help documents exit 3" 0 "$K" test --help
contains "load error: test --help" "$T/out" "3 ポリシーを読み込めない"

# make install PREFIX=DIR: binary, man pages, completion; the installed binary runs alone
if make --no-print-directory -s install PREFIX="$T/inst" BIN="$K" BUILD="$BUILD" >"$T/install.log" 2>&1; then
  for f in bin/kyojin share/man/man1/kyojin.1 share/man/ja/man1/kyojin.1 share/bash-completion/completions/kyojin; do
    [ -s "$T/inst/$f" ] && ok || bad "make install: $f missing"
  done
  cmp -s "$T/inst/share/man/man1/kyojin.1" "$T/kyojin.1" && ok || bad "installed man page is not the generated one"
  env -u KYOJIN_HOME "$T/inst/bin/kyojin" check --format json samples/base.json >"$T/inst.json" 2>/dev/null
  cmp -s "$T/inst.json" "$T/built.json" && ok || bad "installed binary: different JSON"
else
  bad "make install failed"; tail -5 "$T/install.log"
fi

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
