#!/usr/bin/env bash
# tests/run.sh [SUITE...] — runs the test suites tests/suites/SUITE.sh (every one without an
# argument) and ends with "N passed, N failed". Each suite prints its own "N passed, N failed"
# line; this script adds them up and prints each suite's wall time. An unknown suite name
# exits 2 and lists the suites.
#
# Suites run KYOJIN_TEST_JOBS at a time (default 2, the cores of the project's machines; 1:
# one after another), the longest first (times of the previous run, kept in
# $BUILD/suite-times.tsv), except the adversarial suite, whose time limits want the machine
# to itself: it runs first, alone. Each suite's output is printed in name order. What the
# suites build with make (the unit tests, the report render driver) is built once first, so
# that two suites never run make on the same files at once.
#
# Checks only: the test dependencies are installed by tests/deps.sh (make test runs it).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD
JOBS=${KYOJIN_TEST_JOBS:-2}
case $JOBS in '' | *[!0-9]* | 0) echo "KYOJIN_TEST_JOBS must be a positive integer" >&2; exit 2 ;; esac

all=()
for f in tests/suites/*.sh; do [ -e "$f" ] && all+=("$(basename "$f" .sh)"); done
if [ $# -gt 0 ]; then
  suites=()
  for s in "$@"; do
    s=${s%.sh}; s=${s##*/}
    if [ ! -f "tests/suites/$s.sh" ]; then
      echo "tests/run.sh: no suite \"$s\"; the suites are: ${all[*]}" >&2
      exit 2
    fi
    suites+=("$s")
  done
else
  suites=("${all[@]}")
fi

# Built once, before suites run in parallel (each suite still runs its own make, then a no-op).
pre=()
for s in "${suites[@]}"; do
  case $s in
    unit) pre+=(unit-tests) ;;
    reports) pre+=("$BUILD/report-render") ;;
  esac
done
if [ "$JOBS" -gt 1 ] && [ ${#pre[@]} -gt 0 ]; then
  make -s BUILD="$BUILD" CFLAGS="${CFLAGS:--O2}" LDFLAGS="${LDFLAGS:-}" "${pre[@]}" >/dev/null 2>&1 || true
fi

# Longest first by the previous run's times; without them, by these (seconds on an idle
# 2-core machine), or 10.
times_file=$BUILD/suite-times.tsv
default_times="reports 115 adversarial 38 rollup 14 unit 12 golden 10 schema 7 policies 5 alloc_sweep 5
  bundle 3 format 3 fastval 2 risk 2 fuzz_regressions 1 e2e 1 coverage 1"
order=$(for s in "${suites[@]}"; do
  t=$(awk -v n="$s" '$1 == n { print $2 }' "$times_file" 2>/dev/null | tail -n 1)
  [ -n "$t" ] || t=$(printf '%s\n' $default_times | paste - - | awk -v n="$s" '$1 == n { print $2 }')
  printf '%s %s\n' "${t:-10}" "$s"
done | sort -k1,1 -g -r -s | awk '{ print $2 }')

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start_suite() { # NAME: runs in the background; output, exit code and wall time to $work
  local name=$1
  (
    t0=$(date +%s.%N)
    bash "tests/suites/$name.sh" >"$work/$name.out" 2>&1 </dev/null
    rc=$?
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }' >"$work/$name.time"
    # CPU time (user + system) of the suite's processes: comparable when the machine is busy
    times >"$work/$name.times"
    tail -n 1 "$work/$name.times" | awk '{ for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); c += t[1] * 60 + t[2] }
                                           printf "%.1f\n", c }' >"$work/$name.cpu"
    echo "$rc" >"$work/$name.rc"
  ) &
}

# Suites that measure how soon something is stopped (wall-clock limits) run by themselves
# first (the adversarial suite shares its own cases between two runs), the others after them.
ALONE=" adversarial "
for s in $order; do
  case $ALONE in *" $s "*) start_suite "$s"; wait ;; esac
done
running=0
for s in $order; do
  case $ALONE in *" $s "*) continue ;; esac
  if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
  start_suite "$s"
  running=$((running + 1))
done
wait

passed=0; failed=0
: >"$work/times"
for name in "${suites[@]}"; do
  out=$(cat "$work/$name.out" 2>/dev/null)
  rc=$(cat "$work/$name.rc" 2>/dev/null || echo 1)
  secs=$(cat "$work/$name.time" 2>/dev/null || echo 0)
  cpu=$(cat "$work/$name.cpu" 2>/dev/null || echo 0)
  echo "== $name"
  # the failures above the last 40 lines, then the last 40 lines
  n=$(printf '%s\n' "$out" | wc -l)
  [ "$n" -le 40 ] || printf '%s\n' "$out" | head -n $((n - 40)) | grep -E 'FAIL|FAILED|ERROR' | head -n 40
  printf '%s\n' "$out" | tail -n 40
  line=$(printf '%s\n' "$out" | grep -E '^[A-Za-z_]*:? ?[0-9]+ passed, [0-9]+ failed' | tail -n 1)
  if [ -n "$line" ]; then
    p=$(printf '%s' "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
    f=$(printf '%s' "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "suite $name exited $rc"; fi
  else
    if [ "$rc" -eq 0 ]; then p=1; f=0; else p=0; f=1; echo "suite $name failed (exit $rc)"; fi
  fi
  passed=$((passed + p)); failed=$((failed + f))
  echo "-- $name: $p passed, $f failed, ${secs} s (CPU ${cpu} s)"
  printf '%s\t%s\n' "$name" "$secs" >>"$work/times"
done

# keep the times of this run (and those of suites not run this time) for the next ordering
if [ -d "$BUILD" ]; then
  { awk -F'\t' 'NR == FNR { seen[$1] = 1; next } !($1 in seen)' "$work/times" "$times_file" 2>/dev/null
    cat "$work/times"; } | sort >"$work/times.new" && mv "$work/times.new" "$times_file"
fi
echo "suite times (s): $(sort -t"$(printf '\t')" -k2,2 -g -r "$work/times" | awk -F'\t' '{ printf "%s %s  ", $1, $2 }')"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
