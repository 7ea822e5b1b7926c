#!/usr/bin/env bash
# cmocka unit tests; prints "N passed, N failed" over all test programs' cases.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
make -s BUILD="$BUILD" CFLAGS="${CFLAGS:--O2}" LDFLAGS="${LDFLAGS:-}" unit-tests >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
passed=0; failed=0
for t in "$BUILD"/test_*; do
  [ -x "$t" ] || continue
  out=$("$t" 2>&1); rc=$?
  p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  [ "$f" -ne 0 ] && printf '%s\n' "$out" | grep -vE '^\[ *(RUN|OK) *\]' | head -40
  echo "$(basename "$t"): $p passed, $f failed"
  passed=$((passed + p)); failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
