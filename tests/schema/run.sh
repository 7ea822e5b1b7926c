#!/bin/sh
# Runs every test of the declaration format: unit tests of the schema, validator, JSON
# Schema emitter and docs (Lua); every valid sample accepted and every invalid sample
# rejected with exactly the messages in samples/invalid/NAME.expected (Japanese) and
# NAME.expected.en (English); the committed samples equal the generator's output and are
# all described in samples/README.md; the JSON Schema checked with an independent
# validator (ajv) against all samples; and a differential test (random mutations judged by
# both validators, DIFF_CASES of them, default 500).
#
# Usage: tests/schema/run.sh                  stand-ins for the binary: tests/schema/check.lua
#                                             (validation as `kyojin check` does it) and
#                                             tests/schema/schema.lua (`kyojin schema`)
#        KYOJIN=./kyojin tests/schema/run.sh  the real `kyojin check` and `kyojin schema`
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

# With the real binary, validation runs against a stand-in policy set holding one trivial
# policy per catalog id (tests/schema/policy_ids.txt), so waiver policy ids resolve the
# same way whatever policies the repository holds.
if [ -n "${KYOJIN:-}" ]; then
  mkdir -p "$work/policies/stub"
  while read -r id; do
    [ -n "$id" ] || continue
    {
      echo "policy {"
      echo "  id = \"$id\", requirements = { \"$id\" }, level = \"info\","
      echo "  models = { \"alpha\", \"alpha_prime\", \"beta\", \"beta_prime\" },"
      echo "  source = \"tests/schema stand-in\", title = { ja = \"$id\", en = \"$id\" },"
      echo "  remediation = { ja = \"-\", en = \"-\" },"
      echo "  check = function(decl, result) result:pass(\"/body\") end,"
      echo "}"
    } >"$work/policies/stub/$(echo "$id" | tr 'A-Z-' 'a-z_').lua"
  done <tests/schema/policy_ids.txt
fi

check() { # check LANG FILE -> error lines in $work/out, exit status in $rc
  if [ -n "${KYOJIN:-}" ]; then
    # Errors go to stderr, each followed by an indented excerpt of the line and a caret;
    # only the "FILE:LINE:COLUMN: message" lines are compared. Nothing goes to stdout.
    "$KYOJIN" check --policies "$work/policies" --lang "$1" "$2" >"$work/stdout" 2>"$work/stderr"
    rc=$?
    grep -v '^    ' "$work/stderr" >"$work/out"
    if [ "$rc" -eq 2 ] && [ -s "$work/stdout" ]; then
      echo "unexpected output on stdout for $2:"
      head -n 3 "$work/stdout"
      rc=99
    fi
  else
    "$LUA" tests/schema/check.lua --lang "$1" --policy-ids tests/schema/policy_ids.txt "$2" >"$work/out" 2>&1
    rc=$?
  fi
}

# 1. unit tests
"$LUA" tests/schema/unit.lua >"$work/unit" 2>&1
tally "$work/unit" "unit"

# 2. valid samples: accepted (exit 0 and no error lines)
for f in samples/*.json; do
  check en "$f"
  if [ "$rc" -ne 0 ]; then
    bad "valid $f: exit status $rc: $(head -n 3 "$work/out")"
  elif [ -s "$work/out" ]; then
    bad "valid $f: $(head -n 3 "$work/out")"
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

# 4. the committed samples are what the generator writes, and samples/README.md names them all
if node samples/tools/gen.js --check >"$work/gen" 2>&1; then ok; else bad "samples differ from samples/tools/gen.js:"; cat "$work/gen"; fi
for f in samples/*.json samples/invalid/*.json; do
  n=$(basename "$f" .json)
  case $f in
    samples/invalid/*) pat="\`$n\`" ;;
    *) pat="\`$n.json\`" ;;
  esac
  if grep -q "$pat" samples/README.md; then ok; else bad "samples/README.md does not describe $f"; fi
done

# With the real binary: `kyojin schema --markdown` prints docs/declaration.md as committed
if [ -n "${KYOJIN:-}" ]; then
  "$KYOJIN" schema --markdown --policies "$work/policies" >"$work/doc.md" 2>&1
  if cmp -s "$work/doc.md" docs/declaration.md; then ok; else bad "kyojin schema --markdown differs from docs/declaration.md"; fi
fi

# 5. JSON Schema with an independent validator
if [ -n "${KYOJIN:-}" ]; then
  "$KYOJIN" schema --policies "$work/policies" >"$work/schema.json"
else
  "$LUA" tests/schema/schema.lua >"$work/schema.json"
fi
if [ -d tests/schema/node_modules/ajv ]; then
  node tests/schema/ajv-check.js "$work/schema.json" >"$work/ajv" 2>&1
  tally "$work/ajv" "ajv"
  # kyojin.validate and the JSON Schema agree on random mutations of the samples
  LUA=$LUA node tests/schema/differential.js "$work/schema.json" "${DIFF_CASES:-500}" >"$work/diff" 2>&1
  grep '^differential:' "$work/diff"
  tally "$work/diff" "differential"
else
  bad "ajv is not installed (tests/deps.sh installs it)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
