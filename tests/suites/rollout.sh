#!/usr/bin/env bash
# Rolling out a policy and auditing without editing the declaration (docs/rollout.md):
# - a policy of level "preview" is evaluated and shown in every format but changes no verdict,
#   exit code or risk value; `kyojin lint` warns when a required policy flips a bundled sample
#   that samples/README.md documents as compliant, and not once the policy is a preview;
# - --only / --skip select policies (an unknown id is a usage error with the closest id);
# - --fail-on warn makes an unmet recommendation exit 1;
# - --waivers FILE adds waivers in the declaration's format, validated with positions, hashed
#   and shown in the reports, and `kyojin verify` needs the same file again.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh
A=samples/alpha-town.json     # compliant; AL-05 (recommended) warns on /assets/0
G=samples/gaps-village.json   # many failures; an expired waiver of PV-03 on /vulnerabilities/0
B=samples/beta-town-secure-browser.json # fails ST-07 only
jqr() { jq -r "$@" 2>/dev/null; }

# ---------------------------------------------------------------- the preview level
# A copy of the policy pack with one new required policy that fails on alpha-town: AL-05
# made required, tied to the anti-malware countermeasure so that its failure reaches the risk.
P=$T/policies
cp -r policies "$P"
cat >"$P/al/al-05_strict.lua" <<'EOF'
policy {
  id = "AL-05-strict",
  requirements = { "AL-05" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta" },
  source = "S002 無害化の定義（iii-42 LGWAN接続系端末にアプリケーションホワイトリストを設定）",
  title = { ja = "LGWAN接続系端末のアプリケーションホワイトリスト（必須化）", en = "Application allow-listing on lgwan terminals (required)" },
  remediation = { ja = "LGWAN接続系端末にアプリケーションホワイトリストを設定してください。", en = "Set application allow-listing on lgwan terminals." },
  countermeasures = { "antimalware" },
  check = function(decl, result)
    kyojin.al_require(result, decl, { terminal = true }, { "controls", "allowlisting" }, function(lj, le)
      return { ja = "LGWAN接続系端末「" .. lj .. "」にアプリケーションホワイトリストが設定されていません。",
               en = "lgwan terminal " .. le .. " has no application allow-listing." }
    end)
  end,
}
EOF
cat >"$P/al/al-05_strict_test.lua" <<'EOF'
case { policy = "AL-05-strict", name = "with allow-listing passes", set = { ["/model"] = "alpha" }, expect = "pass" }
case { policy = "AL-05-strict", name = "without allow-listing fails",
  set = { ["/model"] = "alpha", ["/assets/12/controls/allowlisting"] = false }, expect = "fail", subjects = { "/assets/12" } }
EOF

expect_rc "lint of the bundled pack" 0 "$K" lint
grep -q '^warning:' "$T/out" && bad "the bundled pack flips a sample: $(grep '^warning:' "$T/out")" || ok

expect_rc "lint with a new required policy (a warning, not a failure)" 0 "$K" lint --policies "$P"
contains "lint warns that it flips alpha-town" "$T/out" "(AL-05-strict): makes samples/alpha-town.json non-compliant"
contains "lint suggests the preview level" "$T/out" 'level = "preview"'
[ "$(grep -c '^warning:' "$T/out")" -eq 1 ] && ok || bad "lint warns about other samples too: $(grep '^warning:' "$T/out")"

expect_rc "required: alpha-town becomes non-compliant" 1 "$K" check "$A" --policies "$P" --format json -o "$T/req.json"
[ "$(jqr '.declarations[0].compliant' "$T/req.json")" = false ] && ok || bad "required: still compliant"
expect_rc "bundled pack: alpha-town" 0 "$K" check "$A" --format json -o "$T/base.json"

sed -i 's/level = "required"/level = "preview"/' "$P/al/al-05_strict.lua"
expect_rc "lint with the policy as a preview" 0 "$K" lint --policies "$P"
grep -q '^warning:' "$T/out" && bad "lint still warns about a preview policy" || ok
expect_rc "the preview policy's own tests" 0 "$K" test --policies "$P" "$P/al/al-05_strict_test.lua"

expect_rc "preview: alpha-town stays compliant (exit 0)" 0 "$K" check "$A" --policies "$P" --format json -o "$T/pre.json"
[ "$(jqr '.declarations[0].compliant' "$T/pre.json")" = true ] && ok || bad "preview: not compliant"
[ "$(jqr '(.catalog.policies[] | select(.id=="AL-05-strict") | .level) + " " + (.declarations[0].policies[] | select(.id=="AL-05-strict") | .status)' "$T/pre.json")" = "preview fail" ] &&
  ok || bad "preview: the policy's entry is not level preview, status fail"
[ "$(jqr '.declarations[0].counts.fail' "$T/pre.json")" = 1 ] && ok || bad "preview: its failure is not counted as a fail"
# the risk section is exactly the bundled pack's (the required variant's is not: the test can fail)
jq -S '.declarations[0].risk' "$T/base.json" >"$T/risk.base"
jq -S '.declarations[0].risk' "$T/pre.json" >"$T/risk.pre"
jq -S '.declarations[0].risk' "$T/req.json" >"$T/risk.req"
cmp -s "$T/risk.base" "$T/risk.pre" && ok || bad "preview: the risk section changed"
cmp -s "$T/risk.base" "$T/risk.req" && bad "required: the risk section did not change (the test above proves nothing)" || ok
[ "$(jqr '[.declarations[0].risk.asset_rows[].risk_value] | join("")' "$T/pre.json")" = \
  "$(jqr '[.declarations[0].risk.asset_rows[].risk_value] | join("")' "$T/base.json")" ] && ok || bad "preview: risk letters changed"

expect_rc "preview: text" 0 "$K" check "$A" --policies "$P"
contains "text shows the preview level" "$T/out" "AL-05-strict [試行]"
contains "text says it decides nothing" "$T/out" "試行中のポリシーです。判定・終了コード・リスク値には影響しません。"
contains "text verdict" "$T/out" "判定: 準拠"
expect_rc "preview: English text" 0 "$K" check "$A" --policies "$P" --lang en
contains "English text shows the level" "$T/out" "AL-05-strict [preview]"
expect_rc "preview: HTML" 0 "$K" check "$A" --policies "$P" --format html -o "$T/pre.html"
contains "HTML shows the level" "$T/pre.html" "試行"
expect_rc "preview: CSV" 0 "$K" check "$A" --policies "$P" --format csv -o "$T/pre.csv"
grep '"AL-05-strict"' "$T/pre.csv" | grep -q '"試行","不適合"' && ok || bad "CSV: no preview row"
expect_rc "preview: SARIF" 0 "$K" check "$A" --policies "$P" --format sarif -o "$T/pre.sarif"
[ "$(jqr '[.runs[0].results[] | select(.ruleId=="AL-05-strict") | .level + " " + (.properties.preview|tostring)] | unique | join(",")' "$T/pre.sarif")" = "note true" ] &&
  ok || bad "SARIF: the preview finding is not a note marked preview"
expect_rc "preview: JUnit" 0 "$K" check "$A" --policies "$P" --format junit -o "$T/pre.xml"
expect_rc "bundled pack: JUnit" 0 "$K" check "$A" --format junit -o "$T/base.xml"
[ "$(grep -o 'failures="[0-9]*"' "$T/pre.xml" | head -1)" = "$(grep -o 'failures="[0-9]*"' "$T/base.xml" | head -1)" ] &&
  ok || bad "JUnit: the preview failure is counted as a failure"
grep -A2 'name="AL-05-strict' "$T/pre.xml" | grep -q '<system-out>試行中のポリシーです' && ok || bad "JUnit: no system-out for the preview"
grep -A2 'name="AL-05-strict' "$T/pre.xml" | grep -q '<failure' && bad "JUnit: the preview is a failure" || ok
expect_rc "preview: --fail-on warn ignores it" 0 "$K" check "$A" --policies "$P" --only AL-05-strict --fail-on warn

sed -i 's/level = "preview"/level = "trial"/' "$P/al/al-05_strict.lua"
expect_rc "an unknown level is refused" 3 "$K" check "$A" --policies "$P"
contains "the levels come from kyojin.vocab" "$T/err" '"required", "recommended", "info", "preview"'

# ---------------------------------------------------------------- --only and --skip
n=$("$K" list | wc -l)
expect_rc "--only" 0 "$K" check "$A" --only AL-05,BM-10 --format json -o "$T/only.json"
[ "$(jqr '[.declarations[0].policies[].id] | join(",")' "$T/only.json")" = "AL-05,BM-10" ] && ok || bad "--only: other policies in the result"
[ "$(jqr '.rendering.only | join(";")' "$T/only.json")" = "AL-05,BM-10" ] && ok || bad "--only: not recorded"
expect_rc "--skip (repeated)" 0 "$K" check "$A" --skip AL-05 --skip BM-10,PV-06 --format json -o "$T/skip.json"
[ "$(jqr '.declarations[0].policies | length' "$T/skip.json")" = $((n - 3)) ] && ok || bad "--skip: not $((n - 3)) policies"
jq -e '.declarations[0].policies[] | select(.id=="AL-05" or .id=="BM-10" or .id=="PV-06")' "$T/skip.json" >/dev/null &&
  bad "--skip: a skipped policy is in the result" || ok
expect_rc "--only decides compliance over the selection" 0 "$K" check "$G" --only AL-05 --no-risk
expect_rc "--only with a misspelt id" 2 "$K" check "$A" --only AL-5
contains "the closest id is named" "$T/err" "ポリシー 'AL-5' はありません（AL-05 のことですか？）"
expect_rc "--only without an id" 2 "$K" check "$A" --only ,
contains "--only without an id: why" "$T/err" "--only にはポリシー ID をカンマ区切りで指定してください"
expect_rc "--skip with an unknown id in English" 2 "$K" check "$A" --skip ST-01,ZZ-99x --lang en
contains "English hint" "$T/err" "no policy 'ZZ-99x'"

# ---------------------------------------------------------------- --fail-on
expect_rc "warnings only: exit 0 by default" 0 "$K" check "$A" --no-risk
expect_rc "--fail-on fail is the default" 0 "$K" check "$A" --no-risk --fail-on fail
expect_rc "--fail-on warn: an unmet recommendation exits 1" 1 "$K" check "$A" --no-risk --fail-on warn
expect_rc "--fail-on warn: nothing unmet exits 0" 0 "$K" check samples/base.json --no-risk --fail-on warn
expect_rc "--fail-on warn with --jobs 2 and text" 1 "$K" check samples/base.json "$A" --no-risk --fail-on warn --jobs 2
expect_rc "--fail-on warn without the warnings" 0 "$K" check "$A" --no-risk --fail-on warn --skip AL-05,BM-10,PV-06,PV-08
expect_rc "--fail-on with a bad value" 2 "$K" check "$A" --fail-on error

# ---------------------------------------------------------------- --waivers FILE
cat >"$T/auditor-waivers.json" <<'EOF'
{
  "waivers": [
    { "policy": "ST-07", "subject": "/screen_transfer/2", "justification": "監査人が確認した代替策",
      "approver": "監査 太郎", "expires": "2027-03-31" },
    { "policy": "PV-03", "subject": "/vulnerabilities/0", "justification": "更新された例外承認",
      "approver": "総務課長", "expires": "2027-03-31" }
  ]
}
EOF
W=$T/auditor-waivers.json
sha=$(sha256sum "$W" | cut -d' ' -f1)
expect_rc "without the file: beta-town fails ST-07" 1 "$K" check "$B" --no-risk
expect_rc "with the file: ST-07 waived, compliant" 0 "$K" check "$B" --waivers "$W" --format json -o "$T/w.json"
[ "$(jqr '.declarations[0].policies[] | select(.id=="ST-07") | .status' "$T/w.json")" = waived ] && ok || bad "waivers file: ST-07 not waived"
[ "$(jqr '.declarations[0].policies[] | select(.id=="ST-07") | .findings[] | select(.pointer=="/screen_transfer/2") | .waiver.file' "$T/w.json")" = "$W" ] && ok || bad "waivers file: the waiver does not name its file"
[ "$(jqr '.waivers.sha256 + " " + .waivers.file + " " + (.waivers.waivers|tostring)' "$T/w.json")" = "$sha $W 2" ] && ok || bad "waivers file: not recorded in the envelope"
[ "$(jqr '.rendering.waivers.sha256' "$T/w.json")" = "$sha" ] && ok || bad "waivers file: not in the rendering record"
expect_rc "an expired declared waiver gives way to the file's" 1 "$K" check "$G" --waivers "$W" --no-risk --format json -o "$T/g.json"
[ "$(jqr '.declarations[0].policies[] | select(.id=="PV-03") | .findings[] | select(.pointer=="/vulnerabilities/0") | .status + " " + .waiver.justification' "$T/g.json")" = "waived 更新された例外承認" ] &&
  ok || bad "waivers file: the expired declared waiver still decides"
expect_rc "text names the file and its hash" 0 "$K" check "$B" --waivers "$W" --no-risk
contains "text: waivers file line" "$T/out" "例外承認のファイル: $W (SHA-256 $sha)"
contains "text: the waived finding names the file" "$T/out" "理由: 監査人が確認した代替策 例外承認のファイル: $W"
expect_rc "HTML" 0 "$K" check "$B" --waivers "$W" --format html -o "$T/w.html"
contains "HTML inputs table: name" "$T/w.html" "例外承認のファイル</th>"
contains "HTML inputs table: hash" "$T/w.html" "$sha"
contains "HTML waivers section names the file" "$T/w.html" "例外承認のファイル: </span>$W"

cat >"$T/bad-waivers.json" <<'EOF'
{
  "waivers": [
    { "policy": "ST-7", "subject": "screen", "justification": "x", "approver": "y", "expires": "2027-02-30" }
  ]
}
EOF
expect_rc "an invalid waivers file" 2 "$K" check "$B" --waivers "$T/bad-waivers.json"
contains "error at file:line:column (date)" "$T/err" "bad-waivers.json:3:"
contains "error names the field" "$T/err" "/waivers/0/expires"
contains "error names the pointer format" "$T/err" "/waivers/0/subject"
echo '{"waivers": [{"policy": "ST-77", "subject": "/assets", "justification": "x", "approver": "y", "expires": "2027-01-01"}]}' >"$T/unknown.json"
expect_rc "a waiver of an unknown policy" 2 "$K" check "$B" --waivers "$T/unknown.json"
contains "unknown policy named" "$T/err" "ST-77"
echo '[1,' >"$T/broken.json"
expect_rc "a waivers file that is not JSON" 2 "$K" check "$B" --waivers "$T/broken.json"
expect_rc "-o onto the waivers file is refused" 2 "$K" check "$B" --waivers "$W" --format json -o "$W"
[ "$(sha256sum "$W" | cut -d' ' -f1)" = "$sha" ] && ok || bad "the waivers file was overwritten"

# verify: the same file (under another name) matches; none, or another, does not
cp "$W" "$T/copy.json"
expect_rc "verify with the waivers file (another name)" 0 "$K" verify "$T/w.html" --declaration "$B" --waivers "$T/copy.json"
contains "verify says the file matches" "$T/out" "--waivers $T/copy.json"
expect_rc "verify without the waivers file" 2 "$K" verify "$T/w.html" --declaration "$B"
contains "verify asks for it" "$T/err" "--waivers"
sed 's/監査 太郎/監査 次郎/' "$W" >"$T/other.json"
expect_rc "verify with another waivers file" 1 "$K" verify "$T/w.html" --declaration "$B" --waivers "$T/other.json"
contains "verify names the mismatch" "$T/out" "--waivers $T/other.json"
expect_rc "JSON with --only, --fail-on, --waivers" 1 "$K" check "$A" --only AL-05,ST-07 --fail-on warn --waivers "$W" --format json -o "$T/all.json"
expect_rc "verify re-renders with the recorded --only and --fail-on" 0 "$K" verify "$T/all.json" --declaration "$A" --waivers "$W"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
