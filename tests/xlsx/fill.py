#!/usr/bin/python3
"""tests/xlsx/fill.py TEMPLATE.xlsx OUT.xlsx SHEET!CELL=VALUE ... — writes values into a
workbook with openpyxl (python3-openpyxl), as another program that fills the template would.
VALUE is stored as text, except: int:N and num:N store numbers, bool:1/bool:0 booleans,
date:YYYY-MM-DD a date cell, empty: clears the cell, formula:=... a formula, merge:A3:B3
merges that range (the CELL part is ignored), hide: hides the cell's row. No argument but the
two files: the workbook saved again by openpyxl as it is."""
import datetime
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
for arg in sys.argv[3:]:
    where, value = arg.split("=", 1)
    sheet, cell = where.rsplit("!", 1)
    ws = wb[sheet]
    if value.startswith("int:"):
        ws[cell] = int(value[4:])
    elif value.startswith("num:"):
        ws[cell] = float(value[4:])
    elif value.startswith("bool:"):
        ws[cell] = value[5:] == "1"
    elif value.startswith("date:"):
        ws[cell] = datetime.date.fromisoformat(value[5:])
    elif value == "empty:":
        ws[cell] = None
    elif value.startswith("formula:"):
        ws[cell] = value[8:]
    elif value.startswith("merge:"):
        ws.merge_cells(value[6:])
    elif value == "hide:":
        ws.row_dimensions[int("".join(ch for ch in cell if ch.isdigit()))].hidden = True
    else:
        ws[cell] = value
wb.save(sys.argv[2])
