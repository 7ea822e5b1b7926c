#!/usr/bin/env bash
# Limits without a gap (command line): inputs that are not regular files are refused at once,
# and every limit or value option refuses what it cannot mean (negative sizes, impossible
# dates, non-finite numbers) with exit 2 and a message, instead of turning it into "no
# limit" or a silent pass. Policy-side limits are in tests/adversarial (suite adversarial).
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d)
SOCK_PID=
trap '[ -n "$SOCK_PID" ] && kill "$SOCK_PID" 2>/dev/null; rm -rf "$T"' EXIT
. tests/suites/lib/expect.sh
D=samples/alpha-town.json

# ---------------------------------------------------------------- not a regular file
# A FIFO without a writer blocks an ordinary open for ever; a device never ends (/dev/zero)
# or reads as empty (/dev/null); a socket cannot be opened. Each is refused before reading.
mkfifo "$T/fifo"
python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1); time.sleep(60)' "$T/sock" &
SOCK_PID=$!
for ((i = 0; i < 50; i++)); do [ -S "$T/sock" ] && break; sleep 0.1; done
for f in "$T/fifo" "$T/sock" /dev/zero /dev/null; do
  n=$(basename "$f")
  expect_rc "declaration $n" 2 timeout -k 5 10 "$K" check "$f"
  contains "declaration $n: Japanese message" "$T/err" "通常のファイルではありません"
  expect_rc "declaration $n with --timeout 0" 2 timeout -k 5 10 "$K" check --timeout 0 "$f"
  expect_rc "declaration $n (English)" 2 timeout -k 5 10 "$K" check --lang en "$f"
  contains "declaration $n: English message" "$T/err" "not a regular file"
  expect_rc "--params $n" 2 timeout -k 5 10 "$K" check --params "$f" "$D"
  contains "--params $n: message" "$T/err" "通常のファイルではありません"
  expect_rc "--scenarios $n" 2 timeout -k 5 10 "$K" check --scenarios "$f" "$D"
  contains "--scenarios $n: message" "$T/err" "通常のファイルではありません"
  expect_rc "--baseline $n" 2 timeout -k 5 10 "$K" check --baseline "$f" "$D"
  contains "--baseline $n: message" "$T/err" "通常のファイルではありません"
done
# kyojin verify reads the report and the declarations (hashes only): the same refusal
"$K" check --format json -o "$T/report.json" "$D" >/dev/null 2>&1
expect_rc "verify: FIFO as the declaration" 2 timeout -k 5 10 "$K" verify "$T/report.json" --declaration "$T/fifo"
expect_rc "verify: FIFO as the report" 2 timeout -k 5 10 "$K" verify "$T/fifo" --declaration "$D"
expect_rc "verify: regular files" 0 timeout -k 5 10 "$K" verify "$T/report.json" --declaration "$D"
# a FIFO inside a declaration directory is refused too, the regular file next to it is checked
mkdir "$T/dir"
cp "$D" "$T/dir/a.json"
mkfifo "$T/dir/b.json"
expect_rc "FIFO in a directory" 2 timeout -k 5 10 "$K" check --format json "$T/dir"
contains "FIFO in a directory: message" "$T/err" "通常のファイルではありません"
# standard input stays allowed, from a pipe and from a file
if timeout -k 5 10 "$K" check --format json - <"$D" >"$T/out" 2>"$T/err" && jq -e '.declarations | length == 1' "$T/out" >/dev/null; then ok; else bad "- from a file"; fi
if cat "$D" | timeout -k 5 10 "$K" check --format json - >"$T/out" 2>"$T/err" && jq -e '.declarations | length == 1' "$T/out" >/dev/null; then ok; else bad "- from a pipe"; fi

# ---------------------------------------------------------------- option values
bad_value() { # option value expected-text
  expect_rc "$1 $2" 2 timeout -k 5 10 "$K" check --lang en "$1" "$2" "$D"
  contains "$1 $2: message" "$T/err" "$3"
}
bad_value --max-input -1 "--max-input must be a number of bytes: -1"
bad_value --max-input +5 "--max-input must be a number of bytes"
bad_value --max-input " 5" "--max-input must be a number of bytes"
bad_value --max-input 0 "--max-input must be a number of bytes"
bad_value --max-instructions -5 "--max-instructions must be an integer 1-2147483647: -5"
bad_value --max-instructions 99999999999 "--max-instructions must be an integer 1-2147483647"
bad_value --max-memory -1 "--max-memory must be a number of bytes: -1"
bad_value --timeout -1 "--timeout must be a number of seconds"
bad_value --timeout nan "--timeout must be a number of seconds"
bad_value --jobs -1 "--jobs must be an integer 1-256: -1"
bad_value --jobs 0 "--jobs must be an integer 1-256: 0"
bad_value --as-of 2026-02-30 "--as-of must be a real calendar date YYYY-MM-DD: 2026-02-30"
bad_value --as-of 2023-02-29 "--as-of must be a real calendar date"
bad_value --as-of 1900-02-29 "--as-of must be a real calendar date"
bad_value --as-of 2026-04-31 "--as-of must be a real calendar date"
bad_value --as-of 2026-1-05 "--as-of must be a real calendar date"
bad_value --as-of 2026-01-+5 "--as-of must be a real calendar date"
expect_rc "--as-of 2024-02-29 (leap year)" 0 "$K" check --as-of 2024-02-29 --format json "$D"
expect_rc "--as-of 2000-02-29 (leap year)" 0 "$K" check --as-of 2000-02-29 --format json "$D"
expect_rc "--as-of in Japanese" 2 "$K" check --as-of 2026-02-30 "$D"
contains "--as-of in Japanese: message" "$T/err" "--as-of は実在する日付"
# the other commands that take the engine limits
for c in list lint test; do
  expect_rc "$c --max-instructions -5" 2 timeout -k 5 10 "$K" "$c" --max-instructions -5
  expect_rc "$c --max-memory -1" 2 timeout -k 5 10 "$K" "$c" --max-memory -1
done

# numeric parameters: nan compares false with every threshold (a fail would pass), inf is no
# threshold; refused from --param, in a parameter file, and as a policy's default
for v in nan inf -inf NaN infinity; do
  bad_value --param "PV-03.critical_cvss=$v" "parameter PV-03.critical_cvss must be a finite number"
done
expect_rc "--param finite number" 0 "$K" check --param PV-03.critical_cvss=8.5 --format json "$D"
printf '{"PV-03": {"critical_cvss": 1e999}}' >"$T/params.json"
expect_rc "--params with 1e999" 2 "$K" check --params "$T/params.json" "$D"
mkdir "$T/pol"
cp tests/adversarial/policies/benign/aa01.lua "$T/pol/"
for v in "0/0" "math.huge" "-math.huge"; do
  sed "s|^  check = |  params = { limit = { type = \"number\", default = $v, description = { ja = \"上限\", en = \"limit\" } } },\n  check = |" \
    tests/adversarial/policies/benign/zz99.lua >"$T/pol/zz99.lua"
  expect_rc "policy default $v" 3 timeout -k 5 10 "$K" check --lang en --policies "$T/pol" "$D"
  contains "policy default $v: message" "$T/err" "must be a finite number"
done

echo "limits: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
