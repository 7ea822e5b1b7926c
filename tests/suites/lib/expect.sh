# expect.sh — the checks of the command-line suites (e2e.sh, cli.sh); sourced with $K (the
# kyojin binary) and $T (a temporary directory) set. Each check counts into passed/failed.
passed=0; failed=0
ok()   { passed=$((passed + 1)); }
bad()  { failed=$((failed + 1)); echo "FAIL: $*"; }
# expect_rc NAME RC CMD... — stdout to $T/out, stderr to $T/err
expect_rc() { local name=$1 want=$2; shift 2; "$@" >"$T/out" 2>"$T/err"; local rc=$?
  if [ "$rc" -eq "$want" ]; then ok; else bad "$name: exit $rc, expected $want"; head -5 "$T/err"; fi; }
# contains NAME FILE TEXT
contains() { local name=$1 file=$2 text=$3; if grep -qF -- "$text" "$file"; then ok; else bad "$name: '$text' not in $(basename "$file")"; head -5 "$file"; fi; }
