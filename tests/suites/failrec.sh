#!/usr/bin/env bash
# Every failure is in the report: a batch lists every input it was given and what became of
# it. An input that could not be read (symlink loop, FIFO), was not JSON or failed the schema
# appears in "declarations" with an "error" (docs/result-schema.md) and in every format
# (JSON, HTML, CSV findings and meta, text, SARIF, JUnit), for --jobs 1 and 2 and with or
# without the watchdog; the exit code stays 2. A run in which nothing could be evaluated
# still writes no report (only the errors).
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh

I=$T/in
mkdir "$I"
cp samples/alpha-town.json "$I/a-valid.json"
printf '{bad\n' >"$I/b-notjson.json"
printf '{"x": 1}\n' >"$I/c-schema.json"
ln -s d-loop.json "$I/d-loop.json"
mkfifo "$I/e-fifo.json"

# kind of each input in the JSON report, in input order
want='[null,"invalid","invalid","unreadable","unreadable"]'
for opts in "--jobs 1" "--jobs 2" "--timeout 0" "--jobs 2 --timeout 0"; do
  # shellcheck disable=SC2086
  expect_rc "json $opts: exit 2" 2 timeout -k 5 60 "$K" check $opts --format json "$I"
  got=$(jq -c '[.declarations[] | .error.kind]' "$T/out" 2>/dev/null)
  [ "$got" = "$want" ] && ok || bad "json $opts: kinds $got, expected $want"
  n=$(jq '[.declarations[] | select(.error != null and .compliant == false
            and (.error.message.ja | length) > 0 and (.error.message.en | length) > 0)] | length' "$T/out" 2>/dev/null)
  [ "$n" = 4 ] && ok || bad "json $opts: $n failed inputs with a message in both languages, expected 4"
  cp "$T/out" "$T/json.$(echo "$opts" | tr -dc '0-9a-z')"
done
cmp -s "$T/json.jobs1" "$T/json.jobs2" && ok || bad "json: --jobs 2 differs from --jobs 1"
cmp -s "$T/json.jobs1" "$T/json.timeout0" && ok || bad "json: --timeout 0 differs from the watchdog"
jq -e '.declarations[1].error | .line == 1 and .column == 2' "$T/json.jobs1" >/dev/null && ok ||
  bad "json: the parse error's position is not in the entry"
jq -e '.declarations[0].error == null and (.declarations[0].policies | length) > 0' "$T/json.jobs1" >/dev/null &&
  ok || bad "json: the valid declaration lost its evaluation"

for f in b-notjson c-schema d-loop e-fifo; do
  for fmt in html csv text sarif junit; do
    expect_rc "$fmt: exit 2" 2 timeout -k 5 60 "$K" check --jobs 2 --format "$fmt" "$I"
    contains "$fmt lists $f" "$T/out" "$f.json"
  done
  expect_rc "csv meta: exit 2" 2 timeout -k 5 60 "$K" check --format csv --csv-table meta "$I"
  contains "csv meta lists $f" "$T/out" "$f.json"
done
# what became of each: the reason, in the report's language
"$K" check --format html "$I" >"$T/r.html" 2>/dev/null
contains "html: symlink loop reason" "$T/r.html" "シンボリックリンクが多すぎます"
contains "html: FIFO reason" "$T/r.html" "通常のファイルではありません"
contains "html: schema reason" "$T/r.html" "必須の項目 &quot;schema&quot; がありません"
"$K" check --format csv "$I" >"$T/r.csv" 2>/dev/null
contains "csv findings: FIFO row" "$T/r.csv" '"通常のファイルではありません'
"$K" check --format csv --csv-table meta "$I" >"$T/m.csv" 2>/dev/null
contains "csv meta: kind" "$T/m.csv" '"declarations.4.error.kind","unreadable"'
"$K" check --format text --lang en "$I" >"$T/r.txt" 2>/dev/null
contains "text: verdict" "$T/r.txt" "Verdict: not evaluated"
contains "text: reason" "$T/r.txt" "Error: not a regular file"
"$K" check --format sarif "$I" >"$T/r.sarif" 2>/dev/null
n=$(jq '[.runs[0].invocations[0].toolExecutionNotifications[]] | length' "$T/r.sarif" 2>/dev/null)
[ "$n" = 4 ] && ok || bad "sarif: $n notifications, expected 4"
"$K" check --format junit "$I" >"$T/r.xml" 2>/dev/null
n=$(grep -c '<error type="declaration"' "$T/r.xml")
[ "$n" = 4 ] && ok || bad "junit: $n declaration errors, expected 4"

# stderr still names each failure
expect_rc "stderr: exit 2" 2 "$K" check --format json "$I"
for f in b-notjson c-schema d-loop e-fifo; do contains "stderr names $f" "$T/err" "$f.json"; done

# a failed input before and after the evaluated one: order kept
expect_rc "order: exit 2" 2 "$K" check --format json "$I/b-notjson.json" "$I/a-valid.json" "$I/d-loop.json"
got=$(jq -c '[.declarations[] | .file | split("/") | last]' "$T/out" 2>/dev/null)
[ "$got" = '["b-notjson.json","a-valid.json","d-loop.json"]' ] && ok || bad "order: $got"

# nothing evaluated: no report, as before (stderr has the errors)
expect_rc "nothing evaluated: exit 2" 2 "$K" check --format json "$I/b-notjson.json" "$I/d-loop.json"
[ -s "$T/out" ] && bad "nothing evaluated: a report was written" || ok

# an input whose name is not UTF-8: its entry names it with \xHH (as an evaluated one), so the
# JSON report stays valid UTF-8 (fuzz_batch found the raw bytes)
U=$T/u8; mkdir "$U"
: >"$U/bad-$(printf '\200').json"
cp samples/minimal.json "$U/ok-$(printf '\377').json"
expect_rc "name not UTF-8: exit 2" 2 "$K" check --format json "$U"
got=$(jq -c '[.declarations[] | .file | split("/") | last]' "$T/out" 2>/dev/null)
[ "$got" = '["bad-\\x80.json","ok-\\xFF.json"]' ] && ok || bad "name not UTF-8: files $got"
iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null 2>&1 && ok || bad "name not UTF-8: the report is not UTF-8"
# The Japanese text of an evaluation failure is Japanese: the explanation of its class (runtime
# error, instruction, memory and wall-clock limits), then the raw text labelled 「詳細（原文）:」
# (docs/result-schema.md, "Errors"), in every format; English keeps "the policy failed: raw".
P=$T/errpol
mkdir -p "$P"
cp tests/adversarial/policies/benign/*.lua "$P/"
mkpol() { # ID BODY
  cat >"$P/$1.lua" <<EOF
policy {
  id = "$1", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 test",
  title = { ja = "失敗", en = "failure" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result) $2 end,
}
EOF
}
mkpol EE-01 'local t = nil; return t.x'
mkpol EE-02 'while true do end'
mkpol EE-03 'local t = {}; for i = 1, 1e9 do t[i] = ("x"):rep(100) .. i end'
mkpol EE-04 'local t = {}; for i = 1, 100000 do t[i] = (i * 7919) % 1000003 end; while true do table.sort(t) end'
lim=(--timeout 2 --max-instructions 1000000 --max-memory 4000000)
expect_rc "error classes: exit 3" 3 timeout -k 5 60 "$K" check --policies "$P" --format json "${lim[@]}" samples/alpha-town.json
cp "$T/out" "$T/errclass.json"
python3 - "$T/errclass.json" <<'PY' >"$T/errclass.log" 2>&1 && ok || bad "error classes: $(tail -1 "$T/errclass.log")"
import json, re, sys
ps = {p["id"]: p for p in json.load(open(sys.argv[1]))["declarations"][0]["policies"]}
want = {"EE-01": ("ポリシーの実行中にエラーが起きました", "attempt to index a nil value"),
        "EE-02": ("命令数の上限（--max-instructions）を超えた", "instruction budget exceeded"),
        "EE-03": ("メモリの上限（--max-memory）を超えた", "memory limit exceeded"),
        "EE-04": ("申告 1 件の評価時間の上限（--timeout）を超えた", "wall-clock limit exceeded")}
for pid, (ja, raw) in want.items():
    p = ps[pid]
    assert p["status"] == "error", (pid, p["status"])
    r = p["reason"]
    head, sep, detail = r["ja"].partition("詳細（原文）: ")
    assert sep and head.startswith(ja), (pid, r["ja"])
    assert not re.search("[A-Za-z]", re.sub(r"--[a-z-]+", "", head)), (pid, "English in", head)
    assert raw in detail, (pid, detail)
    assert r["en"] == "the policy failed: " + detail, (pid, r["en"])
PY
"$K" check --policies "$P" --format html "${lim[@]}" samples/alpha-town.json >"$T/errclass.html" 2>/dev/null
contains "error classes: html" "$T/errclass.html" "命令数の上限（--max-instructions）を超えたため"
contains "error classes: html detail" "$T/errclass.html" "詳細（原文）: "
"$K" check --policies "$P" --format text "${lim[@]}" samples/alpha-town.json >"$T/errclass.txt" 2>/dev/null
contains "error classes: text" "$T/errclass.txt" "ポリシーの実行中にエラーが起きました"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
