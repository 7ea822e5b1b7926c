#!/bin/bash
# bench/run.sh — the kyojin benchmarks (`make bench`): micro suite against peers, full
# policy pack on three declaration sizes, national batch, cold start. Writes
# bench/results.md and bench/results.json. Work files go to bench/work/ (ignored).
#
# Instruction counts (valgrind callgrind) are the primary metric; per-file cost is
# (instructions for 10 files - instructions for 1 file) / 9, both in one process.
# Wall times are only quoted as ratios taken in this one session (hyperfine).
#
# BENCH_QUICK=1 shrinks the batch and the repetition counts (to try the harness).
#
# bench/run.sh soak (make bench-soak) runs only the soak test (bench/soak.sh: 20,000
# declarations, --jobs 2, a hostile policy hitting each limit; memory and descriptors sampled)
# and puts its figures into the existing bench/results.{json,md}. SOAK_N changes the count.
#
# bench/run.sh national (make bench-national) runs only the national batch per output format
# (bench/national.sh: check with every format, --jobs 1 and 2, and summary; wall, CPU, peak
# memory, output size) the same way. NATIONAL_N changes the count (default 1,788),
# NATIONAL_RUNS the runs per format and --jobs (default 3).
set -euo pipefail
MODE=${1:-all}
case $MODE in all | soak | national) ;; *) echo "usage: bench/run.sh [soak|national]" >&2; exit 2 ;; esac

cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/bench
W=$B/work
QUICK=${BENCH_QUICK:-0}
BATCH_N=1788
BATCH_SLICE=20      # files per callgrind run for the batch's instructions per declaration
RUNS=10             # hyperfine runs per command
SOAK_N=${SOAK_N:-20000}
if [ "$QUICK" = 1 ]; then BATCH_N=120; BATCH_SLICE=5; RUNS=3; SOAK_N=${SOAK_N_QUICK:-1000}; fi

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- dependencies
# valgrind, hyperfine, jq, lua5.4 + lua-cjson, OpenSCAP, GNU time, Node; npm ci here
deps() { "$ROOT/tests/deps.sh" bench || die "tests/deps.sh bench failed"; }

# ---------------------------------------------------------------- helpers
RES=$W/results.tsv
rec() { printf '%s\t%s\n' "$1" "$2" >>"$RES"; }

# icount NAME CMD... — total instructions (Ir) of CMD under callgrind, summed over every
# process (kyojin forks a watchdog worker that evaluates the declarations); exit 0 or 1
# accepted. The first (main) process's profile is copied to NAME.cg.
# Callgrind's profile of a forked child starts with a copy of its parent's counts at the
# fork; kyojin calls kyojin_child_start() first thing in every child, and
# --zero-before=kyojin_child_start drops those inherited counts (without it, the start-up of
# the parent is counted twice).
icount() {
  local name=$1; shift
  local out=$W/cg/$name.cg rc=0
  rm -f "$out" "$out".[0-9]*
  valgrind --tool=callgrind --zero-before=kyojin_child_start --callgrind-out-file="$out.%p" "$@" >/dev/null 2>"$out.log" || rc=$?
  [ "$rc" -le 1 ] || die "$name: exit $rc under callgrind (see $out.log)"
  cp "$(ls "$out".[0-9]* | sort -t. -k3 -n | head -1)" "$out"
  awk '/^(summary|totals):/ { s += $2; nextfile } END { printf "%.0f\n", s }' "$out".[0-9]*
}

# per_file KEY CMD_PREFIX... -- FILES... : instructions for 1 and for 10 files.
measure() {
  local key=$1; shift
  local pre=() f1 f10
  while [ "$1" != "--" ]; do pre+=("$1"); shift; done
  shift
  local i1 i10
  i1=$(icount "${key//./_}_1" "${pre[@]}" "$1")
  i10=$(icount "${key//./_}_10" "${pre[@]}" "$@")
  rec "$key.i1" "$i1"
  rec "$key.i10" "$i10"
  rec "$key.n" "$#"
  log "$key: 1 file $i1, $# files $i10 instructions"
}

# Total bytes / count of files.
avg_bytes() { cat "$@" | wc -c | awk -v n=$# '{ printf "%d", $1 / n }'; }

# hyperfine: NAME=CMD pairs; records wall.<set>.<name> = mean seconds.
wall() {
  local set=$1; shift
  local args=() names=()
  for nc in "$@"; do names+=("${nc%%=*}"); args+=(-n "${nc%%=*}" "${nc#*=}"); done
  hyperfine -N -i --warmup 2 --runs "$RUNS" --export-json "$W/hf-$set.json" "${args[@]}" >"$W/hf-$set.txt" 2>&1 \
    || die "hyperfine $set failed (see $W/hf-$set.txt)"
  jq -r --arg set "$set" '.results[] | "wall.\($set).\(.command)\t\(.mean)"' "$W/hf-$set.json" >>"$RES"
}

# profile NAME CMD... — callgrind profile of CMD run with the profiling build of kyojin
# (Lua linked statically so that callgrind_annotate can name Lua's own functions):
# inclusive share of the phases (kyojin's own functions and a few Lua entry points),
# self cost of the top functions and self cost per object.
profile() {
  local name=$1; shift
  local f=$W/cg/prof_$name.cg
  icount "prof_$name" "$@" >/dev/null
  callgrind_annotate --inclusive=yes "$f" >"$W/profile-$name-inclusive.txt" 2>/dev/null
  callgrind_annotate "$f" >"$W/profile-$name-self.txt" 2>/dev/null
  awk -v key="profile.$name" -v own="$W/own-functions.txt" '
    BEGIN { while ((getline l < own) > 0) ok[l] = 1 }
    match($0, /\( *[0-9.]+%\) +/) && /\[.*\/kyojin-prof\]$/ && n < 14 {
      pct = substr($0, RSTART, RLENGTH); gsub(/[() %]/, "", pct)
      fn = substr($0, RSTART + RLENGTH); sub(/ \[.*$/, "", fn); sub(/^.*:/, "", fn); sub(/'"'"'[0-9]+$/, "", fn)
      base = fn; sub(/\..*$/, "", base)
      if (!(base in ok) || fn ~ /^(main|cmd_check|run_protected.*|sandbox_call.*)$/ || seen[base]++) next
      printf "%s.inclusive.%02d\t%s %s\n", key, n++, pct, base
    }' "$W/profile-$name-inclusive.txt" >>"$RES"
  awk -v key="profile.$name" '
    match($0, /\( *[0-9.]+%\) +/) && /\[.*\]$/ {
      pct = substr($0, RSTART, RLENGTH); gsub(/[() %]/, "", pct)
      fn = substr($0, RSTART + RLENGTH); sub(/ \[.*$/, "", fn); sub(/^.*:/, "", fn); sub(/'"'"'[0-9]+$/, "", fn)
      obj = $NF; gsub(/[][]/, "", obj); sub(/.*\//, "", obj); sub(/\.so.*$/, "", obj); sub(/^kyojin-prof$/, "kyojin+Lua", obj)
      s[obj] += pct
      if (m < 12 && !seen[fn]++) printf "%s.self.%02d\t%s %s %s\n", key, m++, pct, fn, obj
    }
    END { for (o in s) if (s[o] >= 0.5) printf "%s.objects.%s\t%.1f\n", key, o, s[o] }' \
    "$W/profile-$name-self.txt" >>"$RES"
}

# phases NAME CMD... -- FILES... — warm per-file cost of each phase: the profiling build is
# run on the first file and on all files; per phase (kyojin's own functions, inclusive)
# (instructions for N files − for 1 file) / (N − 1), and its share of the per-file total.
phases() {
  local name=$1; shift
  local pre=()
  while [ "$1" != "--" ]; do pre+=("$1"); shift; done
  shift
  local n=$#
  icount "ph_${name}_1" "${pre[@]}" "$1" >/dev/null
  icount "ph_${name}_n" "${pre[@]}" "$@" >/dev/null
  callgrind_annotate --inclusive=yes "$W/cg/ph_${name}_1.cg" >"$W/phases-$name-1.txt" 2>/dev/null
  callgrind_annotate --inclusive=yes "$W/cg/ph_${name}_n.cg" >"$W/phases-$name-n.txt" 2>/dev/null
  awk -v key="phases.$name" -v n="$n" -v own="$W/own-functions.txt" '
    BEGIN { while ((getline l < own) > 0) ok[l] = 1 }
    FNR == 1 { file++ }
    /PROGRAM TOTALS/ { v = $1; gsub(/,/, "", v); tot[file] = v; next }
    match($0, /\( *[0-9.]+%\) +/) && /\[.*\/kyojin-prof\]$/ {
      v = $1; gsub(/,/, "", v)
      fn = substr($0, RSTART + RLENGTH); sub(/ \[.*$/, "", fn); sub(/^.*:/, "", fn); sub(/'"'"'[0-9]+$/, "", fn)
      base = fn; sub(/\..*$/, "", base)
      if (!(base in ok) || base ~ /^(main|cmd_check|run_protected|sandbox_call|sandbox_call_trusted)$/) next
      if (!((file, base) in c)) { c[file, base] = v; if (file == 2) order[++k] = base }
    }
    END {
      per = (tot[2] - tot[1]) / (n - 1)
      printf "%s.per_file\t%.0f\n", key, per
      m = 0
      for (i = 1; i <= k; i++) {
        b = order[i]; d = (c[2, b] - c[1, b]) / (n - 1)
        if (d > 0 && d / per >= 0.02) { dd[++m] = d; bb[m] = b }
      }
      for (i = 1; i <= m; i++)            # by cost, largest first
        for (j = i + 1; j <= m; j++)
          if (dd[j] > dd[i]) { t = dd[i]; dd[i] = dd[j]; dd[j] = t; t = bb[i]; bb[i] = bb[j]; bb[j] = t }
      for (i = 1; i <= m && i <= 14; i++)
        printf "%s.top.%02d\t%.2f %.1f %s\n", key, i - 1, dd[i] / 1e6, 100 * dd[i] / per, bb[i]
    }' "$W/phases-$name-1.txt" "$W/phases-$name-n.txt" >>"$RES"
}

# ---------------------------------------------------------------- build and corpora
deps
make -s kyojin
if [ "$MODE" = soak ]; then
  mkdir -p "$W"
  : >"$W/soak-only.tsv"
  log "soak test alone: $SOAK_N declarations"
  nice "$B/soak.sh" "$ROOT/kyojin" "$W/soak" "$W/soak-only.tsv" "$SOAK_N"
  "$B/report.sh" --merge "$W/soak-only.tsv" "$B/results.json" "$B/results.md"
  log "wrote the soak test into bench/results.md and bench/results.json"
  exit 0
fi
NATIONAL_N=${NATIONAL_N:-1788}
if [ "$QUICK" = 1 ]; then NATIONAL_N=${NATIONAL_N_QUICK:-100}; NATIONAL_RUNS=${NATIONAL_RUNS:-1}; export NATIONAL_RUNS; fi
if [ "$MODE" = national ]; then
  mkdir -p "$W"
  : >"$W/national-only.tsv"
  log "national batch per format alone: $NATIONAL_N declarations"
  nice "$B/national.sh" "$ROOT/kyojin" "$W/national" "$W/national-only.tsv" "$NATIONAL_N"
  rec_commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  printf 'national.commit\t%s\n' "$rec_commit" >>"$W/national-only.tsv"
  "$B/report.sh" --merge "$W/national-only.tsv" "$B/results.json" "$B/results.md"
  log "wrote the national batch per format into bench/results.md and bench/results.json"
  exit 0
fi
rm -rf "$W"
mkdir -p "$W/cg"
: >"$RES"
cc -std=c11 -Wall -Wextra -Werror -O2 $(pkg-config --cflags libcjson) "$B/floor/cjson_parse.c" \
   -o "$W/cjson_parse" $(pkg-config --libs libcjson)
KY=$ROOT/kyojin
# profiling build: the same objects with Lua linked statically (symbols for callgrind_annotate)
objs=("$ROOT/build/bundle_data.o" "$ROOT"/build/obj/*/*.o)
cc -O2 -o "$W/kyojin-prof" "${objs[@]}" "$(pkg-config --variable=libdir lua5.4)/liblua5.4.a" \
   $(pkg-config --libs libcjson libcrypto) -lxlsxwriter -lz -lexpat -lm -ldl
export KYOJIN_HOME=$ROOT   # where kyojin-prof finds lua/ and policies/
KYP=("$W/kyojin-prof")
# names of the functions of core/ plus the Lua entry points that mark phases (for the profiles)
{ nm --defined-only "${objs[@]}" | awk '$2 ~ /^[tT]$/ { sub(/\..*$/, "", $3); print $3 }'
  printf '%s\n' lua_gc lua_load sort str_gsub str_find_aux; } | sort -u >"$W/own-functions.txt"
MICRO_POL=$B/micro/policies

log "generating declarations (kyojin gen)"
for s in s m l; do
  "$B/gen.sh" "$s" 10 "$W/micro" 0 0       # micro suite: no waivers (they name policies of the full pack)
  "$B/gen.sh" "$s" 10 "$W/full" 100
done
"$B/gen.sh" m "$BATCH_N" "$W/batch" 1000

log "checking that every generated declaration is valid (kyojin exit 0 or 1, never 2)"
valid() { local rc=0; "$KY" check "$@" >/dev/null 2>"$W/valid.err" || rc=$?; [ "$rc" -le 1 ] || die "generated declarations rejected (exit $rc): $(head -3 "$W/valid.err")"; }
valid "$W"/full/*.json
valid "$W"/micro/*.json
valid --policies "$MICRO_POL" "$W"/micro/*.json

# ---------------------------------------------------------------- 1. micro suite
log "micro suite: verdicts of every peer on $(ls "$W"/micro | wc -l) files"
MFILES=("$W"/micro/*.json)
"$KY" check --policies "$MICRO_POL" --format json "${MFILES[@]}" 2>/dev/null |
  jq -r '.declarations[] | [(.file | split("/") | last)] + [.policies[] | "\(.id):\(.status)"] | join(" ")' >"$W/verdicts-kyojin.txt" || true
lua5.4 "$B/micro/plain.lua" "${MFILES[@]}" >"$W/verdicts-lua.txt"
jq -r -f "$B/micro/micro.jq" "${MFILES[@]}" >"$W/verdicts-jq.txt"
node "$B/micro/cel.mjs" "${MFILES[@]}" >"$W/verdicts-cel.txt"
"$B/micro/oval.sh" "${MFILES[@]}" >"$W/micro-all.oval.xml"
oscap oval eval "$W/micro-all.oval.xml" >"$W/oscap-all.out" 2>&1 || true
"$B/micro/oval-verdicts.sh" "${MFILES[@]}" <"$W/oscap-all.out" >"$W/verdicts-oscap.txt"
agree=true
[ "$(wc -l <"$W/verdicts-kyojin.txt")" -eq "${#MFILES[@]}" ] || agree=false
for p in lua jq cel oscap; do
  if ! diff -u "$W/verdicts-kyojin.txt" "$W/verdicts-$p.txt" >"$W/verdicts-$p.diff"; then
    agree=false; log "verdicts differ: kyojin vs $p"; cat "$W/verdicts-$p.diff" >&2
  fi
done
$agree || die "the peers do not agree on the micro suite's verdicts; no figures printed"
rec micro.files "${#MFILES[@]}"
rec micro.fails "$(grep -o ':fail' "$W/verdicts-kyojin.txt" | wc -l)"
rec micro.verdicts "$(( ${#MFILES[@]} * 5 ))"
log "micro suite: all peers agree"

MM=("$W"/micro/m-*.json)
rec micro.bytes "$(avg_bytes "${MM[@]}")"
"$B/micro/oval.sh" "${MM[0]}" >"$W/micro-m1.oval.xml"
"$B/micro/oval.sh" "${MM[@]}" >"$W/micro-m10.oval.xml"
# kyojin does what the peers do (verdicts: --no-risk); with its default risk analysis as well
# for comparison
measure micro.kyojin "$KY" check --no-risk --policies "$MICRO_POL" --format json -- "${MM[@]}"
measure micro.kyojin_risk "$KY" check --policies "$MICRO_POL" --format json -- "${MM[@]}"
measure micro.lua lua5.4 "$B/micro/plain.lua" -- "${MM[@]}"
measure micro.jq jq -r -f "$B/micro/micro.jq" -- "${MM[@]}"
measure micro.cel node "$B/micro/cel.mjs" -- "${MM[@]}"
measure micro.floor "$W/cjson_parse" -- "${MM[@]}"
i1=$(icount micro_oscap_1 oscap oval eval "$W/micro-m1.oval.xml")
i10=$(icount micro_oscap_10 oscap oval eval "$W/micro-m10.oval.xml")
rec micro.oscap.i1 "$i1"; rec micro.oscap.i10 "$i10"; rec micro.oscap.n 10
log "micro.oscap: 1 file $i1, 10 files $i10 instructions"
profile micro_m10 "${KYP[@]}" check --no-risk --timeout 0 --policies "$MICRO_POL" --format json "${MM[@]}"
phases micro "${KYP[@]}" check --no-risk --timeout 0 --policies "$MICRO_POL" --format json -- "${MM[@]}"

log "micro suite: wall times (hyperfine, $RUNS runs)"
wall micro \
  "kyojin=$KY check --no-risk --policies $MICRO_POL --format json ${MM[*]}" \
  "lua=lua5.4 $B/micro/plain.lua ${MM[*]}" \
  "jq=jq -r -f $B/micro/micro.jq ${MM[*]}" \
  "cel=node $B/micro/cel.mjs ${MM[*]}" \
  "oscap=oscap oval eval $W/micro-m10.oval.xml" \
  "floor=$W/cjson_parse ${MM[*]}"

# ---------------------------------------------------------------- 2. full run
rec full.policies "$("$KY" list 2>/dev/null | grep -c '^[A-Z][A-Z]-[0-9]' || true)"
rec full.risk "$("$KY" check --format json "$W/full/m-0000.json" 2>/dev/null | jq -r '.declarations[0] | has("risk")')"
for s in s m l; do
  F=("$W"/full/$s-*.json)
  rec "full.$s.bytes" "$(avg_bytes "${F[@]}")"
  measure "full.$s.kyojin" "$KY" check --format json -- "${F[@]}"
  measure "full.$s.floor" "$W/cjson_parse" -- "${F[@]}"
done
FM=("$W"/full/m-*.json)
# the same in one process (--timeout 0: no watchdog worker), to show what the worker costs
measure full.m.kyojin_inproc "$KY" check --timeout 0 --format json -- "${FM[@]}"
profile full_m10 "${KYP[@]}" check --timeout 0 --format json "${FM[@]}"
phases full_m "${KYP[@]}" check --timeout 0 --format json -- "${FM[@]}"
wall full \
  "kyojin=$KY check --format json ${FM[*]}" \
  "floor=$W/cjson_parse ${FM[*]}"

# ---------------------------------------------------------------- 3. national batch
log "national batch: $BATCH_N declarations in one kyojin check call"
BF=("$W"/batch/*.json)
rec batch.n "${#BF[@]}"
rec batch.bytes "$(avg_bytes "${BF[@]}")"
for fmt in json text; do
  rc=0
  /usr/bin/time -v "$KY" check --format "$fmt" "${BF[@]}" >/dev/null 2>"$W/batch-$fmt.time" || rc=$?
  [ "$rc" -le 1 ] || die "batch ($fmt): exit $rc: $(grep -v '^\s' "$W/batch-$fmt.time" | head -3)"
  rec "batch.$fmt.wall" "$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$W/batch-$fmt.time")"
  rec "batch.$fmt.maxrss_kib" "$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$W/batch-$fmt.time")"
  log "batch ($fmt): $(grep -E 'Elapsed|Maximum resident' "$W/batch-$fmt.time" | tr -s ' \t' ' ' | tr '\n' ';')"
done
measure batch.kyojin "$KY" check --format json -- "${BF[@]:0:$BATCH_SLICE}"

# ---------------------------------------------------------------- 4. cold start
log "cold start: one small declaration, one process"
C=$W/full/s-0000.json
"$B/micro/oval.sh" "$C" >"$W/cold.oval.xml"
rec cold.bytes "$(avg_bytes "$C")"
rec cold.kyojin_full "$(icount cold_kyojin_full "$KY" check --format json "$C")"
rec cold.kyojin_micro "$(icount cold_kyojin_micro "$KY" check --no-risk --policies "$MICRO_POL" --format json "$C")"
rec cold.kyojin_full_inproc "$(icount cold_kyojin_full_inproc "$KY" check --timeout 0 --format json "$C")"
rec cold.lua "$(icount cold_lua lua5.4 "$B/micro/plain.lua" "$C")"
rec cold.jq "$(icount cold_jq jq -r -f "$B/micro/micro.jq" "$C")"
rec cold.cel "$(icount cold_cel node "$B/micro/cel.mjs" "$C")"
rec cold.oscap "$(icount cold_oscap oscap oval eval "$W/cold.oval.xml")"
rec cold.floor "$(icount cold_floor "$W/cjson_parse" "$C")"
profile cold_full "${KYP[@]}" check --timeout 0 --format json "$C"
wall cold \
  "kyojin_full=$KY check --format json $C" \
  "kyojin_micro=$KY check --no-risk --policies $MICRO_POL --format json $C" \
  "lua=lua5.4 $B/micro/plain.lua $C" \
  "jq=jq -r -f $B/micro/micro.jq $C" \
  "cel=node $B/micro/cel.mjs $C" \
  "oscap=oscap oval eval $W/cold.oval.xml" \
  "floor=$W/cjson_parse $C"

# ---------------------------------------------------------------- 5. soak test
log "soak test: $SOAK_N declarations, --jobs 2, hostile policy (bench/soak.sh)"
nice "$B/soak.sh" "$KY" "$W/soak" "$RES" "$SOAK_N"

# ---------------------------------------------------------------- 6. national batch per format
log "national batch per format: $NATIONAL_N declarations (bench/national.sh)"
nice "$B/national.sh" "$KY" "$W/national" "$RES" "$NATIONAL_N"
rec national.commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"

# ---------------------------------------------------------------- environment and report
rec env.date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
rec env.commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
rec env.cpu "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
rec env.cores "$(nproc)"
rec env.os "$(. /etc/os-release && echo "$PRETTY_NAME")"
rec env.quick "$QUICK"
rec version.kyojin "$("$KY" version 2>/dev/null | head -1)"
rec version.lua "$(lua5.4 -v 2>&1 | head -1) + lua-cjson $(lua5.4 -e 'print(require("cjson")._VERSION)')"
rec version.jq "$(jq --version)"
rec version.node "node $(node --version) + @marcbachmann/cel-js $(jq -r .version "$B/node_modules/@marcbachmann/cel-js/package.json")"
rec version.oscap "$(oscap --version | head -1)"
rec version.valgrind "$(valgrind --version)"
rec version.hyperfine "$(hyperfine --version)"
rec version.cjson "cJSON $(pkg-config --modversion libcjson)"

"$B/report.sh" "$RES" "$B/results.json" "$B/results.md"
# the page's first result (make web; tests/web's playwright-core): its section of results.md
if [ -f build/kyojin.html ] && [ -d tests/web/node_modules/playwright-core ]; then node "$B/web.js"; fi
log "wrote bench/results.md and bench/results.json"
cat "$B/results.md"
