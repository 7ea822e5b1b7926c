#!/usr/bin/env bash
# web/sources.sh DIR — the library sources the web build compiles to WebAssembly, from Debian's
# own source packages (apt-get source), unpacked under DIR (build/web/src); never committed.
#   lua5.4  the Lua interpreter kyojin embeds
#   cjson   cJSON
#   libxlsxwriter, zlib   the XLSX writer (optional: the page offers XLSX when they build)
# apt-get source needs a deb-src entry: when none is configured, one is added for each mirror
# already configured for binary packages (same address, suites and components; root only).
# A package already unpacked is left as it is. Prints nothing on success but apt's own lines.
set -eu
dir=${1:?usage: web/sources.sh DIR}
pkgs="lua5.4 cjson libxlsxwriter zlib"
mkdir -p "$dir"

have_all=1
for p in $pkgs; do
  ls -d "$dir/$p"-*/ >/dev/null 2>&1 || have_all=0
done
[ "$have_all" = 1 ] && exit 0

# deb-src entries for the configured mirrors, when there are none
if ! grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  if [ "$(id -u)" != 0 ]; then
    echo "web/sources.sh: apt has no deb-src entry; run as root once, or add one" >&2
    exit 1
  fi
  out=/etc/apt/sources.list.d/kyojin-deb-src.sources
  : >"$out.tmp"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # each deb822 stanza of type deb, again as deb-src
    awk 'BEGIN { RS = ""; ORS = "\n\n" }
         /(^|\n)Types:[^\n]*(^|[ \t])deb([ \t]|\n|$)/ {
           sub(/(^|\n)Types:[^\n]*/, "\nTypes: deb-src"); sub(/^\n/, ""); print }' "$f" >>"$out.tmp"
  done
  if [ -f /etc/apt/sources.list ]; then
    sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' /etc/apt/sources.list >/etc/apt/sources.list.d/kyojin-deb-src.list
    [ -s /etc/apt/sources.list.d/kyojin-deb-src.list ] || rm -f /etc/apt/sources.list.d/kyojin-deb-src.list
  fi
  if [ -s "$out.tmp" ]; then mv "$out.tmp" "$out"; else rm -f "$out.tmp"; fi
  apt-get update -qq
fi

# apt-get source, quietly; a version the mirror no longer has (an older security update
# still listed) falls back to the other versions apt knows, newest first
get() { apt-get source -qq "$1" >/dev/null 2>apt-source.log && return 0; return 1; }
cd "$dir"
for p in $pkgs; do
  ls -d "$p"-*/ >/dev/null 2>&1 && continue
  get "$p" && continue
  ok=0
  for v in $(apt-cache showsrc "$p" | sed -n 's/^Version: //p' | sort -u -r -V); do
    get "$p=$v" && { ok=1; break; }
  done
  if [ "$ok" = 0 ]; then
    grep -v '^W:' apt-source.log >&2
    echo "web/sources.sh: apt-get source $p failed" >&2
    exit 1
  fi
done
rm -f apt-source.log
