#!/usr/bin/env bash
# tests/deps.sh [build|test|ci|bench] — installs what kyojin needs, the one place that does:
#   build  the Debian packages to build kyojin (make deps, make demo)
#   web    build, plus what `make web` needs (docs/dev/web.md): emscripten, dpkg-dev for
#          apt-get source, Lua (web/schema_json.lua) and Node
#   test   build and web, plus every test dependency (default; make test, make test-asan): cmocka,
#          the tools the suites call (Lua, jq, Node and npm, Python with openpyxl, Chromium with
#          a Japanese font and poppler, LibreOffice Calc without a GUI (print.sh, xlsxdecl.sh),
#          clang-format, man, xmllint, pgrep, unzip, perl, openssl, GNU parallel) and the npm packages of the
#          node-based validators (tests/rollup, tests/schema: npm ci) and of the web tests
#          (tests/web: playwright-core, which drives Debian's Chromium)
#   ci     test, plus the hardening steps of .ci/run (clang-14 with its libFuzzer runtime,
#          valgrind)
#   bench  build, plus the benchmark peers and tools of bench/run.sh (valgrind, hyperfine,
#          lua-cjson, OpenSCAP, GNU time, Node; npm ci in bench/)
# Debian packages are installed with apt-get only when missing, and only as root (otherwise
# the missing ones are listed and the script exits 1); a tool already on PATH (say a Node not
# from Debian) counts as present. The test suites themselves only check and never install.
set -eu
cd "$(dirname "$0")/.."
mode=${1:-test}
case $mode in build | web | test | ci | bench) ;; *) echo "usage: tests/deps.sh [build|web|test|ci|bench]" >&2; exit 2 ;; esac

need=()
pkg() { for p; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done; } # Debian packages
cmd() { command -v "$1" >/dev/null 2>&1 || need+=("$2"); }                # a command, from package $2

# build (the Makefile links lua5.4, libcjson, libcrypto, libxlsxwriter, zlib, expat)
pkg build-essential pkg-config liblua5.4-dev libcjson-dev libssl-dev libxlsxwriter-dev zlib1g-dev \
  libexpat1-dev

if [ "$mode" = web ] || [ "$mode" = test ] || [ "$mode" = ci ]; then
  cmd emcc emscripten         # make web: Debian's emscripten (no ports, no downloads)
  cmd dpkg-source dpkg-dev    # web/sources.sh: apt-get source
  cmd lua5.4 lua5.4
  cmd node nodejs
fi
if [ "$mode" = test ] || [ "$mode" = ci ]; then
  pkg libcmocka-dev
  cmd jq jq
  cmd npm npm                 # a Node build that bundles npm conflicts with Debian's npm
  cmd clang-format clang-format
  cmd man man-db              # tests/suites/cli.sh: man -l on the generated pages
  cmd xmllint libxml2-utils
  cmd pgrep procps
  cmd unzip unzip
  cmd perl perl
  cmd pdftotext poppler-utils   # pdftotext, pdfinfo: the printed reports
  cmd soffice libreoffice-calc-nogui # print.sh: XLSX to PDF; xlsxdecl.sh: workbooks saved by LibreOffice
  cmd openssl openssl         # tests/suites/verify.sh: the third-party signature check
  cmd parallel parallel       # tests/suites/shards.sh: check --shard over GNU parallel
  [ -x /usr/bin/chromium ] || need+=(chromium)
  /usr/bin/python3 -c 'import openpyxl' 2>/dev/null || need+=(python3-openpyxl)
  fc-list 2>/dev/null | grep -qi -e ipagothic -e ipapgothic -e "noto sans cjk" || need+=(fonts-ipafont-gothic)
fi
if [ "$mode" = ci ]; then
  pkg clang-14 libclang-rt-14-dev
  cmd valgrind valgrind
fi
if [ "$mode" = bench ]; then
  cmd valgrind valgrind
  cmd hyperfine hyperfine
  cmd jq jq
  cmd lua5.4 lua5.4
  command -v lua5.4 >/dev/null 2>&1 && lua5.4 -e 'require("cjson")' 2>/dev/null || need+=(lua-cjson)
  cmd oscap openscap-scanner
  [ -x /usr/bin/time ] || need+=(time)
  cmd pgrep procps            # bench/soak.sh: the processes of the run
  cmd python3 python3         # bench/soak.sh: accounting of the report
  cmd node nodejs
  cmd npm npm
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "tests/deps.sh: installing ${need[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "tests/deps.sh: run as root, or install: ${need[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# npm packages, from each package-lock.json, when missing or older than the lock file
npm_ci() {
  local d=$1
  if [ ! -f "$d/node_modules/.package-lock.json" ] || [ "$d/package-lock.json" -nt "$d/node_modules/.package-lock.json" ]; then
    echo "tests/deps.sh: npm ci in $d"
    (cd "$d" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
case $mode in
  test | ci) npm_ci tests/rollup; npm_ci tests/schema; npm_ci tests/web ;;
  bench) npm_ci bench ;;
esac
exit 0
