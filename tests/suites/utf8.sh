#!/usr/bin/env bash
# Suite "utf8": every output is valid UTF-8 and well-formed in its format (issue 19), for
#  - a declaration whose free-text strings are CJK text at their schema maximum length
#    (tests/utf8/longtext.py), so every fixed-size buffer of the writers is exceeded;
#  - policies (a copy of policies/ plus hostile ones) that return invalid UTF-8 and Japanese
#    cut by s:sub() in messages, reasons, classifications and errors;
#  - a declaration file whose name holds the byte 0xFF (and kyojin verify on its reports);
#  - UTF-16/UTF-32 declarations and a 1,000-character key: exit 2 with line:column and reason.
# Formats: check text/json/html/csv (every table)/xlsx/sarif/junit, kyojin risk, summary
# (text/json/csv/html) and diff of the results. tests/utf8/check.py checks each file.
# KYOJIN=path runs another binary (e.g. the main build). Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
KY=${KYOJIN:-./kyojin}
if [ -z "${KYOJIN:-}" ]; then
  make -s kyojin BUILD="$BUILD" CFLAGS="${CFLAGS:--O2}" LDFLAGS="${LDFLAGS:-}" >/dev/null || {
    echo "building kyojin failed"; echo "0 passed, 1 failed"; exit 1; }
fi
KY=$(cd "$(dirname "$KY")" && pwd)/$(basename "$KY")
# a Python with openpyxl (make test-deps installs python3-openpyxl)
PY=
for p in python3 /usr/bin/python3; do "$p" -c 'import openpyxl' 2>/dev/null && { PY=$p; break; }; done
[ -n "$PY" ] || { echo "python3 with openpyxl is missing (make test-deps)"; echo "0 passed, 1 failed"; exit 1; }
ROOT=$PWD
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { # check FORMAT FILE WHAT
  local out
  if out=$("$PY" "$ROOT/tests/utf8/check.py" "$1" "$2" 2>&1); then ok; else bad "$3: $out"; fi
}

# ---- inputs
"$KY" schema > "$T/schema.json"
python3 tests/utf8/longtext.py "$T/schema.json" samples/beta-prime-large-city.json "$T/max.json" 2>/dev/null
python3 - "$T/max.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(d["assets"][0]["name"]) == 200 and len(d["assets"][0]["name"].encode()) > 590
PY
cp -r policies "$T/pol"
mkdir -p "$T/pol/zz"
cp tests/utf8/zz-*.lua "$T/pol/zz/"
# the file name holds 0xFF (not UTF-8)
FF=$(printf 'decl-\377.json')
cp samples/alpha-town.json "$T/$FF"

# ---- kyojin check, every format
run_formats() { # run_formats TAG ARGS... (declaration last)
  local tag=$1; shift
  local f rc
  for f in text json html sarif junit; do
    "$KY" check --format "$f" "$@" > "$T/out-$tag.$f" 2> "$T/out-$tag.$f.err"; rc=$?
    if [ "$rc" -le 1 ] || [ "$rc" -eq 3 ]; then check "$f" "$T/out-$tag.$f" "$tag $f"; else bad "$tag $f: exit $rc: $(head -c 300 "$T/out-$tag.$f.err")"; fi
  done
  for t in findings assets trees meta; do
    "$KY" check --format csv --csv-table "$t" "$@" > "$T/out-$tag.$t.csv" 2>/dev/null
    check csv "$T/out-$tag.$t.csv" "$tag csv $t"
  done
  "$KY" check --format xlsx -o "$T/out-$tag.xlsx" "$@" 2>/dev/null
  if [ -s "$T/out-$tag.xlsx" ]; then check xlsx "$T/out-$tag.xlsx" "$tag xlsx"; else bad "$tag xlsx: not written"; fi
  "$KY" risk "$@" > "$T/out-$tag.risk.txt" 2>/dev/null
  check text "$T/out-$tag.risk.txt" "$tag risk"
}
run_formats max "$T/max.json"
run_formats hostile --policies "$T/pol" "$T/max.json"
(cd "$T" && run_formats ff "$FF")

# the hostile policies' texts are repaired and say so
python3 - "$T/out-hostile.json" <<'PY' && ok || bad "hostile: text_repaired not recorded"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ps = {p["id"]: p for p in d["declarations"][0]["policies"]}
for i in ("ZZ-01", "ZZ-02", "ZZ-03"):
    assert ps[i].get("text_repaired") is True, i
assert all(f.get("text_repaired") is True for f in ps["ZZ-01"]["findings"])
assert "\ufffd" in ps["ZZ-01"]["findings"][0]["message"]["ja"]
assert ps["ZZ-02"]["status"] == "not_applicable" and ps["ZZ-03"]["status"] == "error"
# nothing else is marked
assert not any(p.get("text_repaired") for k, p in ps.items() if not k.startswith("ZZ-"))
PY
# a long Japanese error is cut at a character boundary, marked with "…", not repaired
python3 - "$T/out-hostile.json" <<'PY' && ok || bad "hostile: a long Japanese error is cut inside a character"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
p = {p["id"]: p for p in d["declarations"][0]["policies"]}["ZZ-04"]
assert p["status"] == "error", p["status"]
assert not p.get("text_repaired"), "text_repaired"
for lang in ("ja", "en"):
    r = p["reason"][lang]
    assert "\ufffd" not in r and r.endswith("…"), (lang, r[-20:])
assert "e評価できません。評価" in p["reason"]["en"]
PY
grep -q 'このポリシーの文字列に不正な UTF-8 があったため U+FFFD に置き換えました' "$T/out-hostile.text" && ok ||
  bad "hostile text: no note on the repaired text"
# the file name is shown with \xFF in the result
grep -q 'decl-\\\\xFF.json' "$T/out-ff.json" && ok || bad "ff: file name not recorded as decl-\\xFF.json"

# ---- summary and diff of the results
for tag in max hostile ff; do
  for f in text json csv html; do
    "$KY" summary --format "$f" "$T/out-$tag.json" > "$T/out-$tag.summary.$f" 2>/dev/null
    check "$f" "$T/out-$tag.summary.$f" "$tag summary $f"
  done
done
"$KY" diff "$T/out-max.json" "$T/out-hostile.json" > "$T/diff.txt" 2>/dev/null
check text "$T/diff.txt" "diff"
"$KY" diff "$T/out-ff.json" "$T/out-ff.json" > "$T/diff-ff.txt" 2>/dev/null
check text "$T/diff-ff.txt" "diff ff"

# ---- kyojin verify with the 0xFF name
for f in json html xlsx; do
  out=$(cd "$T" && "$KY" verify "out-ff.$f" --declaration "$FF" --policies "$ROOT/policies" 2>&1); rc=$?
  if [ "$rc" -eq 0 ] && printf '%s' "$out" | python3 -c 'import sys; sys.stdin.buffer.read().decode()'; then ok
  else bad "verify out-ff.$f: exit $rc: $(printf '%s' "$out" | tail -2)"; fi
done
"$KY" check --format csv --csv-table meta "$T/$FF" > "$T/ff.meta.csv" 2>/dev/null
out=$(cd "$T" && "$KY" verify ff.meta.csv --declaration "$FF" --policies "$ROOT/policies" 2>&1) && ok || bad "verify ff csv: $out"

# ---- encodings and long keys: exit 2, line:column and the reason
python3 - "$T" samples/minimal.json <<'PY'
import sys
t, src = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
open(t + "/u16bom.json", "wb").write(src.encode("utf-16"))
open(t + "/u16le.json", "wb").write(src.encode("utf-16-le"))
open(t + "/u16be.json", "wb").write(src.encode("utf-16-be"))
open(t + "/u32bom.json", "wb").write(src.encode("utf-32"))
open(t + "/u8bom.json", "wb").write(b"\xef\xbb\xbf" + src.encode())
k = "鍵" * 1000
open(t + "/longkey.json", "w", encoding="utf-8").write(src.replace('"model": "alpha",', '"model": "alpha",\n  "' + k + '": 1,'))
open(t + "/dupkey.json", "w", encoding="utf-8").write(src.replace('"model": "alpha",', '"model": "alpha",\n  "' + k + '": 1, "' + k + '": 2,'))
PY
expect2() { # expect2 FILE LANG REGEX WHAT
  local out rc
  out=$("$KY" check --lang "$2" "$T/$1" 2>&1 >/dev/null); rc=$?
  if [ "$rc" -eq 2 ] && printf '%s' "$out" | python3 -c 'import sys; sys.stdin.buffer.read().decode()' &&
     printf '%s\n' "$out" | head -1 | grep -Eq "$3"; then ok
  else bad "$4: exit $rc: $(printf '%s\n' "$out" | head -1 | cut -c1-300)"; fi
}
expect2 u16bom.json en '^[^ ]*u16bom.json:1:1: .*UTF-16 \(little-endian, with a byte order mark\).*save it as UTF-8' "UTF-16LE with BOM"
expect2 u16le.json en '^[^ ]*u16le.json:1:1: .*UTF-16 \(little-endian\).*save it as UTF-8' "UTF-16LE"
expect2 u16be.json ja '^[^ ]*u16be.json:1:1: .*UTF-16（ビッグエンディアン）.*UTF-8 で保存' "UTF-16BE"
expect2 u32bom.json en '^[^ ]*u32bom.json:1:1: .*UTF-32' "UTF-32 with BOM"
expect2 longkey.json en '^[^ ]*longkey.json:14:3: /鍵{1000}: unknown field "鍵{57}…" \(allowed: .*\)$' "1,000-character unknown key"
expect2 longkey.json ja '^[^ ]*longkey.json:14:3: /鍵{1000}: 未知の項目 "鍵{57}…" です（使える項目: .*）$' "1,000-character unknown key (ja)"
expect2 dupkey.json en '^[^ ]*dupkey.json:14:1010: duplicate key "鍵+…" \(/鍵{1000}\): two values for one key' "1,000-character duplicate key"
# a UTF-8 BOM is accepted: same verdict as without it
"$KY" check "$T/u8bom.json" >/dev/null 2>&1; a=$?
"$KY" check "$ROOT/samples/minimal.json" >/dev/null 2>&1; b=$?
[ "$a" -eq "$b" ] && ok || bad "UTF-8 BOM: exit $a, without BOM $b"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
