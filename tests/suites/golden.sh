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
got=$(cd "$out" && LC_ALL=C sha256sum $(LC_ALL=C ls))
# one pass over both lists: each recorded file produced with its sum, nothing else produced
result=$(printf '%s\n' "$got" | awk -v sums="$sums" '
  { g[$2] = $1 }
  END {
    while ((getline line < sums) > 0) {
      split(line, f, " "); sum = f[1]; name = f[2]; known[name] = 1
      if (!(name in g)) { failed++; print "FAIL: " name ": not produced" }
      else if (g[name] != sum) { failed++; print "FAIL: " name " differs" }
      else passed++
    }
    for (n in g) if (!(n in known)) extra = extra " " n
    if (extra != "") { failed++; print "FAIL: outputs not in " sums ":" extra }
    printf "%d %d\n", passed, failed
  }')
printf '%s\n' "$result" | sed '$d'
read -r passed failed <<<"$(printf '%s\n' "$result" | tail -n 1)"
echo "golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
