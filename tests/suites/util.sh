#!/usr/bin/env bash
# The helper layer through the CLI (core/util; its cmocka tests are tests/unit/test_util.c in
# the unit suite): where `-o` writes. `kyojin summary` and `kyojin diff` stream into a FIFO and
# leave it a FIFO, write to a null device and to /dev/fd/N straight through, refuse a directory
# without touching it, and replace a regular file (or the file a link points to) whole with no
# temp file left behind. Devices are nodes made in the temp directory and descriptors are
# named by /dev/fd/N (nothing can be created there): a mistake cannot replace a system file.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d)
reader=
cleanup() {
  [ -n "$reader" ] && kill "$reader" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }
check() { if eval "$2"; then ok; else fail "$1"; fi; }
no_temp() { [ -z "$(find "$1" -maxdepth 1 -name '.kyojin-out.*' -print -quit)" ]; }

"$K" check samples/base.json --format json >"$T/r.json"; rc=$?
check "check --format json gives a result (exit $rc)" '[ "$rc" -le 1 ] && [ -s "$T/r.json" ]'
"$K" summary "$T/r.json" >"$T/expected.txt" 2>"$T/err"
check "summary to stdout" '[ $? -eq 0 ] && [ -s "$T/expected.txt" ]'

# Stream the output through a FIFO into a reader; $1 is the command's name in messages.
via_fifo() {
  local what=$1; shift
  rm -f "$T/fifo" "$T/got"
  mkfifo "$T/fifo"
  timeout 20 cat "$T/fifo" >"$T/got" &
  reader=$!
  timeout 20 "$@" -o "$T/fifo" 2>"$T/err"; local rc=$?
  wait "$reader"; reader=
  check "$what -o FIFO exits 0 (got $rc: $(cat "$T/err"))" '[ "$rc" -eq 0 ]'
  check "$what -o FIFO: the FIFO is still a FIFO" '[ -p "$T/fifo" ]'
  check "$what -o FIFO: no temp file next to it" 'no_temp "$T"'
}

via_fifo summary "$K" summary "$T/r.json"
check "summary -o FIFO: the reader gets the report" 'cmp -s "$T/got" "$T/expected.txt"'

"$K" diff "$T/r.json" "$T/r.json" >"$T/expected-diff.txt" 2>/dev/null
via_fifo diff "$K" diff "$T/r.json" "$T/r.json"
check "diff -o FIFO: the reader gets the report" '[ -s "$T/got" ] && cmp -s "$T/got" "$T/expected-diff.txt"'

if mknod "$T/null" c 1 3 2>/dev/null; then
  "$K" summary "$T/r.json" -o "$T/null" 2>"$T/err"; rc=$?
  check "summary -o NULL-DEVICE exits 0 (got $rc)" '[ "$rc" -eq 0 ]'
  check "the null device is still a character device" '[ -c "$T/null" ] && no_temp "$T"'
else
  echo "note: mknod not permitted: the null-device case is covered by the unit suite only"
fi

"$K" summary "$T/r.json" -o /dev/fd/3 3>"$T/fd.txt" 2>"$T/err"; rc=$?
check "summary -o /dev/fd/3 writes through the descriptor (exit $rc)" '[ "$rc" -eq 0 ] && cmp -s "$T/fd.txt" "$T/expected.txt"'

mkdir "$T/real"; printf 'old\n' >"$T/real/target.txt"; ln -s real/target.txt "$T/link.txt"
"$K" summary "$T/r.json" -o "$T/link.txt" 2>"$T/err"; rc=$?
check "summary -o LINK replaces the file it points to (exit $rc)" '[ "$rc" -eq 0 ] && cmp -s "$T/real/target.txt" "$T/expected.txt"'
check "summary -o LINK leaves the link a link" '[ -L "$T/link.txt" ] && no_temp "$T" && no_temp "$T/real"'

mkdir "$T/dir"
"$K" summary "$T/r.json" -o "$T/dir" 2>"$T/err"; rc=$?
check "summary -o DIR is refused with exit 4 (got $rc)" '[ "$rc" -eq 4 ]'
check "summary -o DIR says it is a directory" 'grep -q "is a directory" "$T/err"'
check "summary -o DIR leaves the directory as it was" '[ -d "$T/dir" ] && [ -z "$(ls -A "$T/dir")" ] && no_temp "$T"'

printf 'old\n' >"$T/out.txt"
"$K" summary "$T/r.json" -o "$T/out.txt" 2>"$T/err"; rc=$?
check "summary -o FILE replaces a regular file (exit $rc)" '[ "$rc" -eq 0 ] && cmp -s "$T/out.txt" "$T/expected.txt"'
check "summary -o FILE: no temp file left" 'no_temp "$T"'

"$K" summary "$T/r.json" -o "$T/missing/out.txt" 2>"$T/err"; rc=$?
check "summary -o in a missing directory: exit 4, the path named (got $rc)" '[ "$rc" -eq 4 ] && grep -q "missing/out.txt" "$T/err"'

echo "util: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
