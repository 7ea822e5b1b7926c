#!/usr/bin/env bash
# Every catalog requirement ID is covered by a policy, the pack lints clean, and lint catches
# a policy without tests and an unknown requirement ID.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
out=$("$K" list --coverage --lang en); rc=$?
printf '%s\n' "$out" | grep "NOT COVERED"
[ "$rc" -eq 0 ] && ok || bad "some catalog IDs are not covered"
"$K" lint >/tmp/kyojin-lint.$$ 2>&1 && ok || { bad "lint: $(head -5 /tmp/kyojin-lint.$$)"; }
T=$(mktemp -d); trap 'rm -rf "$T" /tmp/kyojin-lint.$$' EXIT
cp -r policies "$T/p"
rm "$T/p/st/st-01_clipboard_test.lua"
sed -i 's/requirements = { "ST-05" }/requirements = { "ST-99" }/' "$T/p/st/st-05_encryption.lua"
out=$("$K" lint --policies "$T/p" 2>&1); rc=$?
[ "$rc" -eq 1 ] && ok || bad "lint accepted a broken pack"
printf '%s' "$out" | grep -q "no test file st/st-01_clipboard_test.lua" && ok || bad "lint missed the missing test file"
printf '%s' "$out" | grep -q "requirement ST-99 is not in the catalog" && ok || bad "lint missed the unknown requirement: $out"
printf '%s' "$out" | grep -q "requirement ST-05 is covered by no policy" && ok || bad "lint missed the uncovered ID"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
