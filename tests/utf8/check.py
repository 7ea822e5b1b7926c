#!/usr/bin/env python3
"""Check that a report is valid in its format: usage: check.py FORMAT FILE

text: strict UTF-8; html: that and its JSON data block parses; json/sarif: strict UTF-8 and a JSON document; junit: well-formed
XML; csv: UTF-8 (BOM allowed) read by the csv module with the same number of fields in
every row; xlsx: every XML part well-formed and the workbook loads with openpyxl (every
cell read). Prints "ok" or the reason and exits 1."""
import csv
import io
import json
import sys
import xml.dom.minidom
import zipfile

fmt, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()


def fail(why):
    print("%s (%s): %s" % (path, fmt, why))
    sys.exit(1)


try:
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in z.namelist():
                if name.endswith(".xml") or name.endswith(".rels"):
                    xml.dom.minidom.parseString(z.read(name))
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data))
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, str):
                        v.encode("utf-8", "strict")
    else:
        text = data.decode("utf-8", "strict")
        if fmt in ("json", "sarif"):
            json.loads(text)
        elif fmt == "junit":
            xml.dom.minidom.parseString(data)
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
            if not rows or len({len(r) for r in rows}) != 1:
                fail("rows of different lengths")
        elif fmt == "html":
            tag = '<script type="application/json" id="kyojin-result">'
            if tag in text:  # the data block kyojin verify reads
                json.loads(text.split(tag, 1)[1].split("</script>", 1)[0])
except SystemExit:
    raise
except Exception as e:  # noqa: BLE001 — any failure to read is the finding
    fail("%s: %s" % (type(e).__name__, e))
print("ok")
