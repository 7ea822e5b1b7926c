#!/usr/bin/env bash
# vocab: the domain words of the reports come from lua/kyojin (kyojin.vocab), not from C.
# A copy of lua/ and policies/ gains one asset kind (schema.lua, with ja/en labels) and one
# countermeasure (risk/countermeasures.lua, placed first in the catalog, tied to the threat of
# unauthorised access from the internet, provided by a declared control); kyojin run with that
# copy (KYOJIN_HOME) on a declaration holding an asset of the new kind must show the kind's
# label and the countermeasure in the HTML (--detail full) and the XLSX report, the countermeasure as the first
# countermeasure column of the asset sheet (catalog order). With the words still in C the kind
# would show as its id and the countermeasure column would come last. The kind is also named in
# a threat's kinds list of the copy's risk tables (applicability.lua): kyojin risk and the XLSX
# asset sheet have a row of the new asset for that threat (the tables check kinds against
# kyojin.schema, so a C list of kinds would refuse the tables). Runs with the bundle and
# with KYOJIN_NO_BUNDLE=1. Then a family name and a status word edited in the copy's vocab.lua
# show in the HTML and in kyojin summary, and a broken vocab.lua stops kyojin with a message.
# VOCAB_TMP=DIR keeps the copy and the reports in DIR (to look at them).
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
[ -x "$K" ] || make -s kyojin BUILD="${BUILD:-build}" >/dev/null
T=${VOCAB_TMP:-$(mktemp -d)}; [ -n "${VOCAB_TMP:-}" ] || trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
passed=0 failed=0
ok()  { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

H=$T/home
mkdir -p "$H"
cp -r lua policies "$H/"
# one asset kind, one countermeasure (first in the catalog), tied to a threat
$PY - "$H/lua/kyojin" <<'EOF' || { echo "FAIL: could not edit the copy"; echo "0 passed, 1 failed"; exit 1; }
import sys
d = sys.argv[1]
def edit(path, anchor, new, before=False):
    s = open(path, encoding="utf-8").read()
    assert s.count(anchor) == 1, (path, anchor)
    s = s.replace(anchor, new + anchor if before else anchor + new)
    open(path, "w", encoding="utf-8").write(s)
edit(d + "/schema.lua", '  asset_kind = E{\n',
     '    { "key_vault", "暗号鍵保管庫", "key vault" },\n')
edit(d + "/risk/countermeasures.lua", '  { id = "fw",',
     '  { id = "key_custody", category = "intrusion",\n'
     '    name = { ja = "鍵の分散保管", en = "Split key custody" } },\n', before=True)
edit(d + "/risk/threat_countermeasures.lua", '  unauthorized_access_internet = {\n    intrusion = { ',
     '"key_custody", ')
# provided by a declared control (the new asset has controls.mfa)
edit(d + "/risk/controls.lua", 'return {\n',
     '  { countermeasure = "key_custody", all = { "controls/mfa" } },\n')
# the kind named in a threat's kinds list (applicability): the shipped list is of maintenance
# terminals only
edit(d + "/risk/applicability.lua", 'maintenance_misuse = { kinds = { "maintenance_terminal"',
     ', "key_vault"')
EOF
# the declaration: samples/base.json with one more asset, of the new kind
$PY - samples/base.json "$T/decl.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
a = dict(d["assets"][0])
a.update(id="kv-1", name="鍵保管庫 一号機", kind="key_vault", count=1)
a["placement"] = {"logical": "internet_reachable", "physical": "restricted"}  # a threat applies
d["assets"].append(a)
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
EOF

# the shipped runtime does not know the kind: the declaration is refused (the copy is used)
KYOJIN_HOME=$(pwd) "$K" check --format json "$T/decl.json" >/dev/null 2>&1
[ $? -eq 2 ] && ok || bad "the shipped schema accepted the kind key_vault"

for mode in bundle no-bundle; do
  nb=""; [ "$mode" = no-bundle ] && nb=1
  for lang in ja en; do
    # --detail full: the appendix's asset sheet names every countermeasure of every row
    KYOJIN_HOME=$H KYOJIN_NO_BUNDLE=$nb "$K" check --lang $lang --format html --detail full -o "$T/$mode.$lang.html" "$T/decl.json" 2>"$T/err"
    rc=$?
    [ $rc -le 1 ] && ok || { bad "$mode $lang: html exit $rc"; head -5 "$T/err"; }
    KYOJIN_HOME=$H KYOJIN_NO_BUNDLE=$nb "$K" check --lang $lang --format xlsx -o "$T/$mode.$lang.xlsx" "$T/decl.json" 2>"$T/err"
    rc=$?
    [ $rc -le 1 ] && ok || { bad "$mode $lang: xlsx exit $rc"; head -5 "$T/err"; }
    # the risk tables name the kind (applicability.lua): kyojin risk has the row of the new
    # asset for that threat (misuse of a maintenance terminal)
    KYOJIN_HOME=$H KYOJIN_NO_BUNDLE=$nb "$K" risk --lang $lang "$T/decl.json" >"$T/$mode.$lang.risk.txt" 2>"$T/err"
    rc=$?
    [ $rc -le 1 ] && ok || { bad "$mode $lang: kyojin risk exit $rc"; head -5 "$T/err"; }
    threat="不正操作（保守端末）"; [ $lang = en ] && threat="Misuse of a maintenance terminal"
    awk -F'\t' -v t="$threat" 'index($3, "(kv-1)") && $8 == t { f = 1 } END { exit !f }' "$T/$mode.$lang.risk.txt" \
      && ok || bad "$mode $lang: the risk sheet has no row of kv-1 for the threat $threat"
  done
  # HTML: the kind's label (ja and en) and the countermeasure
  grep -q '暗号鍵保管庫' "$T/$mode.ja.html" && ok || bad "$mode: the ja HTML lacks the new kind's label"
  grep -q 'key vault' "$T/$mode.en.html" && ok || bad "$mode: the en HTML lacks the new kind's label"
  grep -q '鍵の分散保管' "$T/$mode.ja.html" && ok || bad "$mode: the ja HTML lacks the new countermeasure"
  grep -q 'Split key custody' "$T/$mode.en.html" && ok || bad "$mode: the en HTML lacks the new countermeasure"
  # XLSX: the asset sheet has the kind's label, the countermeasure as its first column and a
  # row of the new kind for the threat its kinds list names
  for lang in ja en; do
    out=$($PY - "$T/$mode.$lang.xlsx" $lang <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ja = sys.argv[2] == "ja"
ws = wb["資産ベースのリスク分析" if ja else "Asset-based risk"]
rows = [list(r) for r in ws.iter_rows(values_only=True)]
# the header row (below the row of IPA stages over the countermeasure columns)
while rows and rows[0][0] != ("項番" if ja else "No."):
    rows = rows[1:]
head = rows[0]
cms = [h for h in head if isinstance(h, str) and h.startswith("対策: " if ja else "Countermeasure: ")]
kind = "暗号鍵保管庫" if ja else "key vault"
cm = "鍵の分散保管" if ja else "Split key custody"
kinds = {r[head.index("資産種別" if ja else "Asset kind")] for r in rows[1:]}
print("kind" if kind in kinds else "no-kind")
print("cm-first" if cms and cms[0].endswith(": " + cm) else "cm-not-first: " + ", ".join(cms[:3]))
threat = "不正操作（保守端末）" if ja else "Misuse of a maintenance terminal"
print("row" if any(kind in r and threat in r for r in rows[1:]) else "no-row")
EOF
)
    printf '%s\n' "$out" | grep -qx kind && ok || bad "$mode $lang: the XLSX asset sheet lacks the new kind's label ($out)"
    printf '%s\n' "$out" | grep -qx cm-first && ok || bad "$mode $lang: the XLSX asset sheet does not start with the new countermeasure ($out)"
    printf '%s\n' "$out" | grep -qx row && ok || bad "$mode $lang: the XLSX asset sheet has no row of the new kind for the threat ($out)"
  done
done
# with and without the bundle: the same report
cmp -s "$T/bundle.ja.html" "$T/no-bundle.ja.html" && ok || bad "the HTML differs without the bundle"

# the other words of kyojin.vocab: a requirement family's name (HTML) and the short status word
# of the roll-ups (kyojin summary)
$PY - "$H/lua/kyojin/vocab.lua" <<'EOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
for a, b in (('"外部サービス", "External services"', '"外部のサービス群", "External service family"'),
             ('short = { "推奨未達", "warn" }', 'short = { "推奨未達", "rec-unmet" }')):
    assert s.count(a) == 1, a
    s = s.replace(a, b)
open(p, "w", encoding="utf-8").write(s)
EOF
KYOJIN_HOME=$H "$K" check --format html -o "$T/w.html" "$T/decl.json" 2>/dev/null
grep -q '外部のサービス群' "$T/w.html" && ok || bad "the HTML does not name the family as kyojin.vocab does"
KYOJIN_HOME=$H "$K" check --format json -o "$T/w.json" "$T/decl.json" 2>/dev/null
KYOJIN_HOME=$H "$K" summary "$T/w.json" --lang en >"$T/w.txt" 2>&1
grep -q 'rec-unmet' "$T/w.txt" && ok || bad "kyojin summary does not use the status word of kyojin.vocab"

# a broken vocabulary is reported, not ignored
printf 'return { statuses = {} }\n' >"$H/lua/kyojin/vocab.lua"
KYOJIN_HOME=$H "$K" check --format html -o "$T/x.html" "$T/decl.json" 2>"$T/err"
rc=$?
[ $rc -eq 3 ] && grep -q 'kyojin.vocab: statuses' "$T/err" && ok || bad "a broken kyojin.vocab: exit $rc, $(head -2 "$T/err")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
