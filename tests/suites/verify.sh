#!/usr/bin/env bash
# verify: `kyojin verify` renders a report again from its inputs with the options it records
# and compares byte for byte, for every format; a doctored report (a flipped verdict, a changed
# count, a deleted finding, an XLSX re-zipped with one cell changed, a changed risk letter) is
# exit 1 with the place named; an unsupported file is exit 2 and says so. Signatures: keygen
# (0600, never overwrites), sign, verify --pubkey; a tampered report or signature file, another
# key, a truncated signature file are exit 1 with a clear message; the documented openssl
# recipe (docs/verify.md) checks a signature without kyojin.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
K=$ROOT/${KYOJIN:-kyojin}
[ -x "$K" ] || K=${KYOJIN:-./kyojin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh
unset SOURCE_DATE_EPOCH
export NO_COLOR=1
D=samples/gaps-village.json
# the auditor's copy of the declaration, in another folder under another name
mkdir -p "$T/audit"
cp "$D" "$T/audit/decl.json"
A=$T/audit/decl.json
R=$T/r
# verify_ok NAME REPORT [ARGS...] — exit 0 and the content matches
verify_ok() { local name=$1 rep=$2; shift 2
  expect_rc "$name: verify" 0 "$K" verify "$rep" --declaration "$A" "$@"
  contains "$name: content identical" "$T/out" "1 バイトも違いません"; }
# verify_bad NAME REPORT TEXT [ARGS...] — exit 1 naming the place (TEXT in the output)
verify_bad() { local name=$1 rep=$2 text=$3; shift 3
  expect_rc "$name: verify" 1 "$K" verify "$rep" --declaration "$A" "$@"
  contains "$name: where" "$T/out" "$text"
  contains "$name: verdict" "$T/out" "同じではありません"; }

# ---------------------------------------------------------------- every format verifies
for f in text json html sarif junit; do "$K" check "$D" --format $f -o "$R.$f" 2>/dev/null; done
"$K" check "$D" --format xlsx -o "$R.xlsx" 2>/dev/null
for t in findings assets trees meta; do
  "$K" check "$D" --format csv --csv-table $t -o "$R.$t.csv" 2>/dev/null
done
"$K" check "$D" --format text >"$R.redirected.text" 2>/dev/null
for r in "$R.text" "$R.redirected.text" "$R.json" "$R.html" "$R.sarif" "$R.junit" "$R.xlsx" \
  "$R.findings.csv" "$R.assets.csv" "$R.trees.csv" "$R.meta.csv"; do
  verify_ok "$(basename "$r")" "$r"
done
contains "the declaration is paired under the report's name" "$T/out" "報告書では $D"
# English report, English messages
"$K" check "$D" --lang en --format html -o "$R.en.html" 2>/dev/null
expect_rc "English report" 0 "$K" verify "$R.en.html" --declaration "$A" --lang en
contains "English messages" "$T/out" "exactly what these inputs give"

# options that change the bytes are recorded and used again
echo '{"ST-06.max_refresh_days": 14}' >"$T/params.json"
"$K" check "$D" --format json --as-of 2027-04-01 --param AP-01.antimalware_requires=signature \
  --params "$T/params.json" --no-risk --timestamp -o "$T/opts.json" 2>/dev/null
verify_ok "--as-of --param --params --no-risk --timestamp" "$T/opts.json"
contains "recorded: as-of" "$T/opts.json" '"as-of":	"2027-04-01"'
SOURCE_DATE_EPOCH=1700000000 "$K" check "$D" --format xlsx -o "$T/sde.xlsx" 2>/dev/null
verify_ok "SOURCE_DATE_EPOCH recorded (xlsx)" "$T/sde.xlsx"
SOURCE_DATE_EPOCH=1800000000 verify_ok "another SOURCE_DATE_EPOCH while verifying" "$R.xlsx"
# --baseline: the same file must be given again
"$K" check samples/base.json --format json -o "$T/base.json" 2>/dev/null
"$K" check "$D" --format html --baseline "$T/base.json" -o "$T/bl.html" 2>/dev/null
expect_rc "--baseline report without --baseline" 2 "$K" verify "$T/bl.html" --declaration "$A"
contains "--baseline asked for" "$T/err" "--baseline"
verify_ok "--baseline given again" "$T/bl.html" --baseline "$T/base.json"
verify_bad "another --baseline" "$T/bl.html" "--baseline" --baseline "$R.json"

# a batch with an input that has no result (invalid): paired by name, rendered again
mkdir -p "$T/in" "$T/audit2"
printf '[1]\n' >"$T/in/bad.json"
"$K" check "$D" "$T/in/bad.json" --format html -o "$T/batch.html" 2>/dev/null
cp "$T/in/bad.json" "$T/audit2/"
expect_rc "batch with an invalid input" 0 "$K" verify "$T/batch.html" --declaration "$A" \
  --declaration "$T/audit2/bad.json"
contains "batch with an invalid input: paired by name" "$T/out" "報告書では $T/in/bad.json"

# ---------------------------------------------------------------- doctored reports
# the auditor's test of the issue: every 不適合 badge to 適合, the verdict to 準拠, the data
# block's "compliant":false to true
sed -e 's/s-fail">不適合/s-pass">適合/g' -e 's/非準拠/準拠/g' -e 's/"compliant":false/"compliant":true/g' \
  "$R.html" >"$T/d1.html"
verify_bad "html: badges, verdict and data flipped" "$T/d1.html" "節 d1-summary"
contains "html: the data block's pointer" "$T/out" "kyojin-result/declarations/0/compliant"
contains "html: the policy of a flipped badge" "$T/out" "ポリシー ST-01"
# a risk letter of the risk by asset
perl -0pe 's/(id="d1-byasset".*?<span class="r r-)B(">)B</${1}D${2}D</s' "$R.html" >"$T/d2.html"
cmp -s "$R.html" "$T/d2.html" && bad "html: no risk letter was changed" || ok
verify_bad "html: a risk letter" "$T/d2.html" "節 d1-byasset"
# a finding deleted (a policy's heading row and its rows)
perl -0pe 's/<tr class="ph p-fail">.*?\n(<tr><td>.*?\n)+//s' "$R.html" >"$T/d3.html"
cmp -s "$R.html" "$T/d3.html" && bad "html: no finding was deleted" || ok
verify_bad "html: a finding deleted" "$T/d3.html" "行の削除・追加"
# JSON: a verdict, a count
jq '.declarations[0].compliant = true' "$R.json" >"$T/d1.json"
verify_bad "json: a verdict" "$T/d1.json" "/declarations/0/compliant"
jq '.declarations[0].counts.fail -= 1' "$R.json" >"$T/d2.json"
verify_bad "json: a count" "$T/d2.json" "/declarations/0/counts/fail"
jq 'del(.declarations[0].policies[0].findings[0])' "$R.json" >"$T/d3.json"
verify_bad "json: a finding deleted" "$T/d3.json" "/declarations/0/policies/0/findings"
# text: the verdict line (line 5: the title, the policy pack, a blank line, the declaration)
sed 's/^判定: 非準拠/判定: 準拠/' "$R.text" >"$T/d1.text"
verify_bad "text: the verdict" "$T/d1.text" "5 行目（申告 $D）"
# CSV: a result cell, a deleted finding
perl -pe 's/"不適合"/"適合"/ if $. == 3' "$R.findings.csv" >"$T/d1.csv"
verify_bad "csv: a result cell" "$T/d1.csv" "3 行目、G 列「結果」"
sed '4d' "$R.findings.csv" >"$T/d2.csv"
verify_bad "csv: a finding deleted" "$T/d2.csv" "4 行目から"
# SARIF: a level; JUnit: a failure turned into a skipped test
jq '.runs[0].results[0].level = "note"' "$R.sarif" >"$T/d1.sarif"
verify_bad "sarif: a level" "$T/d1.sarif" "/runs/0/results/0/level（AL-01）"
sed '0,/<failure/s//<skipped/' "$R.junit" >"$T/d1.junit"
verify_bad "junit: a failure" "$T/d1.junit" "testcase AL-01"
# XLSX: unzipped, one cell changed, zipped again
python3 - "$R.xlsx" "$T/d1.xlsx" <<'EOF'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
zin, zout = zipfile.ZipFile(src), zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == 'xl/worksheets/sheet2.xml':
        s = data.decode()
        m = re.search(r'<c r="C3"[^>]*t="inlineStr"><is><t[^>]*>([^<]*)</t>', s)
        s = s[:m.end(1)] + "x" + s[m.end(1):]
        data = s.encode()
    zout.writestr(item, data)
zout.close()
EOF
verify_bad "xlsx: one cell, re-zipped" "$T/d1.xlsx" "セル C3"
# re-zipped with every part unchanged: not the same bytes, and said to be packaging only
python3 -c 'import sys, zipfile
zin, zout = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_STORED)
[zout.writestr(i.filename, zin.read(i.filename)) for i in zin.infolist()]
zout.close()' "$R.xlsx" "$T/d2.xlsx"
verify_bad "xlsx: re-zipped only" "$T/d2.xlsx" "ZIP の作り（圧縮・順序・日時）だけが違います"
# a report without the record of its rendering (an older kyojin, or removed)
jq 'del(.rendering)' "$R.json" >"$T/old.json"
verify_bad "no rendering record" "$T/old.json" "記録（rendering）がありません"

# ---------------------------------------------------------------- inputs
cp "$D" "$T/changed.json"; printf ' ' >>"$T/changed.json"
expect_rc "another declaration" 1 "$K" verify "$R.html" --declaration "$T/changed.json"
contains "another declaration: said" "$T/out" "内容が違います"
printf '%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n' >"$T/report.pdf"
expect_rc "a PDF" 2 "$K" verify "$T/report.pdf" --declaration "$A"
contains "a PDF: said plainly" "$T/err" "この形式（PDF）の報告書は確かめられません"
printf 'not a report\n' >"$T/garbage.txt"
expect_rc "not a report" 2 "$K" verify "$T/garbage.txt" --declaration "$A"
expect_rc "a report that cannot be read" 2 "$K" verify "$T/none.html" --declaration "$A"

# ---------------------------------------------------------------- keys and signatures
expect_rc "keygen" 0 "$K" keygen -o "$T/key"
[ "$(stat -c %a "$T/key")" = 600 ] && ok || bad "keygen: the private key is not mode 0600"
[ -s "$T/key.pub" ] && ok || bad "keygen: no public key"
contains "keygen: PKCS#8" "$T/key" "BEGIN PRIVATE KEY"
contains "keygen: SubjectPublicKeyInfo" "$T/key.pub" "BEGIN PUBLIC KEY"
cp "$T/key" "$T/key.before"
expect_rc "keygen never overwrites" 2 "$K" keygen -o "$T/key"
cmp -s "$T/key" "$T/key.before" && ok || bad "keygen overwrote the key"
contains "keygen: says why" "$T/err" "上書きしません"
: >"$T/lone.pub"
expect_rc "keygen: an existing .pub is not overwritten either" 2 "$K" keygen -o "$T/lone"
[ ! -e "$T/lone" ] && ok || bad "keygen made a private key next to an existing .pub"
expect_rc "sign" 0 "$K" sign "$R.html" --key "$T/key" --signer "監査 太郎（みどり監査法人）" \
  --time 2026-12-07T10:00:00Z
contains "sign: the signer" "$R.html.sig" "signer: 監査 太郎（みどり監査法人）"
contains "sign: the time" "$R.html.sig" "time: 2026-12-07T10:00:00Z"
contains "sign: the report's hash" "$R.html.sig" "report-sha256: $(sha256sum "$R.html" | cut -d' ' -f1)"
kid=$(openssl pkey -pubin -in "$T/key.pub" -outform DER | sha256sum | cut -d' ' -f1)
contains "sign: key id = SHA-256 of the public key (DER)" "$R.html.sig" "key-id: sha256:$kid"
expect_rc "sign: no --signer" 2 "$K" sign "$R.html" --key "$T/key"
expect_rc "sign: a bad --time" 2 "$K" sign "$R.html" --key "$T/key" --signer x --time yesterday
expect_rc "sign: a public key as the key" 2 "$K" sign "$R.html" --key "$T/key.pub" --signer x -o "$T/x.sig"
expect_rc "verify --pubkey" 0 "$K" verify "$R.html" --declaration "$A" --pubkey "$T/key.pub"
contains "verify --pubkey: names the signer" "$T/out" "署名者 監査 太郎（みどり監査法人）、日時 2026-12-07T10:00:00Z"
contains "verify --pubkey: verdict" "$T/out" "署名は正しく"
# the third-party check of docs/verify.md, with openssl alone
(cd "$T" && cp "$R.html" report.html && cp "$R.html.sig" report.html.sig &&
  grep '^signature: ' report.html.sig | cut -d' ' -f2 | base64 -d >sig.bin &&
  openssl pkeyutl -verify -pubin -inkey key.pub -rawin -in report.html -sigfile sig.bin &&
  sed '/^statement-signature: /,$d' report.html.sig >statement.txt &&
  grep '^statement-signature: ' report.html.sig | cut -d' ' -f2 | base64 -d >statement.bin &&
  openssl pkeyutl -verify -pubin -inkey key.pub -rawin -in statement.txt -sigfile statement.bin) \
  >"$T/openssl.out" 2>&1 && ok || { bad "openssl recipe"; cat "$T/openssl.out"; }
[ "$(grep -c 'Signature Verified Successfully' "$T/openssl.out")" = 2 ] && ok || bad "openssl: two signatures"
printf 'x' | cat "$T/report.html" - >"$T/report2.html"
(cd "$T" && openssl pkeyutl -verify -pubin -inkey key.pub -rawin -in report2.html -sigfile sig.bin) \
  >/dev/null 2>&1 && bad "openssl accepted a changed report" || ok
# tampered report (signed, then doctored)
expect_rc "tampered report" 1 "$K" verify "$T/d1.html" --declaration "$A" --pubkey "$T/key.pub" \
  --signature "$R.html.sig"
contains "tampered report: said" "$T/out" "署名された後で変更されています"
# tampered signature file: the signer changed, a signature byte changed
sed 's/^signer: .*/signer: 別人/' "$R.html.sig" >"$T/s1.sig"
expect_rc "tampered signer" 1 "$K" verify "$R.html" --declaration "$A" --pubkey "$T/key.pub" --signature "$T/s1.sig"
contains "tampered signer: said" "$T/out" "署名者・日時など）が署名の後で書き換えられています"
perl -pe 's/^(signature: )(.)/$1 . ($2 eq "A" ? "B" : "A")/e' "$R.html.sig" >"$T/s2.sig"
expect_rc "tampered signature" 1 "$K" verify "$R.html" --declaration "$A" --pubkey "$T/key.pub" --signature "$T/s2.sig"
contains "tampered signature: said" "$T/out" "報告書の署名が正しくありません"
# another key
"$K" keygen -o "$T/other" >/dev/null
expect_rc "wrong key" 1 "$K" verify "$R.html" --declaration "$A" --pubkey "$T/other.pub"
contains "wrong key: said" "$T/out" "別の鍵で作られています"
# truncated signature file
head -c 200 "$R.html.sig" >"$T/short.sig"
expect_rc "truncated signature" 1 "$K" verify "$R.html" --declaration "$A" --pubkey "$T/key.pub" --signature "$T/short.sig"
contains "truncated signature: said" "$T/out" "途中で切れています"
: >"$T/empty.sig"
expect_rc "empty signature file" 1 "$K" verify "$R.html" --declaration "$A" --pubkey "$T/key.pub" --signature "$T/empty.sig"
expect_rc "no signature file" 2 "$K" verify "$R.json" --declaration "$A" --pubkey "$T/key.pub"
expect_rc "not a key" 2 "$K" verify "$R.html" --declaration "$A" --pubkey "$T/garbage.txt"
expect_rc "verify --pubkey (English)" 1 "$K" verify "$R.html" --declaration "$A" --pubkey "$T/other.pub" --lang en
contains "English: another key" "$T/out" "made with another key"
# made in one place, checked in another: only the files travel (report, .sig, .pub and the
# declaration), checked from a fresh folder with another HOME and no state of the signer
mkdir -p "$T/elsewhere"
cp "$R.html" "$R.html.sig" "$T/key.pub" "$D" "$T/elsewhere/"
(cd "$T/elsewhere" && HOME=$T/elsewhere "$K" verify r.html --declaration gaps-village.json \
  --policies "$ROOT/policies" --pubkey key.pub) >"$T/out" 2>&1 && ok || { bad "verify elsewhere"; cat "$T/out"; }
# a text or JSON report signs the same way
"$K" sign "$R.json" --key "$T/key" --signer "監査 太郎" 2>/dev/null
expect_rc "signed JSON report" 0 "$K" verify "$R.json" --declaration "$A" --pubkey "$T/key.pub"
contains "no time given: none recorded" "$R.json.sig" "time: -"

echo "verify: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
