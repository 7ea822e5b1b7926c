#!/usr/bin/env bash
# format: every C file of the tree follows .clang-format (clang-format --dry-run -Werror), all
# files in one clang-format run; a file with a violation is named once.
set -u
cd "$(dirname "$0")/../.."
command -v clang-format >/dev/null 2>&1 || { echo "clang-format missing (tests/deps.sh installs it)"; echo "0 passed, 1 failed"; exit 1; }
mapfile -t files < <(printf '%s\n' core/*/*.[ch] tools/*.c tests/unit/*.[ch] tests/*/*.c fuzz/*.[ch] | sort -u)
out=$(clang-format --dry-run -Werror "${files[@]}" 2>&1); rc=$?
bad=$(printf '%s\n' "$out" | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*clang-format.*/\1/p' | sort -u)
failed=$(printf '%s' "$bad" | grep -c .)
for f in $bad; do echo "FAIL: $f does not follow .clang-format (clang-format -i $f)"; done
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then echo "FAIL: clang-format: $(printf '%s\n' "$out" | head -3)"; failed=1; fi
echo "format: $((${#files[@]} - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
