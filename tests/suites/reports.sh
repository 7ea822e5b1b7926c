#!/usr/bin/env bash
# Suite of the report writers (HTML, CSV, XLSX) and kyojin verify: the fixture tests
# (tests/reports/run-tests.sh) and every sample through the CLI in a real browser
# (tests/reports/samples-test.sh). The cmocka tests tests/unit/test_report_*.c run in the
# unit suite. Ends with one "N passed, N failed" line.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
passed=0 failed=0
add() {
  local out rc p f
  out=$("$@" 2>&1); rc=$?
  printf '%s\n' "$out" | grep -E '^(FAIL|skip|\[  FAILED|\[  ERROR)' | head -30
  p=$(printf '%s\n' "$out" | grep -oE '^[0-9]+ passed' | tail -1 | grep -oE '[0-9]+')
  f=$(printf '%s\n' "$out" | grep -oE '[0-9]+ failed' | tail -1 | grep -oE '[0-9]+')
  echo "  $(basename "$1"): ${p:-0} passed, ${f:-0} failed"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); echo "  $1 exited $rc"; fi
}
if ! make -s "$BUILD/report-render" BUILD="$BUILD" CFLAGS="${CFLAGS:--O2}" LDFLAGS="${LDFLAGS:-}" >/dev/null; then
  echo "building the report tests failed"; echo "0 passed, 1 failed"; exit 1
fi
[ -x ./kyojin ] || make -s kyojin BUILD="$BUILD" CFLAGS="${CFLAGS:--O2}" LDFLAGS="${LDFLAGS:-}" >/dev/null
add tests/reports/run-tests.sh "$BUILD/report-render"
add tests/reports/samples-test.sh ./kyojin
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
