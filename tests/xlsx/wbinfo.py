#!/usr/bin/python3
"""tests/xlsx/wbinfo.py TEMPLATE.xlsx — prints what a person sees of a declaration template,
as openpyxl (python3-openpyxl) reads it, one fact per line, for tests/suites/xlsxdecl.sh:
the sheet names in order, and for every data sheet whether row 2 is hidden, the frozen
cell, the number of drop-downs and input messages, the first heading."""
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
print("sheets " + " ".join(wb.sheetnames))
for ws in wb.worksheets:
    spec = ws.cell(row=2, column=1).value or ""
    if not (spec.startswith("/") or spec.startswith("#evidence")):
        print(f"sheet {ws.title} state={ws.sheet_state}")
        continue
    lists = sum(1 for dv in ws.data_validations.dataValidation if dv.type == "list")
    prompts = sum(1 for dv in ws.data_validations.dataValidation if dv.prompt)
    hidden = ws.row_dimensions[2].hidden
    print(f"data {ws.title} row2hidden={hidden} freeze={ws.freeze_panes} lists={lists} "
          f"prompts={prompts} A1={ws.cell(row=1, column=1).value}")
