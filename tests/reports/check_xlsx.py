#!/usr/bin/python3
"""Read an XLSX report back and check it against the result document it came from.

Usage: check_xlsx.py RESULT.json REPORT.xlsx [ja|en]
Checks sheet names and order, the IPA column order of the risk sheets, one row per
finding / asset row / tree and step, frozen header rows, filters, column widths, risk
cell colours, text cells that are never formulas, the values of hostile strings kept
verbatim, and the hashes in the custom document properties. Prints one line per check
and a closing "N passed, N failed"; exits 1 when any check failed."""
import json
import re
import sys
import zipfile

import openpyxl

result_path, xlsx_path = sys.argv[1], sys.argv[2]
lang = sys.argv[3] if len(sys.argv) > 3 else "ja"
result = json.load(open(result_path, encoding="utf-8"))
decls = result.get("declarations", [])
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


class Group:
    """Many small checks counted as one: passes when all of them pass."""
    def __init__(self, what):
        self.what, self.bad = what, []

    def __call__(self, ok, what):
        if not ok:
            self.bad.append(what)

    def done(self):
        check(not self.bad, f"{self.what}: {self.bad[:5]}")


wb = openpyxl.load_workbook(xlsx_path)
names = {"ja": ["指摘事項", "資産ベースのリスク分析", "事業被害ベースのリスク分析", "入力と検証値"],
         "en": ["Findings", "Asset-based risk", "Business-damage-based risk", "Inputs"]}[lang]
check(wb.sheetnames == names, f"sheet names {wb.sheetnames}")
fnd, assets, trees, meta = (wb[n] for n in names)

for ws in (fnd, assets, trees, meta):
    check(ws.freeze_panes == "A2", f"{ws.title}: header row frozen ({ws.freeze_panes})")
    check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"), f"{ws.title}: filter on")
    narrow = [openpyxl.utils.get_column_letter(col) for col in range(1, ws.max_column + 1)
              if (ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width or 0) < 6]
    check(not narrow, f"{ws.title}: widths set for every column (not: {narrow[:5]})")
    cells = [c for row in ws.iter_rows() for c in row]
    formulas = [c.coordinate for c in cells if c.data_type == "f"]
    check(not formulas, f"{ws.title}: no formula cells ({formulas[:5]})")
    loose = [c.coordinate for c in cells if c.data_type == "s" and c.row > 1 and c.number_format != "@"]
    check(not loose, f"{ws.title}: text cells have the text format @ ({loose[:5]})")

# findings: one row per finding, or per policy without findings
expected = sum(max(1, len(p.get("findings") or [])) for d in decls for p in d.get("policies") or [])
expected += sum(1 for d in decls if d.get("error") is not None)  # an input without an evaluation
check(fnd.max_row == expected + 1, f"findings rows {fnd.max_row - 1} == {expected}")
if lang == "ja":
    check([c.value for c in fnd[1]][:3] == ["団体コード", "団体名", "ポリシー"], "findings header")
row = 2
g = Group("findings rows match the result")
for d in decls:
    if d.get("error") is not None:  # its row names the file
        g(fnd.cell(row, 2).value == d.get("file"), f"findings!B{row} file of an input without an evaluation")
        row += 1
    for p in d.get("policies") or []:
        for f in (p.get("findings") or [None]):
            g(fnd.cell(row, 2).value == d["body"]["name"], f"findings!B{row} body name verbatim")
            g(fnd.cell(row, 3).value == p["id"], f"findings!C{row} policy id verbatim")
            if f is not None:
                g(fnd.cell(row, 8).value == f.get("pointer"), f"findings!H{row} pointer")
                if isinstance(f.get("line"), int):
                    g(fnd.cell(row, 9).value == f["line"], f"findings!I{row} line number")
            row += 1
g.done()

# asset sheet in the IPA column order
ipa = {"ja": ["項番", "資産種別", "対象装置", "脅威レベル", "脆弱性レベル", "資産の重要度", "リスク値", "脅威"],
       "en": ["No.", "Asset kind", "Target device", "Threat level", "Vulnerability level", "Asset importance",
              "Risk value", "Threat"]}[lang]
head = [c.value for c in assets[1]]
check(head[:8] == ipa, f"asset sheet header {head[:8]}")
check(head[8] == ("具体例" if lang == "ja" else "Examples"), "具体例 follows 脅威")
cm_cols = [h for h in head if h.startswith("対策: " if lang == "ja" else "Countermeasure: ")]
check(head[9:9 + len(cm_cols)] == cm_cols, "countermeasure columns follow 具体例")
check(head[9 + len(cm_cols)] == ("対策レベル" if lang == "ja" else "Countermeasure level"), "対策レベル after the countermeasures")
check(("重要度の根拠" if lang == "ja" else "Grounds for the importance") in head, "重要度の根拠 column")
rows = [r for d in decls for r in ((d.get("risk") or {}).get("asset_rows") or [])]
oos = [r for d in decls for r in ((d.get("risk") or {}).get("out_of_scope") or [])]
check(assets.max_row == len(rows) + len(oos) + 1, f"asset rows {assets.max_row - 1} == {len(rows)} + {len(oos)} out of scope")
for i in range(len(oos)):  # after the scored rows, marked out of scope in the risk column
    check(assets.cell(len(rows) + 2 + i, 7).value == ("対象外" if lang == "ja" else "Out of scope"),
          f"assets!G{len(rows) + 2 + i} out of scope")
fills = {"A": "C62828", "B": "EF6C00", "C": "F9A825", "D": "7CB342", "E": "2E7D32"}
g = Group("asset rows match the result")
for i, r in enumerate(rows, start=2):
    g(assets.cell(i, 1).value == r.get("no"), f"assets!A{i} 項番")
    g(assets.cell(i, 4).value == r.get("threat_level"), f"assets!D{i} 脅威レベル")
    g(assets.cell(i, 5).value == r.get("vulnerability_level"), f"assets!E{i} 脆弱性レベル")
    g(assets.cell(i, 6).value == r.get("importance"), f"assets!F{i} 資産の重要度")
    cell = assets.cell(i, 7)
    g(cell.value == r.get("risk_value"), f"assets!G{i} リスク値")
    if r.get("risk_value") in fills:
        rgb = cell.fill.fgColor.rgb or ""
        g(rgb.upper().endswith(fills[r["risk_value"]]), f"assets!G{i} coloured {r['risk_value']} ({rgb})")
g.done()

# tree sheet in the IPA column order
tipa = {"ja": ["攻撃シナリオ", "攻撃ツリー/攻撃ステップ", "脅威レベル", "脆弱性レベル", "事業被害レベル", "リスク値", "対策", "対策レベル"],
        "en": ["Attack scenario", "Attack tree / attack step", "Threat level", "Vulnerability level",
               "Business-damage level", "Risk value", "Countermeasure", "Countermeasure level"]}[lang]
check([c.value for c in trees[1]][:8] == tipa, "tree sheet header")
tlist = [t for d in decls for t in ((d.get("risk") or {}).get("attack_trees") or [])]
nrows = sum(1 + len(t.get("steps") or []) for t in tlist)
check(trees.max_row == nrows + 1, f"tree rows {trees.max_row - 1} == {nrows}")
i = 2
g = Group("tree rows match the result")
for t in tlist:
    g(trees.cell(i, 1).value == t.get("scenario"), f"trees!A{i} scenario")
    g(trees.cell(i, 6).value == t.get("risk_value"), f"trees!F{i} risk value")
    if t.get("risk_value") in fills:
        g((trees.cell(i, 6).fill.fgColor.rgb or "").upper().endswith(fills[t["risk_value"]]), f"trees!F{i} coloured")
    i += 1
    for s in t.get("steps") or []:
        g(trees.cell(i, 2).value == s.get("name"), f"trees!B{i} step name verbatim")
        g(trees.cell(i, 8).value == s.get("countermeasure_level"), f"trees!H{i} step 対策レベル")
        i += 1
g.done()

# meta sheet and custom properties carry the hashes
kv = {r[0].value: r[1].value for r in meta.iter_rows(min_row=2)}
check(kv.get("policy_set.sha256") == result["policy_set"]["sha256"], "meta: policy-set hash")
for n, d in enumerate(decls, start=1):
    check(kv.get(f"declarations.{n}.sha256") == d.get("sha256"), f"meta: declaration {n} hash")
with zipfile.ZipFile(xlsx_path) as z:
    custom = z.read("docProps/custom.xml").decode("utf-8")
    check(f'name="kyojin.policy_set.sha256"><vt:lpwstr>{result["policy_set"]["sha256"]}<' in custom,
          "custom property kyojin.policy_set.sha256")
    for name in z.namelist():
        if name.startswith("xl/worksheets/"):
            check(re.search(r"<f[ >]", z.read(name).decode("utf-8")) is None, f"{name}: no formula element")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
