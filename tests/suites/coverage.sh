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
# one parameter, one place: ST-11 re-states AP-01…AP-05 and may not keep a copy of their
# parameters; a catalog parameter belongs to the policies of its requirement
cp -r policies "$T/q"
sed -i 's/^  restates = restated,$/  restates = restated,\n  params = { antimalware_requires = kyojin.ap_antimalware_param({ ja = "x", en = "x" }), require_evidence = kyojin.evidence_param() },/' "$T/q/st/st-11_alpha_prime_daas.lua"
out=$("$K" lint --policies "$T/q" 2>&1); rc=$?
[ "$rc" -eq 1 ] && ok || bad "lint accepted a parameter defined twice"
printf '%s' "$out" | grep -q "parameter antimalware_requires is defined twice: the catalog gives it to AP-01" && ok || bad "lint missed the catalog parameter copied into ST-11: $out"
printf '%s' "$out" | grep -q "parameter require_evidence is defined twice: AP-03 has it" && ok || bad "lint missed the restated parameter copied into ST-11: $out"
# what users read: register, field names, quoted defaults
cp -r policies "$T/r"
sed -i 's/クリップボードリダイレクトを無効にしてください（コピー＆ペースト不可設定）。/クリップボードリダイレクト（redirection.clipboard）を無効にすること。/' "$T/r/st/st-01_clipboard.lua"
sed -i 's/少なくとも{max_refresh_days}日ごとに/少なくとも7日（既定7日）ごとに/' "$T/r/st/st-06_refresh.lua"
out=$("$K" lint --policies "$T/r" 2>&1); rc=$?
[ "$rc" -eq 1 ] && ok || bad "lint accepted a remediation in the wrong register"
printf '%s' "$out" | grep -q "ST-01): remediation.ja: field name 'redirection.clipboard'" && ok || bad "lint missed a field name: $out"
printf '%s' "$out" | grep -q "ST-01): remediation.ja: sentence not in the です・ます register" && ok || bad "lint missed the register: $out"
printf '%s' "$out" | grep -q "ST-06): remediation.ja quotes a default value" && ok || bad "lint missed a quoted default: $out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
