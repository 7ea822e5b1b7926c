#!/usr/bin/env python3
"""Parses kyojin JUnit XML back and checks it against the result document it came from.
usage: junit_check.py REPORT.xml RESULT.json   (exit 0 when consistent)"""
import json
import sys
import xml.etree.ElementTree as ET


def main():
    xml_path, result_path = sys.argv[1], sys.argv[2]
    root = ET.parse(xml_path).getroot()  # raises on malformed XML
    result = json.load(open(result_path, encoding="utf-8"))
    levels = {c["id"]: c.get("level") for c in result.get("catalog", {}).get("policies", [])}
    problems = []
    if root.tag != "testsuites":
        problems.append("root is %s, not testsuites" % root.tag)
    suites = root.findall("testsuite")
    decls = result["declarations"]
    if len(suites) != len(decls):
        problems.append("%d testsuites for %d declarations" % (len(suites), len(decls)))
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite, decl in zip(suites, decls):
        cases = suite.findall("testcase")
        if suite.get("name") != decl["file"]:
            problems.append("suite %s is not %s" % (suite.get("name"), decl["file"]))
        if decl.get("error") is None and len(cases) != len(decl["policies"]):
            problems.append("%s: %d testcases for %d policies" % (decl["file"], len(cases), len(decl["policies"])))
        counts = {"tests": len(cases),
                  "failures": sum(1 for c in cases if c.find("failure") is not None),
                  "errors": sum(1 for c in cases if c.find("error") is not None),
                  "skipped": sum(1 for c in cases if c.find("skipped") is not None)}
        for k, v in counts.items():
            if int(suite.get(k)) != v:
                problems.append("%s: %s=%s but %d elements" % (decl["file"], k, suite.get(k), v))
            total[k] += v
        for case, pol in zip(cases, decl.get("policies", [])):
            if not case.get("name", "").startswith(pol["id"]):
                problems.append("%s: testcase %s is not policy %s" % (decl["file"], case.get("name"), pol["id"]))
            # the level: the document's catalog (result v2) or the entry itself (v1)
            level = pol.get("level") or levels.get(pol["id"])
            failing = pol["status"] == "fail" and level != "recommended"
            if failing != (case.find("failure") is not None):
                problems.append("%s %s: status %s but failure element %s"
                                % (decl["file"], pol["id"], pol["status"], case.find("failure") is not None))
            if failing:
                text = case.find("failure").text or ""
                for f in pol["findings"]:
                    if f["status"] == "fail" and f["message"]["ja"] not in text:
                        problems.append("%s %s: message of %s missing" % (decl["file"], pol["id"], f["pointer"]))
    for k, v in total.items():
        if int(root.get(k)) != v:
            problems.append("testsuites %s=%s but %d" % (k, root.get(k), v))
    for p in problems[:20]:
        print("  " + p)
    print("junit: %d testsuites, %d testcases, %s" % (len(suites), total["tests"], "ok" if not problems else "FAIL"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
