#!/usr/bin/env bash
# The policy pack's edition (policies/edition.lua: policy_set.edition in every result, "not
# set" for a pack without one, lint's warning and error) and `kyojin impact` (the bodies whose
# verdict a new edition changes, and why): an edition that adds one required policy over the
# samples and a generated set, checked against what `kyojin check` gives with each pack; an
# identical pack; a removed policy, a level change and a parameter change; a failing policy
# that does not count towards compliance; text, JSON and HTML; --jobs; bad input.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-$PWD/kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh
ED=$(sed -n 's/^ *edition = "\(.*\)",$/\1/p' policies/edition.lua)

# ---- the edition ----
[ -n "$ED" ] && ok || bad "policies/edition.lua names no edition"
expect_rc "check JSON" 0 "$K" check samples/base.json --no-risk --format json
[ "$(jq -r .policy_set.edition "$T/out")" = "$ED" ] && ok || bad "policy_set.edition is not $ED"
expect_rc "check text" 0 "$K" check samples/base.json --no-risk
contains "text names the edition" "$T/out" "ポリシーパック: 版 $ED（ポリシー数 "
expect_rc "check HTML" 0 "$K" check samples/base.json --no-risk --format html -o "$T/r.html"
contains "HTML scope names the edition" "$T/r.html" "版: $ED / "
# a binary without its policies/ folder: the bundled pack has the edition too
mkdir "$T/bin" && cp "$K" "$T/bin/kyojin"
(cd "$T" && env -u KYOJIN_HOME ./bin/kyojin check "$OLDPWD/samples/base.json" --no-risk --format json >"$T/b.json" 2>"$T/err")
[ "$(jq -r .policy_set.edition "$T/b.json")" = "$ED" ] && ok || bad "the bundled pack has no edition"
# a pack without edition.lua: absent in JSON, "not set" where shown, lint warns (and passes)
cp -r policies "$T/noed" && rm "$T/noed/edition.lua"
expect_rc "check, pack without edition" 0 "$K" check samples/base.json --no-risk --format json --policies "$T/noed"
[ "$(jq -r '.policy_set | has("edition")' "$T/out")" = false ] && ok || bad "edition present without edition.lua"
expect_rc "text, pack without edition" 0 "$K" check samples/base.json --no-risk --policies "$T/noed"
contains "text says not set" "$T/out" "ポリシーパック: 版 未設定"
expect_rc "English text, pack without edition" 0 "$K" check samples/base.json --no-risk --policies "$T/noed" --lang en
contains "English text says not set" "$T/out" "Policy pack: Edition not set"
expect_rc "lint, pack without edition" 0 "$K" lint --policies "$T/noed"
contains "lint warns" "$T/out" "warning: no edition.lua"
expect_rc "lint, the pack" 0 "$K" lint
grep -q "edition" "$T/out" && bad "lint warns about the pack's own edition" || ok
# ill-formed editions: a load error (exit 3), named; lint fails
cp -r "$T/noed" "$T/bad"
for e in 'return { edition = "2026 1", date = "2026-06-08", title = { ja = "版", en = "e" } }' \
         'return { edition = "2026.1", date = "2026-02-30", title = { ja = "版", en = "e" } }' \
         'return { edition = "2026.1", date = "2026-06-08", title = { ja = "版" } }' \
         'return { edition = "2026.1", date = "2026-06-08", title = { ja = "版", en = "e" }, extra = 1 }' \
         'return "2026.1"' 'return os.time()' 'while true do end'; do
  printf '%s\n' "$e" >"$T/bad/edition.lua"
  expect_rc "ill-formed edition: $e" 3 "$K" check samples/base.json --no-risk --policies "$T/bad"
  contains "the error names edition.lua ($e)" "$T/err" "edition.lua"
done
expect_rc "lint, ill-formed edition" 3 "$K" lint --policies "$T/bad"
contains "lint names edition.lua" "$T/err" "edition.lua"

# ---- impact: an edition that adds one required policy ----
cp -r policies "$T/new"
sed -i "s/edition = \"$ED\"/edition = \"$ED-next\"/" "$T/new/edition.lua"
mkdir "$T/new/xx"
cat >"$T/new/xx/xx-99.lua" <<'EOF'
policy {
  id = "XX-99",
  requirements = { "ST-01" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 impact test",
  title = { ja = "テスト用の必須ポリシー", en = "A required policy of the test" },
  remediation = { ja = "αモデル以外にしてください。", en = "Leave the alpha model." },
  countermeasures = {},
  check = function(decl, result, params)
    if decl.model == "alpha" then
      result:fail("/model", { ja = "αモデルです。", en = "The model is alpha." })
    else
      result:pass("/model", { ja = "αモデルではありません。", en = "Not alpha." })
    end
  end,
}
EOF
mkdir "$T/gen" && "$K" gen --out "$T/gen" --count 30 --quiet
# What must flip, from check itself: compliant under the pack, model alpha. What must change
# without flipping: not compliant, model alpha.
for set in samples gen; do
  dir=samples; [ $set = gen ] && dir=$T/gen
  "$K" check "$dir" --no-risk --format json -o "$T/$set-old.json" 2>/dev/null
  jq -r '.declarations[] | select(.compliant and .body.model == "alpha") | .file' "$T/$set-old.json" | sort >"$T/$set-flip.want"
  jq -r '.declarations[] | select((.compliant | not) and .body.model == "alpha") | .file' "$T/$set-old.json" | sort >"$T/$set-same.want"
  [ -s "$T/$set-flip.want" ] && [ -s "$T/$set-same.want" ] && ok || bad "$set: the test set has no body to flip or none to change"
  expect_rc "$set: impact JSON" 1 "$K" impact "$dir" --new-policies "$T/new" --format json -o "$T/$set.json"
  j=$T/$set.json
  jq -r '.bodies[] | select(.old_compliant and (.new_compliant | not)) | .file' "$j" | sort >"$T/$set-flip.got"
  jq -r '.bodies[] | select(.old_compliant == .new_compliant) | .file' "$j" | sort >"$T/$set-same.got"
  cmp -s "$T/$set-flip.want" "$T/$set-flip.got" && ok || { bad "$set: flipped bodies differ"; diff "$T/$set-flip.want" "$T/$set-flip.got" | head; }
  cmp -s "$T/$set-same.want" "$T/$set-same.got" && ok || { bad "$set: changed bodies differ"; diff "$T/$set-same.want" "$T/$set-same.got" | head; }
  [ "$(jq -r '.schema' "$j")" = kyojin/impact/v1 ] && ok || bad "$set: schema"
  [ "$(jq '.summary.to_non_compliant' "$j")" = "$(wc -l <"$T/$set-flip.want")" ] && ok || bad "$set: summary count of flips"
  [ "$(jq '.summary.to_compliant' "$j")" = 0 ] && ok || bad "$set: a body became compliant"
  [ "$(jq '.summary.bodies' "$j")" = "$(jq '.declarations | length' "$T/$set-old.json")" ] && ok || bad "$set: bodies evaluated"
  # the reason: exactly the one added policy, failing with its message
  [ "$(jq -c '[.policies[] | {id, reasons, old_level, new_level}]' "$j")" = '[{"id":"XX-99","reasons":["added"],"old_level":null,"new_level":"required"}]' ] && ok || bad "$set: policy changes: $(jq -c .policies "$j")"
  [ "$(jq -c '[.bodies[].policies[] | [.id, .old_status, .new_status, .reasons, .findings[0].message.ja, .findings[0].pointer]] | unique' "$j")" = '[["XX-99",null,"fail",["added"],"αモデルです。","/model"]]' ] && ok || bad "$set: body changes: $(jq -c '[.bodies[].policies[]] | unique' "$j" | head -c 400)"
  [ "$(jq '.policies[0].bodies' "$j")" = "$(cat "$T/$set-flip.want" "$T/$set-same.want" | wc -l)" ] && ok || bad "$set: bodies changed by XX-99"
  [ "$(jq -r '.new.edition' "$j")" = "$ED-next" ] && [ "$(jq -r '.old.edition' "$j")" = "$ED" ] && ok || bad "$set: editions"
done
# --jobs gives the same bytes; so does a second run
"$K" impact "$T/gen" --new-policies "$T/new" --format json --jobs 2 -o "$T/gen-j2.json"
cmp -s "$T/gen.json" "$T/gen-j2.json" && ok || bad "--jobs 2 gives other bytes"
"$K" impact "$T/gen" --new-policies "$T/new" --format json -o "$T/gen-again.json"
cmp -s "$T/gen.json" "$T/gen-again.json" && ok || bad "a second run gives other bytes"

# text: summary at the top, the flipped body and its reason
expect_rc "text" 1 "$K" impact samples --new-policies "$T/new"
n=$(wc -l <"$T/samples-flip.want")
contains "text summary" "$T/out" "判定が変わる団体 $n（準拠→非準拠 $n、非準拠→準拠 0）"
contains "text policy line" "$T/out" "XX-99 テスト用の必須ポリシー（ポリシーの追加）"
contains "text flipped body" "$T/out" "にしき野町（団体コード 085499, samples/alpha-town.json）: 準拠 → 非準拠"
contains "text reason" "$T/out" "XX-99: （ポリシーなし） → 不適合（理由: ポリシーの追加）"
contains "text finding" "$T/out" "/model（16 行） — αモデルです。"
expect_rc "English text" 1 "$K" impact samples --new-policies "$T/new" --lang en
contains "English text flipped body" "$T/out" "にしき野町 (code 085499, samples/alpha-town.json): compliant → not compliant"
contains "English reason" "$T/out" "XX-99: (no such policy) → fail (why: policy added)"

# ---- an identical pack: nothing changes, exit 0 ----
expect_rc "identical pack" 0 "$K" impact samples --old-policies policies --new-policies policies --format json
[ "$(jq -c '[.summary.flipped, .summary.changed, (.policies | length), (.bodies | length)]' "$T/out")" = '[0,0,0,0]' ] && ok || bad "identical pack reports changes"
expect_rc "the installed pack against itself" 0 "$K" impact "$T/gen" --new-policies policies

# ---- a removed policy, a level change, a parameter change ----
cp -r policies "$T/rev"
rm "$T/rev/al/al-01_harmlessization.lua"
sed -i 's/level = "recommended"/level = "required"/' "$T/rev/al/al-05_allowlisting.lua"
sed -i 's/default = 7, type = "number"/default = 3, type = "number"/' "$T/rev/st/st-06_"*[!t].lua
expect_rc "revision" 1 "$K" impact samples --new-policies "$T/rev" --format json -o "$T/rev.json"
[ "$(jq -c '[.policies[] | [.id, .reasons, .old_level, .new_level]]' "$T/rev.json")" = '[["AL-01",["removed"],"required",null],["AL-05",["level_changed"],"recommended","required"],["ST-06",["parameters_changed"],"required","required"]]' ] && ok || bad "revision: $(jq -c '[.policies[] | [.id, .reasons]]' "$T/rev.json")"
[ "$(jq -c '.policies[2].parameters' "$T/rev.json")" = '[{"name":"max_refresh_days","old":7,"new":3}]' ] && ok || bad "revision: parameters"
# removed: the bodies that failed AL-01 before, no longer judged by it
jq -r '.declarations[] | select(any(.policies[]; .id == "AL-01" and .status == "fail")) | .file' "$T/samples-old.json" | sort >"$T/al01.want"
jq -r '.bodies[] | select(any(.policies[]; .id == "AL-01")) | .file' "$T/rev.json" | sort >"$T/al01.got"
cmp -s "$T/al01.want" "$T/al01.got" && [ -s "$T/al01.want" ] && ok || bad "removed AL-01: bodies differ"
[ "$(jq -c '[.bodies[].policies[] | select(.id == "AL-01") | [.old_status, .new_status]] | unique' "$T/rev.json")" = '[["fail",null]]' ] && ok || bad "removed AL-01: statuses"
# level: AL-05 warned, now fails; a compliant body that warned flips
[ "$(jq -c '[.bodies[].policies[] | select(.id == "AL-05") | [.old_status, .new_status]] | unique' "$T/rev.json")" = '[["warn","fail"]]' ] && ok || bad "AL-05 level: statuses"
jq -r '.declarations[] | select(.compliant and (any(.policies[]; .id == "AL-05" and .status == "warn") or any(.policies[]; .id == "ST-06" and .status == "pass" and any(.findings[]; (.message.en // "") | test("every [4-7] days"))))) | .file' "$T/samples-old.json" | sort >"$T/rev-flip.want"
jq -r '.bodies[] | select(.old_compliant and (.new_compliant | not)) | .file' "$T/rev.json" | sort >"$T/rev-flip.got"
cmp -s "$T/rev-flip.want" "$T/rev-flip.got" && [ -s "$T/rev-flip.want" ] && ok || { bad "revision: flipped bodies differ"; diff "$T/rev-flip.want" "$T/rev-flip.got"; }
expect_rc "revision text" 1 "$K" impact samples --new-policies "$T/rev"
contains "text: level change" "$T/out" "AL-05 LGWAN接続系端末のアプリケーションホワイトリスト（水準の変更（推奨 → 必須））"
contains "text: parameter change" "$T/out" "（パラメータの変更（max_refresh_days: 7 → 3））"
contains "text: removed" "$T/out" "AL-01: 不適合 → （ポリシーなし）（理由: ポリシーの削除）"

# ---- a failing policy whose level does not count towards compliance: listed, no flip ----
cp -r "$T/new" "$T/rec"
sed -i 's/level = "required"/level = "recommended"/' "$T/rec/xx/xx-99.lua"
expect_rc "recommended policy added" 0 "$K" impact samples --new-policies "$T/rec" --format json
[ "$(jq -c '[.summary.flipped, .summary.changed]' "$T/out")" = "[0,$(cat "$T/samples-flip.want" "$T/samples-same.want" | wc -l)]" ] && ok || bad "recommended: $(jq -c .summary "$T/out")"
[ "$(jq -c '[.bodies[].policies[].new_status] | unique' "$T/out")" = '["warn"]' ] && ok || bad "recommended: statuses"

# ---- HTML: self-contained, escaped, Japanese by default ----
mkdir "$T/esc"
jq '.body.name = "<b>悪</b>&\"x\""' samples/alpha-town.json >"$T/esc/town.json"
expect_rc "HTML" 1 "$K" impact "$T/esc" --new-policies "$T/new" --format html -o "$T/i.html"
contains "HTML is Japanese" "$T/i.html" '<html lang="ja">'
contains "HTML escapes the body name" "$T/i.html" "&lt;b&gt;悪&lt;/b&gt;&amp;&quot;x&quot;"
grep -q "<b>悪" "$T/i.html" && bad "HTML: raw markup from a declaration" || ok
grep -Eq '<(script|link|img)|https?://' "$T/i.html" && bad "HTML is not self-contained" || ok
contains "HTML summary card" "$T/i.html" '準拠 → 非準拠<b>1</b>'
expect_rc "English HTML" 1 "$K" impact "$T/esc" --new-policies "$T/new" --format html --lang en -o "$T/e.html"
contains "English HTML" "$T/e.html" '<html lang="en">'
contains "English HTML heading" "$T/e.html" "Bodies whose verdict changes"

# ---- errors ----
expect_rc "no --new-policies" 2 "$K" impact samples
expect_rc "no declarations" 2 "$K" impact --new-policies "$T/new"
expect_rc "bad format" 2 "$K" impact samples --new-policies "$T/new" --format xml
expect_rc "bad --jobs" 2 "$K" impact samples --new-policies "$T/new" --jobs 0
expect_rc "missing pack" 3 "$K" impact samples --new-policies "$T/nonexistent"
expect_rc "pack with an ill-formed edition" 3 "$K" impact samples --new-policies "$T/bad"
cp samples/base.json "$T/esc/" && printf '{' >"$T/esc/broken.json"
expect_rc "a broken declaration" 2 "$K" impact "$T/esc" --new-policies "$T/new" --format json -o "$T/err.json"
[ "$(jq -r '.errors[0].file' "$T/err.json")" = "$T/esc/broken.json" ] && ok || bad "the broken declaration is not listed"
[ "$(jq '.summary.bodies' "$T/err.json")" = 2 ] && ok || bad "the other declarations are not evaluated"
expect_rc "output over an input" 2 "$K" impact "$T/esc/base.json" --new-policies "$T/new" -o "$T/esc/base.json"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
