#!/usr/bin/env bash
# format: every C file of the tree follows .clang-format (clang-format --dry-run -Werror).
set -u
cd "$(dirname "$0")/../.."
command -v clang-format >/dev/null 2>&1 || { echo "clang-format missing (tests/deps.sh installs it)"; echo "0 passed, 1 failed"; exit 1; }
passed=0 failed=0
for f in core/*/*.[ch] tools/*.c tests/unit/*.[ch] tests/*/*.c fuzz/*.[ch]; do
  if clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then passed=$((passed + 1))
  else failed=$((failed + 1)); echo "FAIL: $f does not follow .clang-format (clang-format -i $f)"; fi
done
echo "format: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
