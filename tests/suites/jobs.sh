#!/usr/bin/env bash
# `check --jobs N` (issue 18): the parent drives N evaluator processes (watchdog workers)
# itself, so a batch leaves nothing behind in every way it can end. Each run gets a process
# group of its own (setsid) and a TMPDIR of its own; after it, no process of that group and no
# kyojin process naming the test's folder remains, and the TMPDIR is empty (no kyojin-batch-*
# folder). Cases: a normal run (same bytes as --jobs 1, exactly N evaluators for the whole
# run, none started per declaration); kill -9 of an evaluator mid-run (its declaration is
# reported, every other one is evaluated, the batch goes on); SIGINT to the group during a
# batch of 300 generated national-size declarations; kill -9 of the parent (its evaluators
# die with it); a policy that hangs on one declaration under --timeout (only that one fails).
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
K=$(cd "$(dirname "$K")" && pwd)/$(basename "$K")
T=$(mktemp -d); trap 'pkill -KILL -f -- "$T/" 2>/dev/null; rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh

N=300
"$K" gen --out "$T/small" --count $N --size small --quiet || { echo "FAIL: kyojin gen"; exit 1; }
"$K" gen --out "$T/nat" --count $N --quiet || { echo "FAIL: kyojin gen"; exit 1; }
# the shipped pack plus a policy that spends ~25 ms of CPU per declaration, so that a batch
# lasts long enough to be interrupted; and a pack whose policy hangs on one body only
cp -r policies "$T/pol"
. tests/suites/lib/slow_policy.sh
slow_policy "$T/pol/slow.lua" 1000000
mkdir -p "$T/hang"
cp tests/adversarial/policies/benign/*.lua "$T/hang/"
HANG_CODE=$(jq -r '.body.code' "$(ls "$T"/small/*.json | sed -n 7p)")
cat >"$T/hang/hang.lua" <<EOF
policy {
  id = "HG-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 test",
  title = { ja = "止まるポリシー", en = "hanging policy" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    if decl.body.code == "$HANG_CODE" then
      -- few VM instructions, long C calls: only the wall-clock limit stops it
      local t = {}
      for i = 1, 300000 do t[i] = (i * 7919) % 1000003 end
      while true do table.sort(t) end
    end
    result:pass(decl.body, { ja = "済み", en = "done" })
  end,
}
EOF

# nothing_left NAME PGID TMPDIR — no process of the run's group, none naming $T, TMPDIR empty
nothing_left() {
  local name=$1 pg=$2 tmp=$3 left i
  # a child killed with its parent (PR_SET_PDEATHSIG) takes a moment to go
  for ((i = 0; i < 40; i++)); do
    left=$(pgrep -g "$pg" | tr '\n' ' ')
    [ -z "$left" ] && break
    sleep 0.05
  done
  [ -z "$left" ] && ok || { bad "$name: processes of the run left: $left"; ps -o pid,ppid,pgid,stat,args -g "$pg"; }
  left=$(pgrep -f -- "$T/" | tr '\n' ' ')
  [ -z "$left" ] && ok || bad "$name: kyojin processes left: $left"
  left=$(ls -A "$tmp")
  [ -z "$left" ] && ok || bad "$name: left in TMPDIR: $left"
}

# started ERRFILE — the progress bar (--progress) counts at least one declaration done
started() { [ -f "$1" ] && tr '\r' '\n' <"$1" | grep -Eq "\] [1-9][0-9]*/$N "; }

# start NAME INPUT OPTS... — a --jobs 2 run of the slow pack over INPUT in a process group of
# its own (setsid), JSON to $T/NAME/out.json, stderr to $T/NAME/err; returns once it has
# finished a first declaration; sets d (its folder) and pid (its pid = its process group)
start() {
  local name=$1 input=$2 i
  shift 2
  d=$T/$name
  mkdir -p "$d/tmp"
  TMPDIR=$d/tmp setsid "$K" check --lang en --jobs 2 --progress --policies "$T/pol" --format json \
    -o "$d/out.json" "$@" "$input" 2>"$d/err" &
  pid=$!
  for ((i = 0; i < 600; i++)); do started "$d/err" && break; sleep 0.05; done
}

# the children of PID (its evaluators)
children() { pgrep -P "$1" | sort | tr '\n' ' '; }

# ---- a normal run: same bytes as --jobs 1; N evaluators for the whole run
for f in json csv; do
  "$K" check --jobs 1 --format $f -o "$T/j1.$f" "$T/small" 2>"$T/j1.err"
done
start normal "$T/small"
seen=$(children $pid)
for ((i = 0; i < 10; i++)); do
  sleep 0.1
  now=$(children $pid)
  [ -z "$now" ] || [ "$now" = "$seen" ] || { seen="changed: $seen -> $now"; break; }
done
wait $pid
rc=$?
[ $rc -le 1 ] && ok || { bad "normal: exit $rc"; tail -3 "$d/err"; }
[ "$(wc -w <<<"$seen")" -eq 2 ] && ok || bad "normal: expected the same 2 evaluators throughout, saw: $seen"
nothing_left normal $pid "$d/tmp"
for f in json csv; do
  rc=0
  TMPDIR=$d/tmp "$K" check --jobs 2 --format $f -o "$d/j2.$f" "$T/small" 2>"$d/j2.err" || rc=$?
  [ $rc -le 1 ] && ok || bad "normal $f: exit $rc"
  cmp -s "$T/j1.$f" "$d/j2.$f" && ok || bad "normal: --jobs 2 $f differs from --jobs 1"
done
cmp -s "$T/j1.err" "$d/j2.err" && ok || bad "normal: --jobs 2 messages differ from --jobs 1"
[ -z "$(ls -A "$d/tmp")" ] && ok || bad "normal: left in TMPDIR: $(ls -A "$d/tmp")"

# ---- kill -9 of an evaluator mid-run: its declaration is reported, the batch goes on
start crash "$T/small"
victim=$(pgrep -P $pid | head -1)
[ -n "$victim" ] && kill -KILL "$victim"
wait $pid
rc=$?
[ -n "$victim" ] && ok || bad "crash: no evaluator found to kill"
[ $rc -eq 3 ] && ok || { bad "crash: exit $rc, expected 3 (an evaluation failed)"; tail -3 "$d/err"; }
if python3 - "$d/out.json" "$N" >"$d/check.txt" 2>&1 <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
decls = doc["declarations"]
n = int(sys.argv[2])
assert len(decls) == n, "%d entries, expected %d" % (len(decls), n)
files = [d["file"] for d in decls]
assert files == sorted(files), "not in input order"
def crashed(d):
    text = json.dumps(d)
    return "signal 9" in text
hit = [d for d in decls if crashed(d)]
assert len(hit) == 1, "%d entries name the killed evaluator" % len(hit)
ok = [d for d in decls if d.get("error") is None and not crashed(d)]
assert len(ok) == n - 1, "%d evaluated normally, expected %d" % (len(ok), n - 1)
EOF
then ok; else bad "crash: report: $(tail -1 "$d/check.txt")"; fi
nothing_left crash $pid "$d/tmp"

# ---- SIGINT to the group (Ctrl-C) during a national-size batch
start sigint "$T/nat"
kill -INT -- -$pid
wait $pid
rc=$?
[ $rc -eq 130 ] && ok || { bad "sigint: exit $rc, expected 130"; tail -3 "$d/err"; }
jq -e --argjson n $N '(.declarations | length) == $n and (.not_evaluated | length) >= 1' \
  "$d/out.json" >/dev/null && ok || bad "sigint: report lacks entries or not_evaluated"
nothing_left sigint $pid "$d/tmp"

# ---- kill -9 of the parent: the evaluators die with it
start parent "$T/small"
kids=$(children $pid)
kill -KILL $pid
wait $pid 2>/dev/null
[ "$(wc -w <<<"$kids")" -eq 2 ] && ok || bad "parent: expected 2 evaluators before the kill, saw: $kids"
nothing_left parent $pid "$d/tmp"

# ---- a policy that hangs on one declaration: only that one fails (isolation per declaration)
d=$T/hangrun
mkdir -p "$d/tmp"
rc=0
TMPDIR=$d/tmp timeout -k 5 120 "$K" check --lang en --jobs 2 --timeout 1 --policies "$T/hang" \
  --format json -o "$d/out.json" "$T/small" 2>"$d/err" || rc=$?
[ $rc -eq 3 ] && ok || { bad "hang: exit $rc, expected 3"; tail -3 "$d/err"; }
jq -e --arg code "$HANG_CODE" --argjson n $N '
  (.declarations | length) == $n
  and ([.declarations[] | select(.body.code == $code) | .policies[] | select(.id == "HG-01")
       | .status] == ["error"])
  and ([.declarations[] | select(.body.code == $code) | .policies[] | select(.id == "HG-01")
       | .reason.en] | .[0] | contains("wall-clock limit"))
  and ([.declarations[] | select(.body.code != $code) | .policies[] | select(.id == "HG-01")
       | .status] | all(. == "pass") and length == $n - 1)' "$d/out.json" >/dev/null && ok ||
  bad "hang: the hanging policy is not an error on exactly its one declaration"
[ -z "$(ls -A "$d/tmp")" ] && ok || bad "hang: left in TMPDIR: $(ls -A "$d/tmp")"
left=$(pgrep -f -- "$T/" | tr '\n' ' ')
[ -z "$left" ] && ok || bad "hang: kyojin processes left: $left"

echo "jobs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
