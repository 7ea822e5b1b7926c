#!/bin/sh
# Stand-alone build and run of the risk module's tests (until/besides `make test`).
#   tests/risk/build.sh          the Makefile's objects (build/), -O2, -Werror
#   tests/risk/build.sh asan     the same with -fsanitize=address,undefined (build-asan/)
# Run from the repository root. test_risk is the Makefile's target; risk_tool links the same
# core objects (every core/<subsystem>/*.c but the CLI), so new or renamed sources need no
# change here. Outputs: $BUILD/test_risk and build/risk/risk_tool (build-asan/risk/… for asan).
set -eu
mode=${1:-release}
CC=${CC:-cc}
if [ "$mode" = asan ]; then
  BUILD=build-asan
  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer"
  LDFLAGS="-fsanitize=address,undefined"
else
  BUILD=build
  CFLAGS=-O2
  LDFLAGS=
fi
make --no-print-directory BUILD="$BUILD" CFLAGS="$CFLAGS" LDFLAGS="$LDFLAGS" "$BUILD/test_risk"
objs=""
for src in core/*/*.c; do
  case "$src" in core/cli/*) continue ;; esac
  o="$BUILD/obj/${src#core/}"
  objs="$objs ${o%.c}.o"
done
mkdir -p "$BUILD/risk"
# shellcheck disable=SC2086 # word splitting of the flag and object lists is intended
$CC -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -Icore $CFLAGS \
  $(pkg-config --cflags lua5.4 libcjson) tests/risk/risk_tool.c $objs -o "$BUILD/risk/risk_tool" \
  $LDFLAGS $(pkg-config --libs lua5.4 libcjson libcrypto) -lxlsxwriter -lz -lexpat -lm
"$BUILD/test_risk"
