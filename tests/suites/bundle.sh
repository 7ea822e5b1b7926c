#!/usr/bin/env bash
# The precompiled bundle (core/engine/bundle.h): results, messages and the policy-set hash are the
# same with it and without it (KYOJIN_NO_BUNDLE=1), for the shipped pack and for copies of it
# that are edited, extended with broken files or shortened (their sources are compiled).
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
passed=0; failed=0
ok()  { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# same NAME ARGS...: stdout, stderr and exit code equal with and without the bundle
same() {
  local name=$1; shift
  "$K" "$@" >"$T/a.out" 2>"$T/a.err"; local ra=$?
  KYOJIN_NO_BUNDLE=1 "$K" "$@" >"$T/b.out" 2>"$T/b.err"; local rb=$?
  if [ "$ra" = "$rb" ] && cmp -s "$T/a.out" "$T/b.out" && cmp -s "$T/a.err" "$T/b.err"; then ok
  else bad "$name: differs without the bundle (exit $ra vs $rb)"; diff "$T/a.out" "$T/b.out" | head -5; diff "$T/a.err" "$T/b.err" | head -5; fi
}
set_sha() { grep -A2 '"policy_set"' "$1" | sed -n 's/.*"sha256":[[:space:]]*"\([0-9a-f]*\)".*/\1/p'; }

for s in samples/*.json; do
  same "json $s" check --format json "$s"
  same "text $s" check --lang en "$s"
done
same "list" list
same "lint" lint
# metadata recorded at build time is used only under limits at least the defaults, and not
# with --verbose (a policy's top level may print)
same "tiny instruction budget" check --format json --max-instructions 3000 samples/base.json
same "tiny memory" check --format json --max-memory 20000 samples/base.json
same "verbose" check --format json --verbose samples/base.json
same "test runner" test --lang en
orig=$("$K" check --format json samples/base.json | grep -A2 '"policy_set"' | sed -n 's/.*"sha256":[[:space:]]*"\([0-9a-f]*\)".*/\1/p')

cp -r policies "$T/p"
same "copied pack" check --format json --policies "$T/p" samples/base.json
[ "$(set_sha "$T/a.out")" = "$orig" ] && ok || bad "a copy of the pack has another policy-set hash"
first=$(cd "$T/p" && find . -name '*.lua' ! -name '*_test.lua' ! -path '*/fixtures/*' ! -path './catalog.lua' | sort | head -1)
last=$(cd "$T/p" && find . -name '*.lua' ! -name '*_test.lua' ! -path '*/fixtures/*' ! -path './catalog.lua' | sort | tail -1)
printf '\n-- edited\n' >>"$T/p/$last"
same "last policy edited" check --format json --policies "$T/p" samples/base.json
[ "$(set_sha "$T/a.out")" != "$orig" ] && ok || bad "editing a policy kept the policy-set hash"
printf '\n-- edited\n' >>"$T/p/$first"
same "first policy edited" check --format json --policies "$T/p" samples/base.json
printf 'policy { id = \n' >"$T/p/zz_syntax.lua"
printf 'error("raised while loading")\n' >"$T/p/zz_runtime.lua"
same "broken policies" check --format json --policies "$T/p" samples/base.json
grep -q "zz_syntax.lua:2:" "$T/a.err" && grep -q "zz_runtime.lua:1: raised while loading" "$T/a.err" && ok || bad "load errors lost their positions"
# a helper edited: its chunk and every policy's recorded metadata are not used
rm -rf "$T/h" && mkdir -p "$T/h" && cp -r lua policies "$T/h/"
printf '\n-- edited\n' >>"$T/h/lua/kyojin/helpers/core.lua"
KYOJIN_HOME="$T/h" same "helper edited" check --format json samples/base.json
rm -rf "$T/p" && cp -r policies "$T/p" && rm "$T/p/$last"
same "a policy removed" check --format json --policies "$T/p" samples/base.json

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
