#!/bin/bash
# gen.sh SIZE COUNT OUTDIR [SEED] [WAIVERS] — COUNT declarations of SIZE (s ~4 KB, m ~45 KB,
# l ~240 KB: `kyojin gen --size small|medium|large`) written as OUTDIR/SIZE-NNNN.json,
# deterministically. SEED (default 0) seeds `kyojin gen`, the one generator of synthetic
# declarations (core/rollup/gen.c); WAIVERS is its --waivers percentage (default 25; 0 for a
# policy set other than the shipped pack, whose policy ids the waivers name). File i is body i
# of the generator's country (a prefecture, then its municipalities); its seeded deficiencies
# make the verdicts vary from file to file.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
size=$1 n=$2 out=$3 seed=${4:-0} waivers=${5:-25}
case $size in s) long=small ;; m) long=medium ;; l) long=large ;; *) echo "gen.sh: size is s, m or l" >&2; exit 2 ;; esac
kyojin=${KYOJIN:-$here/../kyojin}
mkdir -p "$out"
tmp=$(mktemp -d "$out/.gen-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$kyojin" gen --out "$tmp" --size "$long" --count "$n" --seed "$seed" --waivers "$waivers" --quiet
i=0
for f in "$tmp"/*.json; do
  mv "$f" "$(printf '%s/%s-%04d.json' "$out" "$size" "$i")"
  i=$((i + 1))
done
