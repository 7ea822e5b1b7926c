#!/usr/bin/env bash
# Allocation-failure sweep (tests/alloc_sweep/sweep.c): a representative check (runner setup
# with two policies and schema validation; loading, validating, evaluating and reporting a
# declaration) with the Nth heap allocation failing, for N over the whole run: no crash, no
# leak, a clean error. make test samples every ALLOC_SWEEP_STEP-th N of the setup phase and
# every ALLOC_SWEEP_EVAL_STEP-th of the evaluation (defaults 31 and 9, about a minute);
# ALLOC_SWEEP_FULL=1 (CI) sweeps every N.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
CC=${CC:-cc}
# the objects of today's sources (a stale object of a renamed source is not linked)
OBJS=$(for s in core/*/*.c; do o="$BUILD/obj/${s#core/}"; o=${o%.c}.o; [ "${s#core/cli/}" = "$s" ] && [ -f "$o" ] && echo "$o"; done)
if [ -z "$OBJS" ]; then echo "no objects in $BUILD (run make)"; echo "0 passed, 1 failed"; exit 1; fi
bin=$BUILD/alloc-sweep
# shellcheck disable=SC2086
if ! $CC -std=c11 -Wall -Wextra -g ${CFLAGS:--O1} -Icore $(pkg-config --cflags lua5.4 libcjson) ${LDFLAGS:-} \
    tests/alloc_sweep/sweep.c $OBJS \
    -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=strdup,--wrap=strndup \
    $(pkg-config --libs lua5.4 libcjson libcrypto) -lxlsxwriter -lz -lexpat -lm -rdynamic -o "$bin"; then
  echo "alloc sweep: build failed"; echo "0 passed, 1 failed"; exit 1
fi
if [ "${ALLOC_SWEEP_FULL:-0}" = 1 ]; then s1=1; s2=1; else s1=${ALLOC_SWEEP_STEP:-31}; s2=${ALLOC_SWEEP_EVAL_STEP:-9}; fi
# leak accounting is the driver's own; LSan would also report the runner freed at exit only
ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0:allocator_may_return_null=1 \
  exec "$bin" tests/adversarial/policies/benign lua samples/alpha-town.json "$s1" "$s2"
