#!/usr/bin/env bash
# The C fast path of validation (core/input/fastval.c) changes nothing visible: `kyojin check` gives
# byte-identical results (text and JSON, both languages) and exit codes with the fast path and
# with KYOJIN_VALIDATE=lua (Lua validator only), on every sample (valid and invalid) and on
# generated declarations. The valid/invalid agreement itself is tested case by case by the
# unit test tests/unit/test_fastval.c (suite `unit`).
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
passed=0; failed=0

"$K" gen --out "$T/gen" --seed 5 --count 6 --size medium >/dev/null 2>&1 || { echo "FAIL: kyojin gen"; failed=$((failed + 1)); }

same() { # NAME ARGS...: one check run each way
  local name=$1; shift
  "$K" check "$@" >"$T/fast" 2>&1; local rf=$?
  KYOJIN_VALIDATE=lua "$K" check "$@" >"$T/lua" 2>&1; local rl=$?
  if [ "$rf" -eq "$rl" ] && cmp -s "$T/fast" "$T/lua"; then passed=$((passed + 1))
  else failed=$((failed + 1)); echo "FAIL: $name: exit $rf vs $rl (KYOJIN_VALIDATE=lua)"; diff "$T/fast" "$T/lua" | head -10; fi
}

for f in samples/*.json samples/invalid/*.json "$T"/gen/*.json; do
  [ -e "$f" ] || continue
  same "$f json" --timeout 0 --format json "$f"
  case $f in samples/invalid/*) same "$f text en" --timeout 0 --lang en "$f"; same "$f text ja" --timeout 0 "$f";; esac
done
# one batch mixing valid and invalid declarations
same "batch" --timeout 0 --format json samples/base.json samples/invalid/bad-enum.json samples/minimal.json

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
