#!/bin/bash
# bench/national.sh KYOJIN WORKDIR RESULTS.tsv [COUNT] — the national batch in every output
# format (issue 18): `kyojin gen --seed 1` writes the national set (1,788 bodies, or the first
# COUNT), then `kyojin check` runs over it once per format (text json html csv xlsx sarif
# junit) with --jobs 1 and --jobs 2, and `kyojin summary` reads the JSON result. Per run:
# wall time, CPU time (user + sys of the whole process tree), peak memory and output size.
# Appends `national.*` records (key<TAB>value) to RESULTS.tsv; bench/report.sh turns them
# into the "National batch per format" table of bench/results.md.
#
# Wall time on a shared machine is noisy: --jobs 1 and --jobs 2 of a format run alternately,
# NATIONAL_RUNS times (default 3), and the table gives the median wall time of each and the
# median of the per-pair ratios (jobs 1 ÷ jobs 2), which is what --jobs is judged by.
#
# Peak memory, two figures:
# - one process: GNU time's "Maximum resident set size", i.e. ru_maxrss of wait4() for the
#   kyojin parent. Linux reports there the maximum over the process and every descendant it
#   (or a descendant) waited for (getrusage RUSAGE_BOTH: cmaxrss is propagated on each reap);
#   kyojin waits for every evaluator, so this is the largest single process of the tree, not
#   a sum (checked: a child of 300 MB under a parent of 13 MB gives 300 MB; an unreaped child
#   does not count).
# - all processes: the sum of the resident sets of the run's kyojin processes (its own
#   process group), sampled every 0.2 s; the largest sum seen. Pages shared copy-on-write
#   between the parent and its evaluators are counted in each, so this is an upper bound.
set -euo pipefail
KY=$1 W=$2 RES=$3 N=${4:-1788}
RUNS=${NATIONAL_RUNS:-3}
FORMATS=(text json html csv xlsx sarif junit)

log() { printf '[national %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
rec() { printf 'national.%s\t%s\n' "$1" "$2" >>"$RES"; }

rm -rf "$W"
mkdir -p "$W/out" "$W/tmp"
if [ "$N" -ge 1788 ]; then
  "$KY" gen --out "$W/in" --seed 1 --quiet
else
  "$KY" gen --out "$W/in" --seed 1 --count "$N" --quiet
fi
N=$(ls "$W/in" | wc -l)
rec n "$N"
rec bytes "$(cat "$W"/in/*.json | wc -c)"
rec runs "$RUNS"
rec date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
rec load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
log "$N declarations, $(du -sh "$W/in" | cut -f1); $RUNS runs per format and --jobs"

# run TAG OUT CMD... — one measured run: appends "wall cpu maxrss_kib sumrss_kib bytes exit"
# to $W/TAG.runs. The command runs in a process group of its own (setsid) under GNU time.
run() {
  local tag=$1 out=$2; shift 2
  rm -f "$out"
  local rc=0 peak=0 s
  TMPDIR=$W/tmp setsid /usr/bin/time -f '%e %U %S %M' -o "$W/$tag.time" "$@" >/dev/null 2>"$W/$tag.err" &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    # (ps fails once the group is gone)
    s=$({ ps -o rss=,comm= -g "$pid" 2>/dev/null || true; } | awk '$2 == "kyojin" { s += $1 } END { print s + 0 }')
    [ "$s" -gt "$peak" ] && peak=$s
    sleep 0.2
  done
  wait "$pid" || rc=$?
  # exit 0 or 1 (compliant or not) is a normal run; summary exits 0
  [ "$rc" -le 1 ] || { log "$tag: exit $rc: $(head -3 "$W/$tag.err")"; }
  local size=0
  [ -f "$out" ] && size=$(stat -c %s "$out")
  # GNU time prints "Command exited with non-zero status N" first when N != 0
  tail -1 "$W/$tag.time" | awk -v peak="$peak" -v size="$size" -v rc="$rc" \
    '{ printf "%s %.2f %s %s %s %s\n", $1, $2 + $3, $4, peak, size, rc }' >>"$W/$tag.runs"
}

# median of column C of FILE
median() { awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxcol() { awk -v c="$2" '$c > m { m = $c } END { print m + 0 }' "$1"; }

for fmt in "${FORMATS[@]}"; do
  : >"$W/$fmt.j1.runs"
  : >"$W/$fmt.j2.runs"
  for ((r = 1; r <= RUNS; r++)); do
    for j in 1 2; do
      run "$fmt.j$j" "$W/out/result.$fmt" "$KY" check --jobs $j --no-progress --format "$fmt" \
        -o "$W/out/result.$fmt" "$W/in"
      # the JSON result of the last --jobs 1 run is what summary reads
      if [ "$fmt" = json ] && [ $j = 1 ]; then mv "$W/out/result.json" "$W/out/keep.json"; fi
      rm -f "$W/out/result.$fmt"
    done
  done
  for j in 1 2; do
    f=$W/$fmt.j$j.runs
    rec "$fmt.j$j.wall" "$(median "$f" 1)"
    rec "$fmt.j$j.cpu" "$(median "$f" 2)"
    rec "$fmt.j$j.maxrss_kib" "$(maxcol "$f" 3)"
    rec "$fmt.j$j.sumrss_kib" "$(maxcol "$f" 4)"
    rec "$fmt.j$j.bytes" "$(tail -1 "$f" | cut -d' ' -f5)"
    rec "$fmt.j$j.exit" "$(tail -1 "$f" | cut -d' ' -f6)"
  done
  rec "$fmt.ratio" "$(paste -d' ' "$W/$fmt.j1.runs" "$W/$fmt.j2.runs" |
    awk '$7 > 0 { print $1 / $7 }' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
  log "$fmt: jobs 1 $(median "$W/$fmt.j1.runs" 1) s, jobs 2 $(median "$W/$fmt.j2.runs" 1) s, peak $(maxcol "$W/$fmt.j1.runs" 3) / $(maxcol "$W/$fmt.j2.runs" 3) KiB"
done

# summary of the JSON result
: >"$W/summary.runs"
for ((r = 1; r <= RUNS; r++)); do
  run summary "$W/out/summary.txt" "$KY" summary -o "$W/out/summary.txt" "$W/out/keep.json"
done
rec summary.wall "$(median "$W/summary.runs" 1)"
rec summary.cpu "$(median "$W/summary.runs" 2)"
rec summary.maxrss_kib "$(maxcol "$W/summary.runs" 3)"
rec summary.bytes "$(tail -1 "$W/summary.runs" | cut -d' ' -f5)"
rec summary.exit "$(tail -1 "$W/summary.runs" | cut -d' ' -f6)"
rec summary.input_bytes "$(stat -c %s "$W/out/keep.json")"
rec load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
log "summary: $(median "$W/summary.runs" 1) s, peak $(maxcol "$W/summary.runs" 3) KiB"
left=$(ls -A "$W/tmp")
rec leftover_tmp "$(ls -A "$W/tmp" | wc -l)"
[ -z "$left" ] || log "left in TMPDIR: $left"
rm -rf "$W/out" "$W/in"
