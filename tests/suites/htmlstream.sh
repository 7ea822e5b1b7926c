#!/usr/bin/env bash
# The HTML report written one declaration at a time (issue 18). A batch report is the
# single-declaration reports put together: each declaration's body, its entry of the table of
# contents and of the data block equal those of its own report, renumbered; the title names
# the first three bodies and the cover the first ten. --jobs 1, --jobs 2 and --timeout 0
# (rendered in the evaluator, in batch workers, in the main process) give the same bytes. The
# bodies wait in an unnamed temporary file in $TMPDIR: nothing is left there or beside the
# report after success, after an output that cannot be opened or written, or after SIGINT.
# Memory does not grow with the batch: 300 declarations stay under 64 MiB peak RSS (the
# report held whole needed about 585 MiB).
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
K=$(cd "$(dirname "$K")" && pwd)/$(basename "$K")
T=$(mktemp -d); trap 'pkill -KILL -f -- "$T/" 2>/dev/null; rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh
export SOURCE_DATE_EPOCH=1700000000

# nothing in DIR but the names given: left NAME DIR [KEEP...]
left() {
  local name=$1 dir=$2; shift 2
  local extra
  extra=$(ls -A "$dir" | grep -vxF -f <(printf '%s\n' "$@" "") || true)
  [ -z "$extra" ] && ok || bad "$name: left in $dir: $extra"
}

# ---- a batch is its declarations' own reports put together --------------------------------
"$K" gen --out "$T/gen" --count 12 --seed 11 --quiet || { echo "FAIL: kyojin gen"; exit 1; }
mkdir -p "$T/in" "$T/single.ja" "$T/single.en" "$T/tmp"
cp "$T"/gen/*.json "$T/in/"
cp samples/gaps-village.json samples/beta-prime-large-city.json samples/minimal.json "$T/in/"
ls "$T/in" >"$T/names.txt"
for lang in ja en; do
  TMPDIR=$T/tmp "$K" check "$T/in" --lang $lang --detail full --format html -o "$T/batch.$lang.html" \
    >/dev/null 2>"$T/err"
  rc=$?
  [ $rc -le 1 ] && ok || { bad "batch $lang: exit $rc"; head -3 "$T/err"; }
  while read -r f; do
    TMPDIR=$T/tmp "$K" check "$T/in/$f" --lang $lang --detail full --format html \
      -o "$T/single.$lang/$f.html" >/dev/null 2>&1
  done <"$T/names.txt"
  left "batch $lang: TMPDIR" "$T/tmp"
  left "batch $lang: beside the reports" "$T/single.$lang" $(sed 's/$/.html/' "$T/names.txt")
  if python3 - "$T/batch.$lang.html" "$T/single.$lang" "$T/names.txt" $lang >"$T/concat.txt" 2>&1 <<'EOF'
import json, re, sys
batch = open(sys.argv[1], encoding="utf-8").read()
names = open(sys.argv[3]).read().split()
single = [open("%s/%s.html" % (sys.argv[2], n), encoding="utf-8").read() for n in names]
en = sys.argv[4] == "en"
def part(doc, start, end):
    a = doc.index(start)
    return doc[a:doc.index(end, a)]
def bodies(doc):
    return re.split(r'(?=<div class="decl" id="d\d+">\n)', part(doc, '<div class="decl" id="d1">', "<footer>"))[1:]
def tocs(doc):
    return re.split(r'(?=<li><b>)', part(doc, '<nav class="toc" id="toc">', "</ol></nav>"))[1:]
def meta(doc):
    return json.loads(part(doc, 'id="kyojin-result">', "</script>")[len('id="kyojin-result">'):])
def renumber(s, k):
    return re.sub(r'(id="|href="#)d1(?=["-])', lambda m: m.group(1) + "d%d" % k, s)
errors = []
def same(what, got, want):
    if got != want: errors.append(what)
b, t, m = bodies(batch), tocs(batch), meta(batch)
same("number of bodies", len(b), len(names))
same("number of toc entries", len(t), len(names))
for k, doc in enumerate(single, 1):
    (sb,), (st,), sm = bodies(doc), tocs(doc), meta(doc)
    if k <= len(b): same("body %d (%s)" % (k, names[k - 1]), b[k - 1], renumber(sb, k))
    if k <= len(t): same("toc entry %d" % k, t[k - 1], renumber(st, k))
    same("data block entry %d" % k, m["declarations"][k - 1], sm["declarations"][0])
    for key in sm:
        if key != "declarations": same("data block " + key, m.get(key), sm[key])
# the cover names the first ten with their verdicts, the title the first three
def cover_bodies(doc):
    c = part(doc, '<section class="cover"', "</section>")
    return re.findall(r'<p class="bodyname">.*?</div>\n', c, re.S)
cb = cover_bodies(batch)
same("cover entries", cb, [cover_bodies(d)[0] for d in single[:10]])
more = "<p>and %d more</p>" if en else "<p>ほか %d 団体</p>"
if more % (len(names) - 10) not in batch: errors.append("cover: the count of the others")
title = part(batch, "<title>", "</title>")
want = "".join(" — " + part(d, "<title>", "</title>").split(" — ", 1)[1] for d in single[:3])
if not title.endswith(want + (" and %d more" if en else " ほか%d団体") % (len(names) - 3)):
    errors.append("title: " + title)
# no number placeholder (or any other control character) reaches the report
if re.search(r"[\x00-\x08\x0b-\x1f]", batch): errors.append("a control character in the report")
print("\n".join(errors))
sys.exit(1 if errors else 0)
EOF
  then ok; else bad "batch $lang: not its declarations' reports put together:"; head -20 "$T/concat.txt"; fi
done

# ---- where it is rendered does not change a byte ------------------------------------------
"$K" gen --out "$T/g40" --count 40 --seed 5 --quiet
ref=
for opts in "--jobs 1" "--jobs 2" "--timeout 0" "--jobs 2 --timeout 0"; do
  f=$T/g40.${opts// /_}.html
  # shellcheck disable=SC2086
  TMPDIR=$T/tmp "$K" check "$T/g40" $opts --format html -o "$f" >/dev/null 2>"$T/err"
  [ -s "$f" ] && ok || { bad "g40 $opts: no report"; head -3 "$T/err"; }
  if [ -z "$ref" ]; then ref=$f; continue; fi
  cmp -s "$ref" "$f" && ok || bad "g40 $opts: differs from --jobs 1"
done
left "g40: TMPDIR" "$T/tmp"
# --baseline renders in the main process after the comparison
TMPDIR=$T/tmp "$K" check "$T/g40" --format json -o "$T/g40.json" >/dev/null 2>&1
for opts in "--jobs 1" "--jobs 2"; do
  # shellcheck disable=SC2086
  TMPDIR=$T/tmp "$K" check "$T/g40" $opts --baseline "$T/g40.json" --format html \
    -o "$T/bl.${opts// /_}.html" >/dev/null 2>&1
done
cmp -s "$T/bl.--jobs_1.html" "$T/bl.--jobs_2.html" && ok || bad "--baseline: --jobs 1 and 2 differ"
grep -q '</html>' "$T/bl.--jobs_1.html" && ok || bad "--baseline: no complete report"
left "baseline: TMPDIR" "$T/tmp"

# ---- an output that cannot be opened or written ---------------------------------------------
mkdir -p "$T/err-out"
: >"$T/err-out/file"
TMPDIR=$T/tmp "$K" check "$T/g40" --format html -o "$T/err-out/file/report.html" >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && ok || bad "-o under a file: exit $rc, expected 2"
grep -q "report.html" "$T/err" && ok || bad "-o under a file: the message does not name the output"
left "-o under a file: TMPDIR" "$T/tmp"
left "-o under a file: its directory" "$T/err-out" file
if [ -w /dev/full ]; then
  TMPDIR=$T/tmp "$K" check "$T/g40" --format html -o /dev/full >/dev/null 2>"$T/err"
  rc=$?
  [ $rc -eq 2 ] && ok || bad "-o /dev/full: exit $rc, expected 2"
  grep -qi "write" "$T/err" && ok || bad "-o /dev/full: no write error reported"
  left "-o /dev/full: TMPDIR" "$T/tmp"
fi
# a TMPDIR that cannot hold the bodies: a clear error, nothing beside the report
TMPDIR=$T/no-such-dir "$K" check "$T/g40" --format html -o "$T/err-out/r.html" >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && ok || bad "missing TMPDIR: exit $rc, expected 2"
grep -q "temporary file" "$T/err" && ok || bad "missing TMPDIR: message: $(head -1 "$T/err")"
left "missing TMPDIR: beside the report" "$T/err-out" file

# ---- SIGINT: the report of what was done, nothing left ----------------------------------------
N=60
"$K" gen --out "$T/slowin" --count $N --size small --quiet
mkdir -p "$T/pol" "$T/int/out" "$T/int/tmp"
cp tests/adversarial/policies/benign/*.lua "$T/pol/"
. tests/suites/lib/slow_policy.sh
slow_policy "$T/pol/slow.lua" 2500000
out=$T/int/out/report.html
TMPDIR=$T/int/tmp "$K" check --policies "$T/pol" --jobs 2 --format html -o "$out" "$T/slowin" \
  >/dev/null 2>"$T/int/err" &
pid=$!
# the first result begins the report: its bodies wait in a file of TMPDIR that has no name
spool=
for ((i = 0; i < 600; i++)); do
  spool=$(ls -l "/proc/$pid/fd" 2>/dev/null | grep -F "$T/int/tmp/.kyojin-spool." || true)
  [ -n "$spool" ] && break
  sleep 0.05
done
case $spool in *"(deleted)") ok ;; *) bad "SIGINT: no unnamed spool in TMPDIR among the fds: $spool" ;; esac
[ -z "$(ls -A "$T/int/tmp" | grep spool)" ] && ok || bad "SIGINT: the spool has a name"
kill -INT $pid
wait $pid
rc=$?
[ $rc -eq 130 ] && ok || { bad "SIGINT: exit $rc, expected 130"; tail -3 "$T/int/err"; }
tail -c 8 "$out" 2>/dev/null | grep -q '</html>' && ok || bad "SIGINT: the report is not complete"
n=$(grep -c '<div class="decl" id="d' "$out" 2>/dev/null)
[ "$n" = $N ] && ok || bad "SIGINT: $n declarations in the report, expected $N (evaluated or interrupted)"
left "SIGINT: TMPDIR" "$T/int/tmp"
left "SIGINT: beside the report" "$T/int/out" report.html
[ -z "$(pgrep -f -- "$T/pol")" ] && ok || bad "SIGINT: kyojin processes left"

# ---- memory does not grow with the batch ----------------------------------------------------
# (not under make test-asan, which sets ASAN_OPTIONS: ASan's shadow and quarantine memory grow
# with every allocation, freed or not)
"$K" gen --out "$T/g300" --count 300 --seed 9 --quiet
if [ -n "${ASAN_OPTIONS:-}" ]; then :
elif python3 - "$K" "$T/g300" "$T/g300.html" "$T/tmp" >"$T/rss.txt" 2>&1 <<'EOF'
import os, resource, subprocess, sys
k, inp, out, tmp = sys.argv[1:]
r = subprocess.run([k, "check", inp, "--format", "html", "-o", out], env=dict(os.environ, TMPDIR=tmp),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest process, MiB
n = open(out, encoding="utf-8").read().count('<div class="decl" id="d')
print("exit %d, peak RSS %.1f MiB, %d declarations in the report" % (r.returncode, peak, n))
sys.exit(0 if r.returncode in (0, 1) and peak < 64 and n == 300 else 1)
EOF
then ok; else bad "300 declarations: $(cat "$T/rss.txt")"; fi
left "g300: TMPDIR" "$T/tmp"

echo "htmlstream: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
