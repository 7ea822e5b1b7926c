#!/bin/bash
# gen.sh SIZE COUNT OUTDIR [SEED] [WAIVERS] — write COUNT generated declarations of SIZE (s|m|l)
# to OUTDIR/SIZE-NNNN.json, deterministically (bench/gen.jq over samples/base.json).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
size=$1 n=$2 out=$3 seed=${4:-0} waivers=${5:-1}
mkdir -p "$out"
jq --indent 2 -n --argjson n "$n" --arg size "$size" --argjson seed "$seed" --arg waivers "$waivers" \
   --slurpfile b "$here/../samples/base.json" '$b[0] | '"$(cat "$here/gen.jq")" |
awk -v out="$out" -v size="$size" '
  /^\{$/ { if (f) close(f); f = sprintf("%s/%s-%04d.json", out, size, i++) }
  { print > f }'
