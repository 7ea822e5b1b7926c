#!/usr/bin/env bash
# make fuzz: build every libFuzzer harness with ASan/UBSan and run each for FUZZ_SECONDS
# (default 60) on a corpus seeded from samples/, the policies, the adversarial cases and
# fuzz/seeds/<target>/ (the generator inputs of fuzz_interact and fuzz_batch).
# Crashes are written to build-fuzz/artifacts/; copy each one into fuzz/regressions/<target>/
# (the regression suite tests/suites/fuzz_regressions.sh replays them on every make test).
#
# Environment: FUZZ_SECONDS, FUZZ_TARGETS ("decl policy writer patterns interact batch xlsx"),
# FUZZ_CC (clang-14), FUZZ_JOBS (parallel fuzzers, default 1), FUZZ_BUNDLE (the generated
# bundle_data.c linked in, default build/bundle_data.c).
set -u
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-"decl policy writer patterns interact batch xlsx"}
CC=${FUZZ_CC:-clang-14}
BUNDLE_C=${FUZZ_BUNDLE:-build/bundle_data.c}
OUT=build-fuzz
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-g -O1 -std=c11 -Wall -Wno-unused-function -Icore $(pkg-config --cflags lua5.4 libcjson)"
LIBS="$(pkg-config --libs lua5.4 libcjson libcrypto) -lxlsxwriter -lz -lexpat -lm"
mkdir -p $OUT/obj $OUT/artifacts fuzz/corpus-work

build() {
  local objs="" f o
  for f in core/*/*.c; do
    case $f in core/cli/*) continue ;; esac # the command line links into kyojin only
    o=$OUT/obj/$(basename "${f%.c}").o
    if [ ! -e "$o" ] || [ "$f" -nt "$o" ] || [ -n "$(find core -name '*.h' -newer "$o" | head -1)" ]; then
      $CC $CFLAGS $SAN -fsanitize=fuzzer-no-link -c "$f" -o "$o" || return 1
    fi
    objs="$objs $o"
  done
  # the build's precompiled bundle (make fuzz makes it), for the harnesses that use it
  if [ -f "$BUNDLE_C" ]; then
    o=$OUT/obj/bundle_data.o
    if [ ! -e "$o" ] || [ "$BUNDLE_C" -nt "$o" ]; then
      $CC $CFLAGS $SAN -c "$BUNDLE_C" -o "$o" || return 1
    fi
    objs="$objs $o"
  fi
  local t
  for t in $TARGETS; do
    $CC $CFLAGS $SAN -fsanitize=fuzzer "fuzz/fuzz_$t.c" $objs $LIBS -o "$OUT/fuzz_$t" || return 1
  done
}

seed() {
  local t=$1 dir=fuzz/corpus-work/$1
  mkdir -p "$dir"
  case $t in
    decl)
      cp samples/*.json "$dir/" 2>/dev/null ;;
    policy)
      find policies -name '*.lua' ! -name '*_test.lua' 2>/dev/null | head -200 | while read -r f; do
        cp "$f" "$dir/$(echo "$f" | tr / _)"; done
      for f in tests/adversarial/policy/*.lua tests/adversarial/policies/benign/*.lua; do
        [ -e "$f" ] && cp "$f" "$dir/adv_$(basename "$f")"; done ;;
    writer)
      cp fuzz/result-template.json "$dir/template.json"
      printf '\001plain' >"$dir/plain"; printf '\377=cmd\000<b>\000\033[31m' >"$dir/hostile" ;;
    xlsx) # the hand-made and hostile workbooks of tests/xlsx/hostile.py (tiny.xlsx is stored)
      /usr/bin/python3 tests/xlsx/hostile.py "$dir" >/dev/null 2>&1 ;;
    patterns)
      printf 'hello world\000(h)(%%w+)\000<%%1>' >"$dir/1"; printf 'a.b-c[d]\000[%%]-]+\000x' >"$dir/2"
      printf 'THE (quick) fox\000%%f[%%a]%%a+\000%%0%%0' >"$dir/3"; printf 'x = "a" .. "b"\000%%b""\000' >"$dir/4" ;;
  esac
  # the committed seeds of a target (generator inputs: interact, batch)
  for f in fuzz/seeds/$t/*; do [ -e "$f" ] && cp "$f" "$dir/"; done
}

if ! build; then echo "fuzz: build failed"; exit 2; fi
status=0
summary=""
for t in $TARGETS; do
  seed "$t"
  mkdir -p "fuzz/regressions/$t"
  log=$OUT/fuzz_$t.log
  jobs=""
  # parallel fuzzers write fuzz-N.log beside the main log
  if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then jobs="-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS"; fi
  echo "== fuzz_$t for ${SECONDS_EACH}s"
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$OUT/fuzz_$t" "fuzz/corpus-work/$t" "fuzz/regressions/$t" -max_total_time="$SECONDS_EACH" -timeout=60 \
    -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t-" \
    $jobs >"$log" 2>&1
  rc=$?
  execs=$(cat "$log" fuzz-[0-9]*.log 2>/dev/null | grep -E 'stat::number_of_executed_units' | awk '{s += $2} END {print s + 0}')
  [ -n "$jobs" ] && mv fuzz-[0-9]*.log $OUT/ 2>/dev/null
  # libFuzzer also saves inputs slower than 10 s (slow-unit-*): reported, not failures
  crashes=$(ls $OUT/artifacts/ 2>/dev/null | grep -v "^$t-slow-unit-" | grep -c "^$t-")
  slow=$(ls $OUT/artifacts/ 2>/dev/null | grep -c "^$t-slow-unit-")
  echo "fuzz_$t: $execs executions, exit $rc, $crashes crash and $slow slow artifact(s) in $OUT/artifacts"
  summary="$summary
fuzz_$t: $execs executions, $crashes crash artifact(s), $slow slow input(s)"
  if [ $rc -ne 0 ]; then status=1; grep -E 'ERROR|invariant|SUMMARY' "$log" | head -5; fi
done
printf '%s\n' "$summary"
exit $status
