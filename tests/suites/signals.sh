#!/usr/bin/env bash
# Signals in a batch (issue 19). SIGTERM or SIGINT to a `check --jobs 2` or `--jobs 1` run (to
# the parent alone, as kill(1) does, or to its whole process group, as Ctrl-C and timeout(1)
# do) stops it at once: no further declaration is started, the one in a watchdog worker is
# abandoned, and the report is written with every input listed exactly once — evaluated, or an
# entry whose error kind is "interrupted" (also in "not_evaluated"). The exit code is
# 128 + the signal (130, 143). No kyojin process, no kyojin-batch-* folder and no
# .kyojin-out.* temp file is left. A second signal while the report is written may end the run
# at once, and still leaves no temp file.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
K=$(cd "$(dirname "$K")" && pwd)/$(basename "$K")
T=$(mktemp -d); trap 'pkill -KILL -f -- "$T/" 2>/dev/null; rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh

N=300
"$K" gen --out "$T/in" --count $N --size small --quiet || { echo "FAIL: kyojin gen"; exit 1; }
mkdir -p "$T/pol"
cp tests/adversarial/policies/benign/*.lua "$T/pol/"
# about 60 ms of CPU per declaration: a whole run takes many seconds, an interrupted one less
cp tests/suites/lib/slow_policy.lua "$T/pol/slow.lua"
ls "$T/in" | sed "s|^|$T/in/|" >"$T/files.txt"

now() { date +%s.%N; }

# run NAME SIGNAL TARGET(parent|group) FORMAT OPTS...
run() {
  local name=$1 sig=$2 target=$3 fmt=$4; shift 4
  local d=$T/$name
  mkdir -p "$d/out" "$d/tmp"
  local out=$d/out/report.$fmt
  # setsid: a process group of its own, to signal it as a terminal would
  TMPDIR=$d/tmp setsid "$K" check --lang en --policies "$T/pol" --format "$fmt" -o "$out" "$@" "$T/in" \
    2>"$d/err" &
  local pid=$! i
  # the first results: the streamed report's temp file has bytes, or a worker has results
  for ((i = 0; i < 600; i++)); do
    if [ -n "$(find "$d/out" "$d/tmp" -type f -size +0 2>/dev/null | head -1)" ]; then break; fi
    sleep 0.05
  done
  local t0 t1
  t0=$(now)
  if [ "$target" = group ]; then kill -s "$sig" -- "-$pid"; else kill -s "$sig" "$pid"; fi
  wait $pid
  local rc=$?
  t1=$(now)
  local want=$((128 + $(kill -l "$sig")))
  [ $rc -eq $want ] && ok || { bad "$name: exit $rc, expected $want"; tail -3 "$d/err"; }
  awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b - a < 5) }' && ok ||
    bad "$name: took $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }') s to stop"
  # nothing left behind
  local left
  left=$(pgrep -f -- "$T/pol" | tr '\n' ' ')
  [ -z "$left" ] && ok || { bad "$name: kyojin processes left: $left"; ps -o pid,ppid,stat,args -p ${left// /,} 2>/dev/null; }
  left=$(ls -A "$d/tmp")
  [ -z "$left" ] && ok || bad "$name: left in TMPDIR: $left"
  left=$(ls -A "$d/out" | grep -v "^report\.$fmt\$")
  [ -z "$left" ] && ok || bad "$name: left beside the report: $left"
  [ "$fmt" = json ] || return 0
  # the partial report: valid JSON, every input once, in order; evaluated + interrupted = total
  if ! python3 - "$out" "$T/files.txt" "$N" >"$d/check.txt" 2>&1 <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
files = open(sys.argv[2]).read().split()
n = int(sys.argv[3])
decls = doc["declarations"]
got = [d["file"] for d in decls]
assert got == files, "inputs not listed exactly once in order (%d entries)" % len(got)
intr = [d for d in decls if (d.get("error") or {}).get("kind") == "interrupted"]
ev = [d for d in decls if d.get("error") is None and d["policies"]]
assert len(ev) + len(intr) == n, "%d evaluated + %d interrupted != %d" % (len(ev), len(intr), n)
assert len(intr) >= 1, "nothing interrupted: the whole batch ran"
assert len(ev) >= 1, "nothing evaluated before the signal"
assert sorted(doc["not_evaluated"]) == sorted(d["file"] for d in intr), "not_evaluated differs"
m = intr[0]["error"]["message"]
assert m["ja"] == "中断されたため評価していません", m
assert m["en"] == "not evaluated: the run was interrupted", m
assert all(d["compliant"] is False for d in intr)
print(len(ev), len(intr))
EOF
  then bad "$name: report: $(tail -1 "$d/check.txt")"; else ok; fi
  contains "$name: stderr lists the rest" "$d/err" "not evaluated"
}

run j2-term-parent TERM parent json --jobs 2
run j2-int-parent INT parent json --jobs 2
run j2-int-group INT group json --jobs 2
run j2-term-group-inproc TERM group json --jobs 2 --timeout 0
run j1-term-parent TERM parent json --jobs 1
run j1-int-group INT group json --jobs 1
run j1-term-inproc TERM parent json --jobs 1 --timeout 0
run j2-term-html TERM parent html --jobs 2
run j1-int-text INT parent text --jobs 1

# the text report names the interrupted inputs
contains "text: interrupted entries" "$T/j1-int-text/out/report.text" "not evaluated: the run was interrupted"

# A second signal while the report is written: the run ends (with the report or without it),
# never leaving a temp file or a process. The HTML of every declaration takes a while to write.
for ((k = 0; k < 3; k++)); do
  d=$T/second$k
  mkdir -p "$d/out" "$d/tmp"
  TMPDIR=$d/tmp "$K" check --lang en --policies "$T/pol" --format html -o "$d/out/r.html" --jobs 2 "$T/in" 2>"$d/err" &
  pid=$!
  for ((i = 0; i < 600; i++)); do
    [ -n "$(find "$d/tmp" -type f -size +0 2>/dev/null | head -1)" ] && break
    sleep 0.05
  done
  kill -TERM $pid
  # the second one as soon as the report's temp file appears (or a moment later)
  for ((i = 0; i < 100; i++)); do
    [ -n "$(ls -A "$d/out")" ] && break
    sleep 0.01
  done
  kill -TERM $pid 2>/dev/null
  wait $pid
  rc=$?
  [ $rc -eq 143 ] && ok || bad "second signal $k: exit $rc, expected 143"
  left=$(ls -A "$d/tmp"; ls -A "$d/out" | grep -v '^r\.html$')
  [ -z "$left" ] && ok || bad "second signal $k: left: $left"
  left=$(pgrep -f -- "$T/pol" | tr '\n' ' ')
  [ -z "$left" ] && ok || bad "second signal $k: processes left: $left"
done

echo "signals: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
