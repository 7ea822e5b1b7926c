#!/usr/bin/env bash
# docs: docs/dev/architecture.md names every C file of core/ under its subsystem's heading, and
# every file it names there exists; every core/ subsystem folder has a README.md.
set -u
cd "$(dirname "$0")/../.."
doc=docs/dev/architecture.md
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
# the section of one subsystem: from "### core/NAME" to the next "###"
section() { awk -v h="### core/$1 " 'index($0, h) == 1 {on = 1; next} /^###/ {on = 0} on' "$doc"; }
for dir in core/*/; do
  sub=$(basename "$dir")
  [ -f "$dir/README.md" ] && ok || bad "$dir has no README.md"
  text=$(section "$sub")
  [ -n "$text" ] || { bad "$doc has no section for core/$sub"; continue; }
  for f in "$dir"*.c "$dir"*.h; do
    [ -e "$f" ] || continue
    n=$(basename "$f")
    if printf '%s\n' "$text" | grep -qF "\`$n\`" || printf '%s\n' "$text" | grep -qE "\`${n%.*}\.c\`, \`${n%.*}\.h\`"; then ok
    else bad "$f is not listed under core/$sub in $doc"; fi
  done
  for n in $(printf '%s\n' "$text" | grep -oE '`[a-z_0-9]+\.[ch]`' | tr -d '`' | sort -u); do
    [ -e "$dir$n" ] && ok || bad "$doc lists core/$sub/$n, which does not exist"
  done
done
echo "docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
