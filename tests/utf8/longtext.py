#!/usr/bin/env python3
"""Write a declaration whose free-text strings are CJK text at their schema maximum length.

usage: longtext.py SCHEMA.json SAMPLE.json OUT.json

Every string the schema bounds by maxLength >= 100 without a pattern, enum or format (names,
descriptions, justifications, ...) becomes that many CJK characters (3 bytes each in UTF-8),
so every fixed-size buffer a report uses is exceeded."""
import json
import sys

schema = json.load(open(sys.argv[1], encoding="utf-8"))
decl = json.load(open(sys.argv[2], encoding="utf-8"))
FILL = "漢字仮名交じり文の資産名称テスト"


def node(n):
    while isinstance(n, dict) and "$ref" in n:
        n = schema["$defs"][n["$ref"].split("/")[-1]]
    return n


def fill(n, v, count):
    n = node(n)
    if isinstance(v, dict):
        props = n.get("properties", {}) if isinstance(n, dict) else {}
        for k in list(v):
            if k in props and k != "$schema":
                v[k] = fill(props[k], v[k], count)
    elif isinstance(v, list):
        items = n.get("items", {}) if isinstance(n, dict) else {}
        return [fill(items, x, count) for x in v]
    elif isinstance(v, str) and isinstance(n, dict):
        m = n.get("maxLength", 0)
        if m >= 100 and not any(k in n for k in ("pattern", "enum", "format", "const")):
            count[0] += 1
            s = "第%d項" % count[0] + FILL * (m // len(FILL) + 1)  # unique values
            return s[: m - 1] + "\u3042"
    return v


count = [0]
decl = fill(schema, decl, count)
json.dump(decl, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print(count[0], file=sys.stderr)
