#!/usr/bin/python3
"""tests/xlsx/hostile.py OUTDIR — writes the hostile and hand-made workbooks of
tests/suites/xlsxdecl.sh into OUTDIR, one file per case (NAME.xlsx), with the Python standard
library only (zipfile, zlib), so that every byte is under the test's control:

  tiny          a small valid workbook: inline strings, a shared string with a phonetic run
                (furigana), a number stored as text, a boolean cell, a trailing empty row,
                a hidden row; stored (not deflated), also the fuzz seed
  bomb          a part that inflates to 100 MiB (the cap is 64 MiB)
  liar          a part whose recorded size is smaller than what it inflates to
  laughs        XML entity expansion ("billion laughs") in the shared strings
  traversal     an entry named ../../evil.xml
  absolute      an entry named /etc/evil.xml
  sst_huge      250,000 shared strings (the cap is 200,000)
  deep          XML nested 100,000 levels
  truncated     a valid workbook cut in half
  not_utf8      a shared string with bytes that are not UTF-8
  latin1        a part declaring encoding="ISO-8859-1" with a byte above 0x7F
  crc           a part whose CRC does not match
  zip64         an end record that announces zip64
  encrypted     an entry flagged as encrypted
  badref        a cell reference beyond the last column
  sst_index     a shared-string index beyond the table
  spec_damaged  a damaged column spec in row 2
  empty_zip     a zip archive with no entries
"""
import os
import struct
import sys
import zipfile
import zlib

OUT = sys.argv[1]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook {NS} {RNS}><sheets><sheet name="団体情報" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
# one sheet: the model (shared string with furigana), the body's name (inline), its population
# stored as text, internet_lgwan_screen_transfer_only as a boolean cell (segment_boundary)
SST = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst {NS} count="2" uniqueCount="2"><si><t>beta</t><rPh sb="0" eb="4"><t>ベータ</t></rPh></si><si><r><t>み</t></r><r><t>どり野村</t></r></si></sst>"""


def sheet(rows, extra=""):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}><sheetData>{rows}</sheetData>'
            f"{extra}</worksheet>")


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


TINY_ROWS = ("<row r=\"1\">" + inline("A1", "モデル") + inline("B1", "団体名") + inline("C1", "人口") +
             inline("D1", "境界") + "</row>"
             "<row r=\"2\" hidden=\"1\">" + inline("A2", "/model|e") + inline("B2", "/body/name|s") +
             inline("C2", "/body/population|i") +
             inline("D2", "/segment_boundary/internet_lgwan_screen_transfer_only|b") + "</row>"
             "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\" t=\"s\"><v>1</v></c>" +
             inline("C3", "1200") + "<c r=\"D3\" t=\"b\"><v>1</v></c></row>"
             "<row r=\"9\"><c r=\"A9\" s=\"1\"/></row>")


def parts(sheet_xml=None, sst=SST):
    return [
        ("[Content_Types].xml", CONTENT_TYPES.encode()),
        ("_rels/.rels", ROOT_RELS.encode()),
        ("xl/workbook.xml", WORKBOOK.encode()),
        ("xl/_rels/workbook.xml.rels", WB_RELS.encode()),
        ("xl/sharedStrings.xml", sst if isinstance(sst, bytes) else sst.encode()),
        ("xl/worksheets/sheet1.xml", (sheet_xml or sheet(TINY_ROWS)).encode()),
    ]


def write_zip(name, members, method=zipfile.ZIP_STORED):
    with zipfile.ZipFile(os.path.join(OUT, name + ".xlsx"), "w", method) as z:
        for n, data in members:
            z.writestr(zipfile.ZipInfo(n, (1980, 1, 1, 0, 0, 0)), data, compress_type=method)


def raw_zip(name, members):
    """A zip written byte by byte: members are (name, data, method, usize_override, crc_override,
    flags); returns the bytes (written to OUT/name.xlsx)."""
    local = b""
    central = b""
    for n, data, method, usize, crc, flags in members:
        nb = n.encode()
        comp = data if method == 0 else zlib.compress(data, 9)[2:-4]
        c = zlib.crc32(data) if crc is None else crc
        u = len(data) if usize is None else usize
        off = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21, c, len(comp), u,
                             len(nb), 0) + nb + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, 0, 0x21, c,
                               len(comp), u, len(nb), 0, 0, 0, 0, 0, off) + nb
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central),
                      len(local), 0)
    data = local + central + end
    with open(os.path.join(OUT, name + ".xlsx"), "wb") as f:
        f.write(data)
    return data


def plain(ps, override=None):
    """members for raw_zip from parts, deflated; override maps a name to a tuple tail"""
    out = []
    for n, d in ps:
        out.append((n, d, 8, None, None, 0) if not override or n not in override else override[n])
    return out


os.makedirs(OUT, exist_ok=True)
write_zip("tiny", parts())

# a zip bomb: 100 MiB of spaces in the shared strings (deflate: about 100 KiB)
bomb = b'<?xml version="1.0" encoding="UTF-8"?>\n<sst ' + NS.encode() + b">" + b" " * (100 << 20) + b"</sst>"
raw_zip("bomb", plain(parts(sst=bomb)))
# a liar: the recorded size says 100 bytes, the data inflates to much more
raw_zip("liar", plain(parts(), {"xl/sharedStrings.xml": ("xl/sharedStrings.xml", bomb[:1 << 20], 8, 100, None, 0)}))
laughs = ('<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
          + f']>\n<sst {NS}><si><t>&j;</t></si></sst>')
write_zip("laughs", parts(sst=laughs))
write_zip("traversal", parts() + [("../../evil.xml", b"x")])
write_zip("absolute", parts() + [("/etc/evil.xml", b"x")])
huge = f'<?xml version="1.0"?>\n<sst {NS}>' + "<si><t>a</t></si>" * 250000 + "</sst>"
write_zip("sst_huge", parts(sst=huge), zipfile.ZIP_DEFLATED)
deep = sheet(TINY_ROWS, "<a>" * 100000 + "</a>" * 100000)
write_zip("deep", parts(sheet_xml=deep), zipfile.ZIP_DEFLATED)
with open(os.path.join(OUT, "tiny.xlsx"), "rb") as f:
    t = f.read()
with open(os.path.join(OUT, "truncated.xlsx"), "wb") as f:
    f.write(t[: len(t) // 2])
bad = SST.encode().replace("どり野村".encode(), b"\xff\xfe\x80")
write_zip("not_utf8", parts(sst=bad))
latin = (f'<?xml version="1.0" encoding="ISO-8859-1"?>\n<sst {NS}><si><t>beta</t></si><si><t>caf\xe9</t></si></sst>'
         ).encode("latin-1")
write_zip("latin1", parts(sst=latin))
raw_zip("crc", plain(parts(), {"xl/workbook.xml": ("xl/workbook.xml", WORKBOOK.encode(), 8, None, 1234, 0)}))
z = bytearray(raw_zip("zip64", plain(parts())))
z[-22 + 16:-22 + 20] = b"\xff\xff\xff\xff"  # central directory offset: "see the zip64 record"
with open(os.path.join(OUT, "zip64.xlsx"), "wb") as f:
    f.write(z)
raw_zip("encrypted", plain(parts(), {"xl/workbook.xml": ("xl/workbook.xml", WORKBOOK.encode(), 8, None, None, 1)}))
write_zip("badref", parts(sheet_xml=sheet(TINY_ROWS.replace('r="C3"', 'r="XFE3"'))))
write_zip("sst_index", parts(sheet_xml=sheet(TINY_ROWS.replace('<c r="B3" t="s"><v>1</v>', '<c r="B3" t="s"><v>7</v>'))))
write_zip("spec_damaged", parts(sheet_xml=sheet(TINY_ROWS.replace("/body/population|i", "/body/population|q"))))
with zipfile.ZipFile(os.path.join(OUT, "empty_zip.xlsx"), "w"):
    pass
