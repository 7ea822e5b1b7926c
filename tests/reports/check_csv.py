#!/usr/bin/python3
"""Read a CSV report back and check it against the result document.

Usage: check_csv.py RESULT.json TABLE REPORT.csv
Checks the UTF-8 BOM, CRLF record ends, RFC 4180 parsing, equal field counts, the row
count of the table, and that no field starts like a spreadsheet formula. Prints
"N passed, N failed"; exits 1 when a check failed."""
import csv
import io
import json
import sys

result = json.load(open(sys.argv[1], encoding="utf-8"))
table, path = sys.argv[2], sys.argv[3]
raw = open(path, "rb").read()
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


check(raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM")
text = raw[3:].decode("utf-8")
check(text.endswith("\r\n"), "ends with CRLF")
rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
check(len(rows) >= 1, "has a header")
# every record ends with CRLF: outside quotes no bare LF or CR may occur
inq = False
prev = ""
bare = False
for ch in text:
    if ch == '"':
        inq = not inq
    elif not inq and ch == "\n" and prev != "\r":
        bare = True
    elif not inq and prev == "\r" and ch != "\n":
        bare = True
    prev = ch
check(not bare, "record ends are CRLF only")
check(all(len(r) == len(rows[0]) for r in rows), "equal field counts")
decls = result.get("declarations", [])
if table == "findings":
    # plus one row per declaration with an "error" (an input without an evaluation)
    want = sum(max(1, len(p.get("findings") or [])) for d in decls for p in d.get("policies") or [])
    want += sum(1 for d in decls if d.get("error") is not None)
elif table == "assets":
    want = sum(len((d.get("risk") or {}).get("asset_rows") or []) + len((d.get("risk") or {}).get("out_of_scope") or [])
               for d in decls)
elif table == "trees":
    want = sum(1 + len(t.get("steps") or []) for d in decls for t in ((d.get("risk") or {}).get("attack_trees") or []))
else:
    want = None
if want is not None:
    check(len(rows) - 1 == want, f"{table}: {len(rows) - 1} rows, expected {want}")
formula_like = [f for r in rows for f in r
                if f and (f[0] in "=+-@\t\r" or f[:1] in ("＝", "＋", "－", "＠"))]
check(not formula_like, f"formula-like fields {formula_like[:3]!r}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
