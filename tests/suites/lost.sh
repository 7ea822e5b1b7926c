#!/usr/bin/env bash
# Nothing the user gave is lost: an output (-o) that is one of the inputs (the declaration,
# through a symbolic or hard link, a *.json file inside a declaration directory, an input of
# summary or diff, --params, --baseline, --scenarios) is refused with exit 2 before anything is
# evaluated, and the input keeps its bytes; a write error on standard output (a full disk) is
# an error with a message for every command, never exit 0.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh
D=samples/alpha-town.json

# unchanged NAME FILE COPY — FILE still has the bytes of COPY
unchanged() { if cmp -s "$2" "$3"; then ok; else bad "$1: the input was changed"; fi; }

# ---------------------------------------------------------------- -o is an input
cp "$D" "$T/d.json"
cp "$D" "$T/orig.json"
expect_rc "check -o the declaration" 2 "$K" check "$T/d.json" -o "$T/d.json"
unchanged "check -o the declaration" "$T/d.json" "$T/orig.json"
contains "check -o the declaration: Japanese message" "$T/err" "入力を上書きしない"
expect_rc "check -o the declaration (English)" 2 "$K" check --lang en --format json "$T/d.json" -o "$T/d.json"
unchanged "check -o the declaration (English)" "$T/d.json" "$T/orig.json"
contains "check -o the declaration: English message" "$T/err" "is the input"
expect_rc "risk -o the declaration" 2 "$K" risk "$T/d.json" -o "$T/d.json"
unchanged "risk -o the declaration" "$T/d.json" "$T/orig.json"
ln -s d.json "$T/link.json"
expect_rc "check -o a symbolic link to the declaration" 2 "$K" check "$T/d.json" -o "$T/link.json"
unchanged "check -o a symbolic link" "$T/d.json" "$T/orig.json"
expect_rc "check a symbolic link -o the declaration" 2 "$K" check "$T/link.json" -o "$T/d.json"
unchanged "check a symbolic link -o the declaration" "$T/d.json" "$T/orig.json"
ln "$T/d.json" "$T/hard.json"
expect_rc "check -o a hard link to the declaration" 2 "$K" check "$T/d.json" -o "$T/hard.json"
unchanged "check -o a hard link" "$T/d.json" "$T/orig.json"
expect_rc "check -o the declaration through ./ and .." 2 "$K" check "$T/d.json" -o "$T/../$(basename "$T")/./d.json"
unchanged "check -o through ./ and .." "$T/d.json" "$T/orig.json"

# a directory of declarations: an output *.json inside it would be read as a declaration
mkdir "$T/dir"
cp "$D" "$T/dir/a.json"
cp "$D" "$T/dir/out.json"
expect_rc "batch -o an existing declaration of the directory" 2 "$K" check "$T/dir" -o "$T/dir/out.json"
unchanged "batch -o an existing declaration" "$T/dir/out.json" "$T/orig.json"
expect_rc "batch -o a new *.json in the directory" 2 "$K" check "$T/dir" --format json -o "$T/dir/new.json"
[ -e "$T/dir/new.json" ] && bad "batch -o a new *.json: file created" || ok
# not an input: a .txt in the directory, or a file elsewhere, is written as before
expect_rc "batch -o a .txt in the directory" 0 "$K" check "$T/dir" -o "$T/dir/report.txt"
expect_rc "check -o another file" 0 "$K" check "$T/d.json" -o "$T/report.txt"
unchanged "check -o another file" "$T/d.json" "$T/orig.json"

# --params, --baseline, --scenarios
"$K" check --format json -o "$T/r.json" "$D" >/dev/null 2>&1
cp "$T/r.json" "$T/r.orig"
expect_rc "check -o the --baseline file" 2 "$K" check --baseline "$T/r.json" --format json -o "$T/r.json" "$D"
unchanged "check -o the --baseline file" "$T/r.json" "$T/r.orig"
echo '{}' >"$T/p.json"
expect_rc "check -o the --params file" 2 "$K" check --params "$T/p.json" -o "$T/p.json" "$D"
contains "check -o the --params file: content" "$T/p.json" "{}"
echo '[]' >"$T/s.json"
expect_rc "check -o the --scenarios file" 2 "$K" check --scenarios "$T/s.json" -o "$T/s.json" "$D"
contains "check -o the --scenarios file: content" "$T/s.json" "[]"

# summary and diff
expect_rc "summary -o its input" 2 "$K" summary "$T/r.json" -o "$T/r.json"
unchanged "summary -o its input" "$T/r.json" "$T/r.orig"
cp "$T/r.json" "$T/r2.json"
expect_rc "diff -o its second input" 2 "$K" diff "$T/r2.json" "$T/r.json" --format json -o "$T/r.json"
unchanged "diff -o its second input" "$T/r.json" "$T/r.orig"
expect_rc "summary -o another file" 0 "$K" summary "$T/r.json" -o "$T/sum.txt"

# ---------------------------------------------------------------- stale temp files
# A run killed with -9 leaves its temp file (.kyojin-out.PID.XXXXXX) beside the target; the next
# output to that directory removes it when PID is gone, and leaves everything else alone.
mkdir "$T/stale"
dead=$(sh -c 'echo $$')
while kill -0 "$dead" 2>/dev/null; do sleep 0.1; done
echo partial >"$T/stale/.kyojin-out.$dead.AbC123"
echo live >"$T/stale/.kyojin-out.$$.XyZ789"
echo other >"$T/stale/.kyojin-out.notapid"
echo other >"$T/stale/.kyojin-out.$dead.AbC123.keep"
mkdir "$T/stale/.kyojin-out.$dead.DiR456"
expect_rc "output beside a stale temp file" 0 "$K" check "$D" -o "$T/stale/report.txt"
[ -e "$T/stale/.kyojin-out.$dead.AbC123" ] && bad "stale temp file of a dead pid not removed" || ok
[ -e "$T/stale/.kyojin-out.$$.XyZ789" ] && ok || bad "temp file of a live pid removed"
[ -e "$T/stale/.kyojin-out.notapid" ] && ok || bad "file of another pattern removed"
[ -e "$T/stale/.kyojin-out.$dead.AbC123.keep" ] && ok || bad "file of a longer name removed"
[ -d "$T/stale/.kyojin-out.$dead.DiR456" ] && ok || bad "directory removed"
contains "report written beside the stale files" "$T/stale/report.txt" "判定"

# ---------------------------------------------------------------- write errors on stdout
# full NAME RC CMD... — standard output on /dev/full: exit RC and a message on stderr
full() { local name=$1 want=$2; shift 2; "$@" >/dev/full 2>"$T/err"; local rc=$?
  if [ "$rc" -eq "$want" ]; then ok; else bad "$name on /dev/full: exit $rc, expected $want"; head -3 "$T/err"; fi
  if [ -s "$T/err" ]; then ok; else bad "$name on /dev/full: no message"; fi; }
# fresh results, so that nothing above decides what is read here
"$K" check --format json -o "$T/w.json" "$D" >/dev/null 2>&1
cp "$T/w.json" "$T/w2.json"
full schema 2 "$K" schema
full "schema --markdown" 2 "$K" schema --markdown
full list 2 "$K" list
full "list --coverage" 2 "$K" list --coverage
full explain 2 "$K" explain ST-06
full verify 2 "$K" verify "$T/w.json" --declaration "$D"
full test 2 "$K" test
full lint 2 "$K" lint
full summary 4 "$K" summary "$T/w.json"
full diff 4 "$K" diff "$T/w.json" "$T/w2.json"
full check 2 "$K" check "$D"
full "check --format json" 2 "$K" check --format json "$D"
full "--help" 2 "$K" --help
full "--version" 2 "$K" --version
full "help check" 2 "$K" help check
"$K" list --lang en >/dev/full 2>"$T/err"
contains "write error: English message" "$T/err" "standard output: write error"
"$K" list >/dev/full 2>"$T/err"
contains "write error: Japanese message" "$T/err" "標準出力への書き込みに失敗しました"

echo "lost: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
