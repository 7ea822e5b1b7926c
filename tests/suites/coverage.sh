#!/usr/bin/env bash
# Every catalog requirement ID is covered by at least one policy, and the pack lints clean.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
out=$("$K" list --coverage --lang en); rc=$?
printf '%s\n' "$out" | grep "NOT COVERED"
if [ "$rc" -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
