#!/usr/bin/env bash
# Adversarial suite: one named case per attack, each asserting the safe behaviour.
#
# Policy side: tests/adversarial/policy/<case>.lua is put next to two benign policies
# (AA-01 sorts before it and passes, ZZ-99 sorts after it and warns) and checked against a
# sample declaration. The header of the case says what must happen:
#   -- expect: error | fail | load-error      status of the attacker MM-01 (or a load error)
#   -- reason: ERE                             matched against its reason (or the load error)
#   -- within: SECONDS                         the whole run must end within this time
#   -- args: extra options for kyojin check
#   -- in-process: yes                         run the case again as NAME_in_process with
#                                              --timeout 0 (no worker: the in-process limits)
#   -- commands: other commands that load the policies (list lint test explain), each run
#                with the same directory and time limit; none may hang or end by a signal
# Every case also asserts that kyojin itself did not crash (no signal exit), that the benign
# policies still have their results, and that no output line carries control characters.
# Declaration side: hostile files (generated below) must be rejected with line:column and a
# reason, within a time limit. Special cases: a crashing worker, an interrupted batch, a
# batch where every declaration meets the same hanging policy.
#
# Usage: tests/adversarial/run.sh [KYOJIN] [CASE-NAME-FILTER]
# Environment: ADV_VALGRIND=1 runs a subset under valgrind (memcheck) instead; ADV_CLAIM_DIR
# (an empty directory) shares the cases among runs started at once with the same directory.
set -u
shopt -s lastpipe # decl_case reads its declaration from a pipe and counts in this shell
cd "$(dirname "$0")/../.."
KYOJIN=${1:-${KYOJIN:-./kyojin}}
FILTER=${2:-}
ADV=tests/adversarial
DECL=samples/alpha-town.json
ISOLATION_INVALID=${ISOLATION_INVALID:-samples/invalid/missing-version.json}
# ADV_VALGRIND=1: a subset of the cases under valgrind memcheck (errors or leaks fail the case).
RUN=()
VG_SUBSET=" pattern_backtracking pattern_gsub_method error_tostring_raises error_escape_sequences proxy_write
  finalizer_loop weak_mode_added_late memory_bomb message_injection load_bytecode decl_duplicate_key
  decl_nesting_1000 decl_invalid_utf8 decl_number_out_of_range text_report_injection proxy_odd_keys "
if [ "${ADV_VALGRIND:-0}" = 1 ]; then
  RUN=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --trace-children=yes)
fi
selected() { # case name → should it run?
  [ -n "$FILTER" ] && [[ $1 != *$FILTER* ]] && return 1
  [ "${ADV_VALGRIND:-0}" = 1 ] && [[ " $(echo $VG_SUBSET) " != *" $1 "* ]] && return 1
  # ADV_CLAIM_DIR: several runs share the cases, each case run by the first to claim it
  # (tests/suites/adversarial.sh runs two at once)
  [ -n "${ADV_CLAIM_DIR:-}" ] && ! mkdir "$ADV_CLAIM_DIR/$1" 2>/dev/null && return 1
  return 0
}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

now() { date +%s.%N; }
# ADV_TIME_SCALE stretches every time limit (slow builds, loaded machines); sanitizer builds x4.
TIME_SCALE=${ADV_TIME_SCALE:-1}
case $KYOJIN in *asan*) TIME_SCALE=${ADV_TIME_SCALE:-4} ;; esac
[ "${ADV_VALGRIND:-0}" = 1 ] && TIME_SCALE=${ADV_TIME_SCALE:-30}
elapsed_ok() { awk -v a="$1" -v b="$2" -v w="$3" -v k="$TIME_SCALE" 'BEGIN { exit !((b - a) <= w * k) }'; }
# With ADV_CLAIM_DIR, the cases allowed 15 s or more (they run into a CPU-time limit or parse
# a huge file) take turns, so that two of them never share the machine: heavy_begin WITHIN
# before the timed run, heavy_end after it.
heavy_fd=
heavy_begin() {
  [ -n "${ADV_CLAIM_DIR:-}" ] && [ "${1%.*}" -ge 15 ] || return 0
  exec {heavy_fd}>"$ADV_CLAIM_DIR/.heavy" && flock "$heavy_fd"
}
heavy_end() { [ -z "$heavy_fd" ] || { exec {heavy_fd}>&-; heavy_fd=; }; }

has_controls() { # any C0 control other than tab/newline, DEL, ESC, C1 or bidi override in the file?
  LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$1"
}

has_c0() { # raw C0 controls (JSON must escape them)
  LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f]' "$1"
}

field() { jq -r "$1" "$2" 2>/dev/null; }

# ---------------------------------------------------------------- policy cases

policy_case() { # file [name-suffix extra-args]: the case, and again in process if asked
  [ $# -eq 1 ] && grep -q '^-- in-process: yes' "$1" && policy_case "$1" _in_process "--timeout 0"
  local file=$1 src=$1 name expect reason within args
  name=$(basename "$file"); name=${name%.lua}; name=${name%.meta}${2:-}
  selected "$name" || return
  expect=$(sed -n 's/^-- expect: *//p' "$file" | head -1)
  reason=$(sed -n 's/^-- reason: *//p' "$file" | head -1)
  within=$(sed -n 's/^-- within: *//p' "$file" | head -1)
  args="$(sed -n 's/^-- args: *//p' "$file" | head -1) ${3:-}"
  local dir=$WORK/$name
  mkdir -p "$dir/pol"
  cp $ADV/policies/benign/*.lua "$dir/pol/"
  if [ "${file%.meta}" != "$file" ]; then src=${file%.meta}.lua.bin; fi
  cp "$src" "$dir/pol/mm01.lua"
  local t0 t1 rc
  heavy_begin "$within"
  t0=$(now)
  # shellcheck disable=SC2086
  timeout -k 5 $(((${within%.*} + 30) * ${TIME_SCALE%.*})) "${RUN[@]}" "$KYOJIN" check --lang en --policies "$dir/pol" --format json $args "$DECL" \
    >"$dir/out.json" 2>"$dir/err.txt"
  rc=$?
  t1=$(now)
  heavy_end
  if [ $rc -ge 99 ]; then bad "$name" "kyojin did not end normally (exit $rc)"; sed -n 1,5p "$dir/err.txt"; return; fi
  if ! elapsed_ok "$t0" "$t1" "$within"; then bad "$name" "took $(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}') s (limit $within s)"; return; fi
  if has_controls "$dir/err.txt" || has_c0 "$dir/out.json"; then bad "$name" "control characters in the output"; return; fi
  if [ "$(field '.declarations[0].policies[] | select(.id=="AA-01") | .status' "$dir/out.json")" != pass ] ||
     [ "$(field '.declarations[0].policies[] | select(.id=="ZZ-99") | .status' "$dir/out.json")" != warn ]; then
    bad "$name" "the benign policies lost their results"; sed -n 1,5p "$dir/err.txt"; return
  fi
  if [ "$expect" = load-error ]; then
    if [ $rc -ne 3 ]; then bad "$name" "exit $rc, expected 3"; return; fi
    if ! grep -Eq -- "$reason" "$dir/err.txt"; then bad "$name" "load error does not match /$reason/: $(head -c 300 "$dir/err.txt")"; return; fi
    if [ "$(field '.declarations[0].policies | length' "$dir/out.json")" != 2 ]; then bad "$name" "the attacker was evaluated"; return; fi
    other_commands "$file" "$name" "$dir" "$within" || return
    ok "$name"; return
  fi
  other_commands "$file" "$name" "$dir" "$within" || return
  local st why
  st=$(field '.declarations[0].policies[] | select(.id=="MM-01") | .status' "$dir/out.json")
  why=$(field '.declarations[0].policies[] | select(.id=="MM-01") | .reason.en // ""' "$dir/out.json")
  if [ "$st" != "$expect" ]; then bad "$name" "status '$st', expected '$expect' ($why)"; return; fi
  if [ -n "$reason" ] && ! printf '%s' "$why" | grep -Eq -- "$reason"; then bad "$name" "reason '$why' does not match /$reason/"; return; fi
  if [ "$expect" = error ] && [ $rc -ne 3 ]; then bad "$name" "exit $rc, expected 3"; return; fi
  ok "$name"
}

# The `-- commands:` of a case: each command loads the same policies (and `test` runs a case
# of the attacker, given a test file) within the case's time limit, without a signal exit.
other_commands() { # file name dir within
  local cmds c t0 t1 rc
  cmds=$(sed -n 's/^-- commands: *//p' "$1" | head -1)
  [ -n "$cmds" ] || return 0
  printf 'case { name = "attacker runs", remove = { "/waivers" }, expect = "pass" }\n' >"$3/pol/mm01_test.lua"
  for c in $cmds; do
    local extra=()
    [ "$c" = explain ] && extra=(AA-01)
    t0=$(now)
    timeout -k 5 $(((${4%.*} + 30) * ${TIME_SCALE%.*})) "${RUN[@]}" "$KYOJIN" "$c" "${extra[@]}" --lang en --policies "$3/pol" \
      >"$3/$c.out" 2>"$3/$c.err"
    rc=$?
    t1=$(now)
    if [ $rc -ge 99 ]; then bad "$2" "kyojin $c did not end normally (exit $rc)"; sed -n 1,5p "$3/$c.err"; return 1; fi
    if ! elapsed_ok "$t0" "$t1" "$4"; then bad "$2" "kyojin $c took $(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}') s (limit $4 s)"; return 1; fi
    if has_controls "$3/$c.err" || has_controls "$3/$c.out"; then bad "$2" "control characters in the output of kyojin $c"; return 1; fi
  done
  return 0
}

# ---------------------------------------------------------------- declaration cases

decl_case() { # name expected-rc regex within  (the declaration is read from stdin)
  local name=$1 want=$2 regex=$3 within=$4
  selected "decl_$name" || { cat >/dev/null; return; }
  local f=$WORK/decl_$name.json
  cat >"$f"
  local t0 t1 rc
  heavy_begin "$within"
  t0=$(now)
  timeout $(((within + 30) * ${TIME_SCALE%.*})) "${RUN[@]}" "$KYOJIN" check --lang en --policies $ADV/policies/benign "$f" >"$f.out" 2>"$f.err"
  rc=$?
  t1=$(now)
  heavy_end
  if [ $rc -ge 99 ]; then bad "decl_$name" "kyojin did not end normally (exit $rc)"; sed -n 1,5p "$f.err"; return; fi
  if ! elapsed_ok "$t0" "$t1" "$within"; then bad "decl_$name" "took too long (limit $within s)"; return; fi
  if [ $rc -ne "$want" ]; then bad "decl_$name" "exit $rc, expected $want: $(head -c 300 "$f.err")"; return; fi
  if has_controls "$f.err" || has_controls "$f.out"; then bad "decl_$name" "control characters in the output"; return; fi
  if ! grep -Eq -- "$regex" "$f.err"; then bad "decl_$name" "message does not match /$regex/: $(head -c 300 "$f.err")"; return; fi
  ok "decl_$name"
}

rep() { local s=$1 n=$2 i; for ((i = 0; i < n; i++)); do printf '%s' "$s"; done; }

decl_cases() {
  printf '{"schema": "kyojin/declaration/v1",\n "model": "alpha",\n "model": "beta"}' |
    decl_case duplicate_key 2 ':3:2: duplicate key "model"' 5
  printf '{"schema": "kyojin/declaration/v1", "body": {"name": "a\\u0000b"}}' |
    decl_case nul_escape 2 ':1:[0-9]+: NUL' 5
  printf '{"schema": "kyojin/declaration/v1", "body": {"name": "\xff\xfe"}}' |
    decl_case invalid_utf8 2 ':1:[0-9]+: invalid UTF-8' 5
  printf '{"schema": "kyojin/declaration/v1", "body": {"name": "\xed\xa0\x80"}}' |
    decl_case encoded_surrogate 2 ':1:[0-9]+: an encoded surrogate' 5
  printf '{"schema": "kyojin/declaration/v1", "body": {"name": "\\ud800x"}}' |
    decl_case lone_surrogate_escape 2 ':1:[0-9]+: .*surrogate' 5
  printf '{"schema": "kyojin/declaration/v1", "body": {"name": "a\x1b[31mb"}}' |
    decl_case raw_control_char 2 ':1:[0-9]+: raw control character U\+001B' 5
  printf '{"schema": "kyojin/declaration/v1", "body": {"population": 0012}}' |
    decl_case leading_zero 2 ':1:[0-9]+: leading zeros' 5
  printf '{"schema": "kyojin/declaration/v1"} {"x": 1}' |
    decl_case trailing_garbage 2 ':1:[0-9]+: unexpected data after the JSON value' 5
  printf '{"schema": "kyojin/declaration/v1", "body": {"population": 1e400}}' |
    decl_case number_out_of_range 2 ':1:[0-9]+: number is out of range' 5
  { printf '{"a":'; rep '[' 1000; rep ']' 1000; printf '}'; } |
    decl_case nesting_1000 2 ':1:[0-9]+: .*nest' 5
  { printf '{"a":'; rep '{"b":' 100000; printf '1'; rep '}' 100000; printf '}'; } |
    decl_case nesting_100000 2 ':1:[0-9]+: .*nest' 5
  printf '' | decl_case empty_file 2 'empty' 5
  printf '[1, 2]' | decl_case top_level_array 2 ':1:1: the top level must be a JSON object' 5
  printf '{"schema": "kyojin/declaration/v1", "body": {"name": "\xe2\x80\xaeevil\xe2\x80\xac"} x}' |
    decl_case bidi_in_excerpt 2 ':1:[0-9]+: ' 5
  # big but well-formed: linear-time walking (schema errors are expected, quickly)
  { printf '{"schema": "kyojin/declaration/v1", "assets": ['; for ((i = 0; i < 200; i++)); do rep '{"id": "x", "count": 1},' 1000; done; printf '{}]}'; } |
    decl_case large_array 2 'assets' 20
  { printf '{"schema": "kyojin/declaration/v1", "body": {'; for ((i = 0; i < 100000; i++)); do printf '"k%d": 1,' $i; done; printf '"end": 1}}'; } |
    decl_case large_object 2 'body' 20
}

# ---------------------------------------------------------------- special cases

# A worker that dies from a signal in the middle of a policy (as a crash of the interpreter
# would): that policy is `error` with the signal named, the others keep their results.
crash_case() {
  local name=worker_crash
  selected $name || return
  local dir=$WORK/$name
  mkdir -p "$dir/pol"
  cp $ADV/policies/benign/*.lua "$dir/pol/"
  sed 's/while true do table.sort(t) end/while true do table.sort(t) end/' $ADV/policy/c_call_loop_hang.lua >"$dir/pol/mm01.lua"
  "$KYOJIN" check --lang en --policies "$dir/pol" --format json --timeout 30 "$DECL" >"$dir/out.json" 2>"$dir/err.txt" &
  local pid=$! worker="" i
  for ((i = 0; i < 100; i++)); do
    worker=$(pgrep -P $pid | head -1)
    [ -n "$worker" ] && break
    sleep 0.1
  done
  sleep 0.5
  [ -n "$worker" ] && kill -SEGV "$worker"
  wait $pid
  local rc=$?
  local why
  why=$(field '.declarations[0].policies[] | select(.id=="MM-01") | .reason.en' "$dir/out.json")
  if [ -z "$worker" ]; then bad $name "no worker process found"; return; fi
  if [ $rc -ne 3 ]; then bad $name "exit $rc, expected 3"; return; fi
  # a sanitizer build catches the SIGSEGV itself, reports and exits 1
  if ! printf '%s' "$why" | grep -Eq 'crashed the interpreter \(signal 11|ended unexpectedly \(exit status 1\)'; then
    bad $name "reason '$why'"; return
  fi
  if [ "$(field '[.declarations[0].policies[].status] | join(",")' "$dir/out.json")" != "pass,error,warn" ]; then
    bad $name "statuses $(field '[.declarations[0].policies[].status] | join(",")' "$dir/out.json")"; return
  fi
  ok $name
}

# Every declaration of a batch meets the hanging policy: each gets its results, in time.
batch_case() {
  local name=batch_with_hang
  selected $name || return
  local dir=$WORK/$name
  mkdir -p "$dir/pol"
  cp $ADV/policies/benign/*.lua "$dir/pol/"
  cp $ADV/policy/c_call_loop_hang.lua "$dir/pol/mm01.lua"
  local t0 t1
  t0=$(now)
  "$KYOJIN" check --lang en --policies "$dir/pol" --format json --timeout 1 "$DECL" samples/beta-town-secure-browser.json "$DECL" \
    >"$dir/out.json" 2>"$dir/err.txt"
  t1=$(now)
  local n
  n=$(field '[.declarations[] | [.policies[].status] | join(",")] | join(" ")' "$dir/out.json")
  if ! elapsed_ok "$t0" "$t1" 8; then bad $name "took too long"; return; fi
  if [ "$n" != "pass,error,warn pass,error,warn pass,error,warn" ]; then bad $name "results: $n"; return; fi
  if [ "$(field '[.declarations[].policies[] | select(.id=="MM-01") | .status] | unique | join(",")' "$dir/out.json")" != error ]; then
    bad $name "the hanging policy is not an error everywhere: $n"; return
  fi
  ok $name
}

# SIGINT in the middle of a batch: the -o file is complete (valid JSON, every input once:
# evaluated, or an entry of kind "interrupted" also listed in not_evaluated), no temporary
# file is left, the exit code is 130. (More: tests/suites/signals.sh.)
interrupt_case() {
  local name=interrupted_batch
  selected $name || return
  local dir=$WORK/$name
  mkdir -p "$dir/pol" "$dir/out"
  cp $ADV/policies/benign/*.lua "$dir/pol/"
  cp $ADV/policy/c_call_loop_hang.lua "$dir/pol/mm01.lua"
  "$KYOJIN" check --lang en --policies "$dir/pol" --format json --timeout 2 -o "$dir/out/result.json" \
    "$DECL" "$DECL" "$DECL" "$DECL" 2>"$dir/err.txt" &
  local pid=$!
  sleep 3
  kill -INT $pid
  wait $pid
  local rc=$?
  if [ $rc -ne 130 ]; then bad $name "exit $rc, expected 130"; return; fi
  if ! jq -e '.declarations | length >= 1' "$dir/out/result.json" >/dev/null 2>&1; then bad $name "no complete result file"; return; fi
  local d ne
  d=$(field '[.declarations[] | select(.error == null)] | length' "$dir/out/result.json")
  ne=$(field '.not_evaluated | length' "$dir/out/result.json")
  if [ $((d + ne)) -ne 4 ]; then bad $name "$d evaluated + $ne not evaluated != 4"; return; fi
  if [ "$(field '[.declarations[] | select(.error.kind == "interrupted")] | length' "$dir/out/result.json")" != "$ne" ]; then
    bad $name "the inputs not evaluated have no \"interrupted\" entry"; return
  fi
  if ! grep -q "not evaluated" "$dir/err.txt"; then bad $name "stderr does not say what was not evaluated"; return; fi
  if [ "$(ls -A "$dir/out" | wc -l)" != 1 ]; then bad $name "temporary files left: $(ls -A "$dir/out")"; return; fi
  ok $name
}

# SIGTERM with --timeout 0 (no worker): a policy looping in its xpcall message handler is
# stopped by the budget, so the batch reaches the interrupt check and ends with 128 + 15.
sigterm_in_process_case() {
  local name=sigterm_in_process
  selected $name || return
  local dir=$WORK/$name i
  mkdir -p "$dir/pol"
  cp $ADV/policies/benign/*.lua "$dir/pol/"
  sed -n '/^policy/,$p' $ADV/policy/xpcall_handler_loop.lua >"$dir/pol/mm01.lua"
  local decls=()
  for ((i = 0; i < 400; i++)); do decls+=("$DECL"); done
  local t0 t1
  t0=$(now)
  timeout -s KILL 60 "$KYOJIN" check --lang en --policies "$dir/pol" --format json --timeout 0 -o "$dir/out.json" \
    "${decls[@]}" 2>"$dir/err.txt" &
  local pid=$!
  sleep 1
  kill -TERM $pid 2>/dev/null
  wait $pid
  local rc=$?
  t1=$(now)
  if ! elapsed_ok "$t0" "$t1" 6; then bad $name "took $(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}') s after SIGTERM at 1 s"; return; fi
  if [ $rc -ne 143 ]; then bad $name "exit $rc, expected 143"; return; fi
  if ! jq -e '.not_evaluated | length >= 1' "$dir/out.json" >/dev/null 2>&1; then bad $name "no result file listing what was not evaluated"; return; fi
  ok $name
}

# print() from a policy goes to the host log (stderr with --verbose), without escapes.
print_case() {
  local name=print_to_log
  selected $name || return
  local dir=$WORK/$name
  mkdir -p "$dir/pol"
  cp $ADV/policies/benign/*.lua "$dir/pol/"
  sed 's/check = function(decl, result)/check = function(decl, result) print("\\27]0;title\\7\\27[31mlogged", setmetatable({}, { __tostring = function() return "\\27[2Jobj" end }))/' \
    $ADV/policy/message_injection.lua >"$dir/pol/mm01.lua"
  "${RUN[@]}" "$KYOJIN" check --lang en --verbose --policies "$dir/pol" --format json "$DECL" >"$dir/out.json" 2>"$dir/err.txt"
  if ! grep -q 'logged' "$dir/err.txt"; then bad $name "print output not in the log"; return; fi
  if has_controls "$dir/err.txt"; then bad $name "control characters in the log"; return; fi
  if grep -q 'logged' "$dir/out.json"; then bad $name "print output in the report"; return; fi
  ok $name
}

# Text report: finding messages with escapes are shown without them.
text_injection_case() {
  local name=text_report_injection
  selected $name || return
  local dir=$WORK/$name
  mkdir -p "$dir/pol"
  cp $ADV/policies/benign/*.lua "$dir/pol/"
  cp $ADV/policy/message_injection.lua "$dir/pol/mm01.lua"
  local l
  for l in ja en; do
    "${RUN[@]}" "$KYOJIN" check --lang $l --policies "$dir/pol" --format text "$DECL" >"$dir/out.$l.txt" 2>&1
    if has_controls "$dir/out.$l.txt"; then bad $name "control characters in the $l text report"; return; fi
  done
  if ! grep -q 'red' "$dir/out.ja.txt"; then bad $name "the message is missing from the text report"; return; fi
  ok $name
}

# A policy that reaches for shared state (policy/shared_state_reach.lua, given the id AA-00 so
# that it runs first, and level recommended so that its own verdict cannot change
# `compliant`) must change nothing for anyone else: in a batch of a valid declaration and an
# invalid one, with the whole policy pack, every other policy's result, every declaration
# field, the validation errors of the second declaration (stderr) and the exit code are
# byte-identical to the same run without it. In-process and through the watchdog's worker
# (which keeps its state from one declaration to the next).
isolation_batch_case() {
  local name=isolation_batch
  selected $name || return
  local dir=$WORK/$name mode t rc0 rc1
  mkdir -p "$dir/with" "$dir/without"
  cp -r policies/. "$dir/without/"
  cp -r policies/. "$dir/with/"
  sed -e 's/id = "MM-01"/id = "AA-00"/' -e 's/level = "required"/level = "recommended"/' \
    $ADV/policy/shared_state_reach.lua >"$dir/with/aa00_shared_state_reach.lua"
  for mode in 0 10; do
    for t in with without; do
      timeout -s KILL $((30 * ${TIME_SCALE%.*})) "${RUN[@]}" "$KYOJIN" check --lang en --timeout $mode --policies "$dir/$t" --format json \
        samples/beta-city-daas-breakout.json "$ISOLATION_INVALID" >"$dir/$t.$mode.json" 2>"$dir/$t.$mode.err"
      echo $? >"$dir/$t.$mode.rc"
      jq -S 'del(.policy_set) | .catalog.policies |= map(select(.id != "AA-00"))
             | .declarations[] |= (del(.counts) | .policies |= map(select(.id != "AA-00")))' \
        "$dir/$t.$mode.json" >"$dir/$t.$mode.cmp" 2>&1
    done
    rc0=$(cat "$dir/without.$mode.rc"); rc1=$(cat "$dir/with.$mode.rc")
    if [ "$rc0" != "$rc1" ]; then bad $name "--timeout $mode: exit $rc1 with the hostile policy, $rc0 without"; return; fi
    if ! cmp -s "$dir/with.$mode.cmp" "$dir/without.$mode.cmp"; then
      bad $name "--timeout $mode: other policies' results differ: $(diff "$dir/without.$mode.cmp" "$dir/with.$mode.cmp" | head -c 600)"; return
    fi
    if ! cmp -s "$dir/with.$mode.err" "$dir/without.$mode.err"; then
      bad $name "--timeout $mode: stderr (validation of the next declaration) differs: $(diff "$dir/without.$mode.err" "$dir/with.$mode.err" | head -c 600)"; return
    fi
    if [ "$(field '.declarations[0].counts.fail + .declarations[0].counts.pass' "$dir/with.$mode.json")" = 0 ] ||
       [ "$(field '[.declarations[0].policies[] | select(.id == "AA-00") | .status] | join(",")' "$dir/with.$mode.json")" != pass ]; then
      bad $name "--timeout $mode: the hostile policy did not run or reached shared state"; return
    fi
  done
  ok $name
}

# ---------------------------------------------------------------- main

if [ ! -x "$KYOJIN" ]; then echo "kyojin binary $KYOJIN not found (run make)"; echo "0 passed, 1 failed"; exit 1; fi
for f in $ADV/policy/*.lua $ADV/policy/*.meta; do
  [ -e "$f" ] || continue
  policy_case "$f"
done
decl_cases
crash_case
batch_case
interrupt_case
sigterm_in_process_case
print_case
text_injection_case
isolation_batch_case
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
