#!/usr/bin/env bash
# Every valid sample shows exactly the findings samples/README.md names for it: the last column
# of its table ("fail ID … · warn ID …", or "none") is compared with the policies whose status
# is fail or warn when the sample is checked (JSON result, no risk section).
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
passed=0; failed=0
rows=$(node -e '
  const fs = require("fs");
  const text = fs.readFileSync("samples/README.md", "utf8");
  for (const line of text.split("\n")) {
    const m = line.match(/^\| `([^`\/]+\.json)` \|.*\| ([^|]*) \|$/);
    if (m) console.log(m[1] + "\t" + m[2].trim());
  }')
[ -n "$rows" ] || { echo "FAIL: no sample rows found in samples/README.md"; exit 1; }
listed=0
while IFS=$'\t' read -r file want; do
  listed=$((listed + 1))
  "$K" check "samples/$file" --no-risk --format json -o "$T/r.json" >/dev/null 2>"$T/err"
  got=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const p = r.declarations[0].policies;
    const ids = s => p.filter(x => x.status === s).map(x => x.id).sort();
    const f = ids("fail"), w = ids("warn");
    const parts = [];
    if (f.length) parts.push("fail " + f.join(" "));
    if (w.length) parts.push("warn " + w.join(" "));
    console.log(parts.length ? parts.join(" · ") : "none");' "$T/r.json")
  norm=$(node -e '
    const s = process.argv[1].trim();
    if (s === "none") { console.log("none"); process.exit(0); }
    const parts = s.split("·").map(x => x.trim().split(/\s+/));
    console.log(parts.map(p => p[0] + " " + p.slice(1).sort().join(" ")).join(" · "));' "$want")
  if [ "$got" = "$norm" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: $file: README says '$norm', the check gives '$got'"; fi
done <<<"$rows"
# every valid sample has its row
for f in samples/*.json; do
  grep -q "^| \`$(basename "$f")\` |" samples/README.md && passed=$((passed + 1)) || {
    failed=$((failed + 1)); echo "FAIL: $(basename "$f") has no row in samples/README.md"; }
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
