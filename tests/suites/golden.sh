#!/usr/bin/env bash
# golden: every output of every sample (tests/golden/render.sh) is byte-identical to the
# recorded SHA-256 of each file in tests/golden/SHA256SUMS. The sums were taken from the
# build before the layout change (issue 13); a change that is meant to alter an output
# regenerates them with `tests/golden/render.sh ./kyojin DIR && tests/suites/golden.sh --update`
# and says so in its commit. On a difference the differing files are named; render the
# previous commit's outputs (git worktree) to see the difference itself.
set -u
cd "$(dirname "$0")/../.."
kyojin=${KYOJIN:-./kyojin}
sums=tests/golden/SHA256SUMS
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
tests/golden/render.sh "$kyojin" "$out"
if [ "${1:-}" = --update ]; then
  (cd "$out" && LC_ALL=C sha256sum $(LC_ALL=C ls)) >"$sums"
  echo "updated $sums ($(wc -l <"$sums") files)"
  exit 0
fi
passed=0 failed=0
got=$(cd "$out" && LC_ALL=C sha256sum $(LC_ALL=C ls))
while read -r sum name; do
  g=$(printf '%s\n' "$got" | awk -v n="$name" '$2 == n {print $1}')
  if [ -z "$g" ]; then failed=$((failed + 1)); echo "FAIL: $name: not produced"
  elif [ "$g" != "$sum" ]; then failed=$((failed + 1)); echo "FAIL: $name differs"
  else passed=$((passed + 1)); fi
done <"$sums"
extra=$(printf '%s\n' "$got" | awk '{print $2}' | while read -r n; do grep -q " $n\$" "$sums" || echo "$n"; done)
if [ -n "$extra" ]; then failed=$((failed + 1)); echo "FAIL: outputs not in $sums: $extra"; fi
echo "golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
