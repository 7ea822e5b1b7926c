#!/usr/bin/env bash
# Runs every test suite and ends with "N passed, N failed".
# Each suite prints its own "N passed, N failed" line; this script adds them up.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD
passed=0; failed=0
run_suite() {
  local name=$1; shift
  echo "== $name"
  local out rc
  out=$("$@" 2>&1); rc=$?
  printf '%s\n' "$out" | tail -n 40
  local line
  line=$(printf '%s\n' "$out" | grep -E '^[A-Za-z]*:? ?[0-9]+ passed, [0-9]+ failed' | tail -n 1)
  if [ -n "$line" ]; then
    local p f
    p=$(printf '%s' "$line" | sed -E 's/.*([0-9]+) passed.*/\1/; s/.* ([0-9]+) passed.*/\1/')
    p=$(printf '%s' "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
    f=$(printf '%s' "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); echo "suite $name exited $rc"; fi
  else
    if [ "$rc" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "suite $name failed (exit $rc)"; fi
  fi
}
for suite in tests/suites/*.sh; do
  [ -e "$suite" ] || continue
  run_suite "$(basename "$suite" .sh)" bash "$suite"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
