#!/usr/bin/env bash
# Adversarial cases (tests/adversarial/run.sh): hostile policies and declarations. ADV_JOBS runs
# share the cases (ADV_CLAIM_DIR): most of the time goes to cases that wait for a CPU-time or
# wall-clock limit, so two at once take about half the time; the cases that burn CPU up to a
# limit take turns. By default two runs when the machine is idle (load average below the number
# of cores), else one: the cases' time limits are wall-clock times. Ends with one
# "N passed, N failed" line over all runs.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
jobs=${ADV_JOBS:-}
if [ -z "$jobs" ]; then
  load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
  jobs=$(awk -v l="$load" -v c="$(nproc 2>/dev/null || echo 1)" 'BEGIN { print (c >= 2 && l < c) ? 2 : 1 }')
fi
echo "adversarial: $jobs run(s) sharing the cases"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
mkdir "$T/claims"
for ((j = 0; j < jobs; j++)); do
  ADV_CLAIM_DIR=$T/claims tests/adversarial/run.sh "$K" >"$T/out.$j" 2>&1 &
done
wait
passed=0 failed=0
for ((j = 0; j < jobs; j++)); do
  grep -v -E '^[0-9]+ passed, [0-9]+ failed$' "$T/out.$j"
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$T/out.$j" | tail -n 1)
  if [ -z "$line" ]; then failed=$((failed + 1)); echo "FAIL: run $j of tests/adversarial/run.sh did not finish"; continue; fi
  passed=$((passed + ${line%% *})); f=${line#*, }; failed=$((failed + ${f%% *}))
done
# every case ran once: the claims name them all
echo "cases claimed: $(ls "$T/claims" | wc -l)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
