#!/bin/sh
# Stand-alone build and run of the risk module's tests (until/besides `make test`).
#   tests/risk/build.sh          -O2, -Werror
#   tests/risk/build.sh asan     with -fsanitize=address,undefined
# Run from the repository root. Outputs go to build/risk/.
set -eu
mode=${1:-release}
out=build/risk
mkdir -p "$out"
CC=${CC:-cc}
CFLAGS="-std=c11 -Wall -Wextra -Werror -O2 -D_GNU_SOURCE -Icore $(pkg-config --cflags lua5.4 libcjson)"
LIBS="$(pkg-config --libs lua5.4 libcjson cmocka) -lm"
if [ "$mode" = asan ]; then
  CFLAGS="$CFLAGS -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
  LIBS="$LIBS -fsanitize=address,undefined"
fi
$CC $CFLAGS core/risk/risk.c core/risk/risk_text.c core/engine/bundle.c tests/unit/test_risk.c -o "$out/test_risk" $LIBS
$CC $CFLAGS core/risk/risk.c core/risk/risk_text.c core/engine/bundle.c tests/risk/risk_tool.c -o "$out/risk_tool" $LIBS
"$out/test_risk"
