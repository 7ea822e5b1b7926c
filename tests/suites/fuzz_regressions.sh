#!/usr/bin/env bash
# Replays every input under fuzz/regressions/<target>/ (crashes the fuzzers found, kept as
# regression tests) and the small seeds (fuzz/seeds/<target>/ among them) through the fuzz
# harnesses, built without libFuzzer
# (fuzz/standalone.c) against the same objects as kyojin (BUILD, CFLAGS, LDFLAGS honoured, so
# make test-asan replays them under ASan/UBSan).
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
CC=${CC:-cc}
# the objects of today's sources (a stale object of a renamed source is not linked)
OBJS=$(for s in core/*/*.c; do o="$BUILD/obj/${s#core/}"; o=${o%.c}.o; [ "${s#core/cli/}" = "$s" ] && [ -f "$o" ] && echo "$o"; done)
# the precompiled bundle, when the build made it (the harnesses that use it load faster)
[ -f "$BUILD/bundle_data.o" ] && OBJS="$OBJS $BUILD/bundle_data.o"
LIBS="$(pkg-config --libs lua5.4 libcjson libcrypto) -lxlsxwriter -lz -lexpat -lm"
INC="-Icore $(pkg-config --cflags lua5.4 libcjson)"
out=$BUILD/fuzz-standalone
mkdir -p "$out"
passed=0; failed=0
for t in decl policy writer patterns interact batch xlsx; do
  bin=$out/fuzz_$t
  # shellcheck disable=SC2086
  if ! $CC -std=c11 -Wall -Werror=implicit-function-declaration -g ${CFLAGS:--O1} $INC ${LDFLAGS:-} fuzz/fuzz_$t.c fuzz/standalone.c $OBJS $LIBS -o "$bin" 2>"$out/$t.build.log"; then
    echo "FAIL fuzz_$t: build failed"; sed -n 1,5p "$out/$t.build.log"; failed=$((failed + 1)); continue
  fi
  inputs=()
  for f in fuzz/regressions/$t/* fuzz/seeds/$t/*; do [ -e "$f" ] && inputs+=("$f"); done
  case $t in
    decl) inputs+=(samples/alpha-town.json samples/gaps-village.json) ;;
    policy) for f in tests/adversarial/policies/benign/*.lua; do inputs+=("$f"); done ;;
    writer) inputs+=(fuzz/result-template.json) ;;
    xlsx) /usr/bin/python3 tests/xlsx/hostile.py "$out/xlsx-seeds" >/dev/null 2>&1
      for f in "$out"/xlsx-seeds/*.xlsx; do [ -e "$f" ] && inputs+=("$f"); done ;;
  esac
  if ASAN_OPTIONS=detect_leaks=1 "$bin" "${inputs[@]}" >"$out/$t.log" 2>&1; then
    echo "ok   fuzz_$t: ${#inputs[@]} inputs replayed"; passed=$((passed + 1))
  else
    echo "FAIL fuzz_$t"; tail -n 15 "$out/$t.log"; failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
