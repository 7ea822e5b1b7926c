#!/bin/bash
# bench/soak.sh KYOJIN WORKDIR RESULTS.tsv [N] — the soak test of bench/run.sh (issue 19):
# one `kyojin check --jobs 2` over N (default 20,000) generated declarations with the whole
# policy pack plus bench/soak/hostile.lua, which runs into a limit (instructions, memory,
# wall-clock time, runtime error, finding count) on every tenth declaration. While it runs,
# /proc is sampled every second: resident memory of the parent, of each batch worker and of
# each watchdog worker, and the parent's open descriptors. Afterwards it checks that
#   - every declaration is in the report exactly once, and the hostile policy failed on
#     exactly the declarations it was meant to, with the reason of its class;
#   - memory and descriptors stayed flat: the maximum of the last quarter of the run is at
#     most 10 % above that of the first quarter (parent, batch workers, watchdog workers),
#     and the parent's descriptors never rose above the first quarter's maximum;
#   - no process and no temp folder is left.
# Appends soak.* records (key<TAB>value) to RESULTS.tsv; exits non-zero when a check fails.
set -euo pipefail
KY=$1 W=$2 RES=$3 N=${4:-20000}
B=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$B")
rec() { printf 'soak.%s\t%s\n' "$1" "$2" >>"$RES"; }
log() { printf '[soak %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
TIMEOUT=2 # --timeout: the wall-clock class costs this much per declaration

rm -rf "$W"
mkdir -p "$W/in" "$W/tmp"
# N declarations: the national set (1,788 bodies) again with other seeds, until N
log "generating $N declarations (kyojin gen, small)"
left=$N seed=1
while [ "$left" -gt 0 ]; do
  c=$((left < 1788 ? left : 1788))
  "$KY" gen --out "$W/in/s$(printf %02d $seed)" --seed "$seed" --count "$c" --size small --quiet
  left=$((left - c)) seed=$((seed + 1))
done
ls -d "$W"/in/s*/*.json >"$W/files.txt" # the order kyojin reads them
[ "$(wc -l <"$W/files.txt")" -eq "$N" ] || { echo "soak: generated $(wc -l <"$W/files.txt") files, not $N" >&2; exit 1; }
cp -r "$ROOT/policies" "$W/pol"
cp "$B/soak/hostile.lua" "$W/pol/soak_hostile.lua"

# sample PID: one line per second — seconds since start, parent RSS (KiB), parent fds, batch
# workers' largest RSS, watchdog workers' largest RSS, number of processes
rss() { awk '/^VmRSS:/ { print $2; f = 1 } END { if (!f) print 0 }' "/proc/$1/status" 2>/dev/null || echo 0; }
sample() {
  local pid=$1 t0 now p w e n k g r
  t0=$(date +%s.%N)
  while kill -0 "$pid" 2>/dev/null; do
    now=$(date +%s.%N)
    p=$(rss "$pid")
    local fds
    fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
    w=0 e=0 n=1
    # the parent's children are its evaluators (watchdog workers); a further level, if any,
    # would be batch workers' evaluators (before issue 18 batch workers sat in between)
    for k in $(pgrep -P "$pid"); do
      r=$(rss "$k"); n=$((n + 1))
      if [ -n "$(pgrep -P "$k")" ]; then [ "$r" -gt "$w" ] && w=$r; else [ "$r" -gt "$e" ] && e=$r; fi
      for g in $(pgrep -P "$k"); do r=$(rss "$g"); [ "$r" -gt "$e" ] && e=$r; n=$((n + 1)); done
    done
    printf '%.1f\t%s\t%s\t%s\t%s\t%s\n' "$(awk -v a="$t0" -v b="$now" 'BEGIN { print b - a }')" "$p" "$fds" "$w" "$e" "$n"
    sleep 1
  done
}

log "kyojin check --jobs 2 --timeout $TIMEOUT over $N declarations (policy pack + hostile policy)"
t0=$(date +%s.%N)
rc=0
TMPDIR=$W/tmp "$KY" check --jobs 2 --timeout "$TIMEOUT" --lang en --no-progress --policies "$W/pol" \
  --format text -o "$W/report.txt" "$W"/in/s* 2>"$W/stderr.txt" &
pid=$!
sample "$pid" >"$W/samples.tsv" &
spid=$!
wait "$pid" || rc=$?
t1=$(date +%s.%N)
wait "$spid" || true
log "exit $rc after $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }') s; $(wc -l <"$W/samples.tsv") samples"

# accounting and flatness (python3: the report is ~12 KB of text per declaration)
python3 - "$W" "$N" "$rc" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" >"$W/soak.tsv" <<'PY'
import json, os, sys
w, n, rc, wall = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
files = open(os.path.join(w, "files.txt")).read().split()
reasons = {0: "instruction budget exceeded", 1: "instruction budget exceeded",
           2: "memory limit exceeded", 3: "memory limit exceeded",
           4: "wall-clock limit exceeded", 5: "attempt to index a nil value",
           6: "attempt to index a nil value", 7: "more than 10000 findings",
           8: "more than 10000 findings"}
names = {0: "instructions", 1: "instructions", 2: "memory", 3: "memory", 4: "wall_clock",
         5: "runtime_error", 6: "runtime_error", 7: "findings", 8: "findings"}
want = {}
for f in files:
    code = int(json.load(open(f))["body"]["code"])
    if code % 10 == 0 and (code // 10) % 10 in reasons:
        want[f] = (code // 10) % 10
seen, got, cur, pending = {}, {}, None, False
for line in open(os.path.join(w, "report.txt"), encoding="utf-8"):
    if line.startswith("Declaration: "):
        cur = line[len("Declaration: "):].rsplit(" (", 1)[0]
        seen[cur] = seen.get(cur, 0) + 1
    elif line.startswith("  SO-01 ["):
        pending = True
    elif pending:
        got[cur] = line.strip()
        pending = False
problems = []
if sorted(seen) != sorted(files) or any(v != 1 for v in seen.values()):
    problems.append("declarations in the report: %d distinct of %d, %d listed twice" %
                    (len(set(seen) & set(files)), n, sum(1 for v in seen.values() if v != 1)))
# On a busy machine a policy on its way to another limit may pass the --timeout first: the
# watchdog's limit then stops it (counted as "stalled", not a failure of the check).
stalled = 0
for f, c in want.items():
    g = got.get(f, "")
    if reasons[c] in g:
        continue
    if c != 4 and reasons[4] in g:
        stalled += 1
        continue
    problems.append("%s: expected %s, got %r" % (f, reasons[c], got.get(f)))
for f in got:
    if f not in want:
        problems.append("%s: unexpected SO-01 error %r" % (f, got[f]))
by = {}
for c in want.values():
    by[names[c]] = by.get(names[c], 0) + 1
s = [list(map(float, l.split("\t"))) for l in open(os.path.join(w, "samples.tsv")) if l.strip()]
q = max(1, len(s) // 4)
first, last = s[:q], s[-q:]
def mx(rows, i): return max(r[i] for r in rows)
out = {"n": n, "exit": rc, "wall": round(wall, 1), "samples": len(s),
       "accounted": len(seen), "hostile": len(want), "hostile_errors": len(got),
       "stalled": stalled}
for k, v in sorted(by.items()): out["class." + k] = v
for i, key in ((1, "parent_rss_kib"), (3, "worker_rss_kib"), (4, "evaluator_rss_kib"), (2, "parent_fds")):
    a, b = mx(first, i), mx(last, i)
    out[key + ".first_quarter_max"] = int(a)
    out[key + ".last_quarter_max"] = int(b)
    out[key + ".max"] = int(mx(s, i))
    limit = a if key == "parent_fds" else a * 1.10
    if b > limit:
        problems.append("%s grew: last quarter max %d > %s (first quarter max %d)" % (key, b, "first quarter max" if key == "parent_fds" else "110 %", a))
out["processes.max"] = int(mx(s, 5))
out["problems"] = len(problems)
for k, v in out.items(): print("%s\t%s" % (k, v))
for p in problems[:20]: print(p, file=sys.stderr)
PY
while IFS=$'\t' read -r k v; do rec "$k" "$v"; done <"$W/soak.tsv"
rec date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
rec commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
left=$(pgrep -f -- "$W/pol" | tr '\n' ' ' || true)
rec leftover_processes "$(echo "$left" | wc -w)"
rec leftover_tmp "$(ls -A "$W/tmp" | wc -l)"
[ "$rc" -eq 3 ] || { echo "soak: exit $rc, expected 3 (policy errors): $(tail -3 "$W/stderr.txt")" >&2; exit 1; }
[ -z "$left" ] || { echo "soak: processes left: $left" >&2; exit 1; }
[ -z "$(ls -A "$W/tmp")" ] || { echo "soak: left in TMPDIR: $(ls -A "$W/tmp" | head -3)" >&2; exit 1; }
[ "$(awk -F'\t' '$1 == "problems" { print $2 }' "$W/soak.tsv")" = 0 ] || { echo "soak: checks failed (above)" >&2; exit 1; }
rm -f "$W/report.txt" # ~250 MB
log "every declaration accounted for; memory and descriptors flat"
