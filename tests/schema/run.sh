#!/bin/sh
# Runs every test of the declaration format: unit tests of the schema, validator, JSON
# Schema emitter and docs (Lua); every valid sample accepted and every invalid sample
# rejected with exactly the messages in samples/invalid/NAME.expected (Japanese) and
# NAME.expected.en (English); and the JSON Schema checked with an independent validator
# (ajv) against all samples.
#
# Usage: tests/schema/run.sh            (uses tests/schema/check.lua and schema.lua in
#                                         place of the kyojin binary)
#        KYOJIN=./kyojin tests/schema/run.sh   (uses `kyojin check` and `kyojin schema`)
# Ends with "N passed, N failed"; exit status 0 only when nothing failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" || exit 2
LUA=${LUA:-lua5.4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

# Add the closing "N passed, N failed" of a sub-runner to the totals.
tally() {
  line=$(tail -n 1 "$1")
  p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
  f=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
  if [ -z "$p" ]; then
    bad "$2 did not finish: $line"
    return
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  grep '^FAIL' "$1"
  echo "$2: $line"
}

check() { # check LANG FILE -> output in $work/out, status in $rc
  if [ -n "${KYOJIN:-}" ]; then
    "$KYOJIN" check --lang "$1" "$2" >"$work/out" 2>&1
  else
    "$LUA" tests/schema/check.lua --lang "$1" --policy-ids tests/schema/policy_ids.txt "$2" >"$work/out" 2>&1
  fi
  rc=$?
}

# 1. unit tests
"$LUA" tests/schema/unit.lua >"$work/unit" 2>&1
tally "$work/unit" "unit"

# 2. valid samples: accepted (never exit 2; with the stand-in also silent)
for f in samples/*.json; do
  check en "$f"
  if [ "$rc" -eq 2 ]; then
    bad "valid $f rejected: $(head -n 3 "$work/out")"
  elif [ -z "${KYOJIN:-}" ] && { [ "$rc" -ne 0 ] || [ -s "$work/out" ]; }; then
    bad "valid $f: status $rc, output $(head -n 3 "$work/out")"
  else
    ok
  fi
done

# 3. invalid samples: exit 2 and exactly the expected lines, in both languages
for f in samples/invalid/*.json; do
  n=${f%.json}
  for lang in ja en; do
    exp=$n.expected
    [ "$lang" = en ] && exp=$n.expected.en
    if [ ! -f "$exp" ]; then bad "$f: no $exp"; continue; fi
    check "$lang" "$f"
    if [ "$rc" -ne 2 ]; then
      bad "$f ($lang): exit status $rc, not 2"
    elif ! cmp -s "$work/out" "$exp"; then
      bad "$f ($lang): output differs from $exp"
      diff "$exp" "$work/out" | head -n 10
    else
      ok
    fi
  done
done

# 4. JSON Schema with an independent validator
if [ -n "${KYOJIN:-}" ]; then
  "$KYOJIN" schema >"$work/schema.json"
else
  "$LUA" tests/schema/schema.lua >"$work/schema.json"
fi
if [ ! -d tests/schema/node_modules/ajv ]; then
  (cd tests/schema && npm ci --no-audit --no-fund --silent) >"$work/npm" 2>&1 || cat "$work/npm"
fi
if [ -d tests/schema/node_modules/ajv ]; then
  node tests/schema/ajv-check.js "$work/schema.json" >"$work/ajv" 2>&1
  tally "$work/ajv" "ajv"
else
  bad "ajv is not installed (cd tests/schema && npm ci)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
