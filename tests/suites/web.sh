#!/usr/bin/env bash
# web: the self-contained page build/kyojin.html (make web; docs/dev/web.md) in Debian's
# Chromium driven by playwright-core (tests/web): its results byte for byte against the
# command line's (tests/web/compare.js), hostile policies ended by the page's time limit
# while the page stays responsive (tests/web/hostile.js), and the editor used through its
# interface only (tests/web/editor.js). Every test also checks that the page requested
# nothing but itself. Ends with one "N passed, N failed" line.
set -u
cd "$(dirname "$0")/../.."
KYOJIN=${KYOJIN:-./kyojin}
passed=0 failed=0
for need in emcc node /usr/bin/chromium; do
  command -v "$need" >/dev/null 2>&1 || { echo "FAIL: $need missing (tests/deps.sh installs it)"; echo "0 passed, 1 failed"; exit 1; }
done
[ -d tests/web/node_modules/playwright-core ] || { echo "FAIL: tests/web: npm ci missing (tests/deps.sh)"; echo "0 passed, 1 failed"; exit 1; }
# the page, when it is not built or older than its sources (a no-op otherwise)
if ! out=$(make -s --no-print-directory web 2>&1); then
  printf '%s\n' "$out" | tail -20
  echo "FAIL: make web"; echo "0 passed, 1 failed"; exit 1
fi
run() {
  local out rc p f
  out=$(node "$@" 2>&1); rc=$?
  printf '%s\n' "$out" | grep -E '^(FAIL|web )' | head -40
  p=$(printf '%s\n' "$out" | grep -oE '[0-9]+ passed' | tail -1 | grep -oE '[0-9]+')
  f=$(printf '%s\n' "$out" | grep -oE '[0-9]+ failed' | tail -1 | grep -oE '[0-9]+')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); echo "FAIL: node $1 exited $rc"; fi
}
for t in compare hostile editor; do
  [ -f "tests/web/$t.js" ] && run "tests/web/$t.js" "$KYOJIN"
done
echo "web: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
