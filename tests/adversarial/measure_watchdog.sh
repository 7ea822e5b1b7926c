#!/usr/bin/env bash
# Cost of the watchdog per declaration: instructions counted by callgrind (all processes,
# the worker included; the counts a forked child inherits are dropped with
# --zero-before=kyojin_child_start) for a batch of declarations checked in-process
# (--timeout 0) and through the worker (default), and for a batch of one, so the fixed cost
# (forking the worker once) and the cost per declaration (the request, the worker's captured
# messages and its rendered result coming back) can be told apart.
#
# Usage: tests/adversarial/measure_watchdog.sh [N_COPIES]   (default 2 copies of every sample)
set -eu
cd "$(dirname "$0")/../.."
KYOJIN=${KYOJIN:-./kyojin}
copies=${1:-2}
files=()
for ((i = 0; i < copies; i++)); do for f in samples/*.json; do files+=("$f"); done; done
one=(samples/alpha-town.json)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

instr() { # total Ir of every process of one run
  local tag=$1; shift
  valgrind --tool=callgrind --trace-children=yes --zero-before=kyojin_child_start --callgrind-out-file="$work/cg.$tag.%p" \
    "$KYOJIN" check --format json "$@" >"$work/out.$tag.json" 2>/dev/null || true
  local sum=0 f n
  for f in "$work"/cg."$tag".*; do
    n=$(grep -E '^summary:' "$f" | awk '{print $2}')
    sum=$((sum + ${n:-0}))
  done
  echo "$sum"
}

n=${#files[@]}
a=$(instr inproc-n --timeout 0 "${files[@]}")
b=$(instr worker-n "${files[@]}")
c=$(instr inproc-1 --timeout 0 "${one[@]}")
d=$(instr worker-1 "${one[@]}")
cmp -s "$work/out.inproc-n.json" "$work/out.worker-n.json" && same=identical || same=DIFFERENT
echo "declarations: $n (results $same)"
echo "in-process:   $a instructions for $n, $c for 1"
echo "with worker:  $b instructions for $n, $d for 1"
awk -v a="$a" -v b="$b" -v c="$c" -v d="$d" -v n="$n" 'BEGIN {
  per_in = (a - c) / (n - 1); per_wd = (b - d) / (n - 1);
  printf "per declaration: %.0f in-process, %.0f with the worker: +%.0f instructions (+%.1f%%)\n",
         per_in, per_wd, per_wd - per_in, 100 * (per_wd - per_in) / per_in;
  printf "fixed cost of the worker (fork, socket set-up): %.0f instructions\n", (d - c) - (per_wd - per_in);
  printf "whole batch: +%.1f%%\n", 100 * (b - a) / a }'
