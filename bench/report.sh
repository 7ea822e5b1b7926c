#!/bin/bash
# report.sh RESULTS.tsv OUT.json OUT.md — turn the measurements of bench/run.sh (key<TAB>value
# lines, dotted keys) into bench/results.json and the tables of bench/results.md.
# report.sh --merge PART.tsv OUT.json OUT.md — `bench/run.sh soak` / `bench/run.sh national`:
# put the records of one part (soak.*, national.*) into the existing OUT.json, replacing that
# part, and write OUT.md again.
set -euo pipefail
merge=0
if [ "$1" = --merge ]; then merge=1; shift; fi
tsv=$1 json=$2 md=$3

if [ "$merge" = 1 ]; then
  [ -f "$json" ] || { echo "report.sh: $json missing (run make bench once)" >&2; exit 1; }
  jq -R -s --slurpfile old "$json" '
    def num: if test("^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$") then tonumber else . end;
    [split("\n")[] | select(length > 0) | split("\t") | {k: (.[0] | split(".")), v: (if (.[0] | endswith("commit")) then .[1] else (.[1] | num) end)}]
    | reduce .[] as $e ({}; setpath($e.k; $e.v))
    | $old[0] + .' "$tsv" >"$json.tmp"
  mv "$json.tmp" "$json"
else
# Nested JSON from dotted keys; derived figures (per file, start, per KB, ratios, goals).
jq -R -s '
  def num: if test("^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$") then tonumber else . end;
  def pf: if .i1 != null then
      .per_file = ((.i10 - .i1) / (.n - 1)) | .start = (.i1 - .per_file) else . end;
  [split("\n")[] | select(length > 0) | split("\t") | {k: (.[0] | split(".")), v: (if (.[0] | endswith("commit")) then .[1] else (.[1] | num) end)}]
  | reduce .[] as $e ({}; setpath($e.k; $e.v))
  | .micro |= (with_entries(if (.value | type) == "object" and .value.i1 != null then .value |= pf else . end))
  | .micro.per_file_ratio = (.micro as $m | reduce ("lua", "jq", "cel", "oscap", "floor") as $p ({};
        .[$p] = ($m.kyojin.per_file / $m[$p].per_file)))
  | .full |= (reduce ("s", "m", "l") as $s (.;
        .[$s].kyojin |= pf | .[$s].floor |= pf | (if .[$s].kyojin_inproc then .[$s].kyojin_inproc |= pf else . end)
        | .[$s].kyojin.per_kb = (.[$s].kyojin.per_file / (.[$s].bytes / 1024))
        | .[$s].floor.per_kb = (.[$s].floor.per_file / (.[$s].bytes / 1024))
        | .[$s].ratio_to_floor = (.[$s].kyojin.per_file / .[$s].floor.per_file)))
  | .batch.kyojin |= pf
  | .batch.kyojin.per_kb = (.batch.kyojin.per_file / (.batch.bytes / 1024))
  | .goals = [
      {goal: "micro warm per file: kyojin <= 1.2x plain Lua + lua-cjson",
       measured: (.micro.kyojin.per_file / .micro.lua.per_file), limit: 1.2, unit: "x"},
      {goal: "full run warm per file on 50 KB: kyojin <= 4x cJSON parse floor",
       measured: .full.m.ratio_to_floor, limit: 4, unit: "x"},
      {goal: "cost per KB roughly flat (largest / smallest per-KB cost over ~2 KB, 55 KB, 250 KB)",
       measured: ([.full.s.kyojin.per_kb, .full.m.kyojin.per_kb, .full.l.kyojin.per_kb] | max / min),
       limit: 1.5, unit: "x"},
      {goal: "batch peak memory <= 64 MiB (--format json)",
       measured: (.batch.json.maxrss_kib / 1024), limit: 64, unit: "MiB"},
      {goal: "cold start, full pack <= 10 M instructions",
       measured: (.cold.kyojin_full / 1e6), limit: 10, unit: "M"}
    ]
  | .goals |= map(.met = (.measured <= .limit))
' "$tsv" >"$json.tmp"
mv "$json.tmp" "$json"
fi

jq -r '
  def m: if . == null then "–" elif . < 0 then "≈0" else (. / 1e6 * 100 | round / 100 | tostring) end;
  def r: if . == null then "–" else (. * 100 | round / 100 | tostring) + "×" end;
  def r1: if . == null then "–" else (. * 10 | round / 10 | tostring) end;
  def kib: (. / 1024 * 10 | round / 10 | tostring) + " KB";
  . as $d
  | .micro as $mi | .wall as $w | .cold as $c
  | "# kyojin benchmarks — results",
    "",
    "Measured \($d.env.date) on \($d.env.os), \($d.env.cpu), \($d.env.cores) cores (commit \($d.env.commit))." +
      (if $d.env.quick == 1 then " **Quick run (BENCH_QUICK=1): reduced batch and repetitions.**" else "" end),
    "Reproduce with `make bench` (see bench/README.md). Instruction counts: valgrind callgrind, summed",
    "over every process (kyojin evaluates in a forked watchdog worker by default; the counts a forked child",
    "inherits from its parent are dropped with `--zero-before=kyojin_child_start`, so nothing is counted twice);",
    "per-file cost = (instructions for 10 files − for 1 file) / 9 in one process; start = 1-file total − per-file.",
    "Wall-time figures are ratios of hyperfine means taken in this one session (absolute times vary 10–15 % between VMs).",
    "M = million instructions.",
    "",
    "## 1. Micro suite (5 checks, same work for every peer)",
    "",
    "Checks (bench/micro/README.md): ST-01 clipboard blocked both ways, ST-05 encryption on every screen transfer,",
    "BM-02 every enabled EDR has managed monitoring and a CSIRT link, PV-03 no unpatched vulnerability with",
    "CVSS ≥ 9.0 or exploited, AP-01 every declared anti-malware has behaviour detection.",
    "All peers gave the same \($mi.verdicts) verdicts (\($mi.fails) fail) on \($mi.files) generated declarations",
    "(~2 KB, ~55 KB, ~250 KB) before any figure was taken. Figures on ten ~\($mi.bytes | kib) declarations.",
    "",
    "kyojin runs with `--no-risk` (verdicts only, the work the peers do); the column \"kyojin + risk\" is its",
    "default run, which also computes the risk analysis for every asset.",
    "",
    "| figure | kyojin | kyojin + risk | plain Lua + lua-cjson | jq | CEL (Node, cel-js) | oscap (OVAL) | cJSON parse (floor) |",
    "|---|---|---|---|---|---|---|---|",
    "| instructions per file (M) | \($mi.kyojin.per_file | m) | \($mi.kyojin_risk.per_file | m) | \($mi.lua.per_file | m) | \($mi.jq.per_file | m) | \($mi.cel.per_file | m) | \($mi.oscap.per_file | m) | \($mi.floor.per_file | m) |",
    "| instructions to start (M) | \($mi.kyojin.start | m) | \($mi.kyojin_risk.start | m) | \($mi.lua.start | m) | \($mi.jq.start | m) | \($mi.cel.start | m) | \($mi.oscap.start | m) | \($mi.floor.start | m) |",
    "| per file: kyojin ÷ peer | – | – | \($mi.per_file_ratio.lua | r) | \($mi.per_file_ratio.jq | r) | \($mi.per_file_ratio.cel | r) | \($mi.per_file_ratio.oscap | r) | \($mi.per_file_ratio.floor | r) |",
    "| wall, 10 files: kyojin ÷ peer | – | – | \($w.micro.kyojin / $w.micro.lua | r) | \($w.micro.kyojin / $w.micro.jq | r) | \($w.micro.kyojin / $w.micro.cel | r) | \($w.micro.kyojin / $w.micro.oscap | r) | \($w.micro.kyojin / $w.micro.floor | r) |",
    "",
    "## 2. Full run (whole policy pack, \($d.full.policies) policies, risk scoring: \($d.full.risk))",
    "",
    "| declaration size | kyojin per file (M) | kyojin per KB (M) | kyojin start (M) | cJSON parse per file (M) | cJSON per KB (M) | kyojin ÷ floor |",
    "|---|---|---|---|---|---|---|",
    ( ["s", "m", "l"][] as $s | $d.full[$s] |
      "| \(.bytes | kib) | \(.kyojin.per_file | m) | \(.kyojin.per_kb | m) | \(.kyojin.start | m) | \(.floor.per_file | m) | \(.floor.per_kb | m) | \(.ratio_to_floor | r) |"),
    "",
    "Wall, ten ~55 KB declarations: kyojin ÷ cJSON parse = \($w.full.kyojin / $w.full.floor | r).",
    "In one process (`--timeout 0`, no watchdog worker), ~55 KB: \($d.full.m.kyojin_inproc.per_file | m) M per file, \($d.full.m.kyojin_inproc.per_file / $d.full.m.floor.per_file | r) the floor; the worker costs \(($d.full.m.kyojin.per_file - $d.full.m.kyojin_inproc.per_file) | m) M per file (the request, the captured messages and the rendered result crossing a socket).",
    "",
    "## 3. National batch (\($d.batch.n) declarations of ~\($d.batch.bytes | kib) in one `kyojin check` call)",
    "",
    "| figure | --format json | --format text |",
    "|---|---|---|",
    "| wall time (s) | \($d.batch.json.wall) | \($d.batch.text.wall) |",
    "| peak memory (MiB, max RSS) | \($d.batch.json.maxrss_kib / 1024 | r1) | \($d.batch.text.maxrss_kib / 1024 | r1) |",
    "| instructions per declaration (M) | \($d.batch.kyojin.per_file | m) | – |",
    "| instructions per KB (M) | \($d.batch.kyojin.per_kb | m) | – |",
    "",
    "Instructions per declaration: callgrind over the first \($d.batch.kyojin.n) files of the batch corpus ((N − 1) difference);",
    "the whole batch under callgrind would take too long. Wall time and memory: /usr/bin/time -v over the whole batch.",
    "",
    "## 4. Cold start (one ~\($c.bytes | kib) declaration, one process)",
    "",
    "| figure | kyojin, full pack | kyojin, micro pack, --no-risk | plain Lua + lua-cjson | jq | CEL (Node, cel-js) | oscap (OVAL) | cJSON parse (floor) |",
    "|---|---|---|---|---|---|---|---|",
    "| instructions (M) | \($c.kyojin_full | m) | \($c.kyojin_micro | m) | \($c.lua | m) | \($c.jq | m) | \($c.cel | m) | \($c.oscap | m) | \($c.floor | m) |",
    "| instructions: kyojin full pack ÷ this | 1× | \($c.kyojin_full / $c.kyojin_micro | r) | \($c.kyojin_full / $c.lua | r) | \($c.kyojin_full / $c.jq | r) | \($c.kyojin_full / $c.cel | r) | \($c.kyojin_full / $c.oscap | r) | \($c.kyojin_full / $c.floor | r) |",
    "| wall: kyojin full pack ÷ this | 1× | \($w.cold.kyojin_full / $w.cold.kyojin_micro | r) | \($w.cold.kyojin_full / $w.cold.lua | r) | \($w.cold.kyojin_full / $w.cold.jq | r) | \($w.cold.kyojin_full / $w.cold.cel | r) | \($w.cold.kyojin_full / $w.cold.oscap | r) | \($w.cold.kyojin_full / $w.cold.floor | r) |",
    "",
    "Peers run the micro suite (they have no full pack); kyojin is shown with both.",
    "Full pack in one process (`--timeout 0`, no watchdog worker): \($c.kyojin_full_inproc | m) M.",
    "",
    ( $d.soak // empty | . as $s |
      def mib: (. / 1024 * 100 | round / 100 | tostring) + " MiB";
      def grow: if .first_quarter_max > 0 then ((.last_quarter_max / .first_quarter_max - 1) * 1000 | round / 10 | tostring) + " %" else "–" end;
      "## 5. Soak test (\($s.n) declarations, `--jobs 2`, one limit hit on every tenth)",
      "",
      "`bench/soak.sh` (alone: `make bench-soak` or `bench/run.sh soak`): one `kyojin check --jobs 2 --timeout 2 --format text`",
      "over \($s.n) generated small declarations (`kyojin gen`, seeds 1, 2, … of the national set) with the whole policy pack",
      "plus `bench/soak/hostile.lua`, which on every declaration whose body code ends in 0 runs into a limit chosen by the",
      "tens digit of the code: \($s.class.instructions) × instruction budget, \($s.class.memory) × memory cap, \($s.class.wall_clock) × watchdog wall-clock",
      "limit (the worker is killed and replaced), \($s.class.runtime_error) × runtime error, \($s.class.findings) × finding limit.",
      "/proc sampled every second (\($s.samples) samples): resident memory of the parent, of the batch workers and of the",
      "watchdog workers (largest of each), and the open descriptors of the parent. Flat = the maximum of the last quarter at most",
      "10 % above that of the first quarter (descriptors: not above it).",
      "",
      "| resident memory (VmRSS) / descriptors | first quarter max | last quarter max | growth | whole run max |",
      "|---|---|---|---|---|",
      "| parent RSS | \($s.parent_rss_kib.first_quarter_max | mib) | \($s.parent_rss_kib.last_quarter_max | mib) | \($s.parent_rss_kib | grow) | \($s.parent_rss_kib.max | mib) |",
      (if $s.worker_rss_kib.max > 0 then
      "| batch worker RSS | \($s.worker_rss_kib.first_quarter_max | mib) | \($s.worker_rss_kib.last_quarter_max | mib) | \($s.worker_rss_kib | grow) | \($s.worker_rss_kib.max | mib) |"
      else empty end),
      "| watchdog worker RSS | \($s.evaluator_rss_kib.first_quarter_max | mib) | \($s.evaluator_rss_kib.last_quarter_max | mib) | \($s.evaluator_rss_kib | grow) | \($s.evaluator_rss_kib.max | mib) |",
      "| parent open descriptors | \($s.parent_fds.first_quarter_max) | \($s.parent_fds.last_quarter_max) | – | \($s.parent_fds.max) |",
      "",
      "Measured \($s.date) (commit \($s.commit)). Wall time \($s.wall) s under `nice` on the shared machine (exit \($s.exit): policy errors, as expected);",
      "at most \($s.processes.max) kyojin processes at once.",
      "Report: \($s.accounted) of \($s.n) declarations, each once; the hostile policy failed on exactly its \($s.hostile)",
      "declarations (\($s.hostile_errors) errors), each with the reason of its class; \($s.stalled // 0) of them were stopped by the",
      "wall-clock limit first (slowed down by the shared machine). Left behind: \($s.leftover_processes) processes,",
      "\($s.leftover_tmp) temp files. Checks failed: \($s.problems).",
      "" ),
    ( $d.national // empty | . as $n |
      def mib: (. / 1024 * 10 | round / 10 | tostring);
      def size: if . >= 1048576 then (. / 1048576 * 10 | round / 10 | tostring) + " MiB"
                else (. / 1024 * 10 | round / 10 | tostring) + " KiB" end;
      "## 6. National batch per format (\($n.n) declarations, \($n.bytes | size), `bench/national.sh`)",
      "",
      "`make bench-national` (or `bench/run.sh national`): `kyojin gen --seed 1`, then `kyojin check DIR --format F -o FILE`",
      "for every format with `--jobs 1` and `--jobs 2`, run alternately \($n.runs) times each, and `kyojin summary` of the",
      "JSON result. Wall and CPU (user + sys of the whole process tree, GNU time): medians; jobs 1 ÷ jobs 2: median of the",
      "ratios of the runs taken side by side (the machine is shared, so only ratios taken together are compared).",
      "Peak, one process: the maximum resident set of GNU time, which Linux gives as the maximum over kyojin and every",
      "evaluator it reaped (not a sum). Peak, all: the largest sum of the resident sets of the kyojin processes of the run,",
      "sampled every 0.2 s (pages shared copy-on-write counted in each). Load average \($n.load_start) at the start,",
      "\($n.load_end) at the end; measured \($n.date) (commit \($n.commit // "?")).",
      "",
      "| format | jobs | wall (s) | CPU (s) | jobs 1 ÷ jobs 2 | peak, one process (MiB) | peak, all (MiB) | output |",
      "|---|---|---|---|---|---|---|---|",
      ( ["text", "json", "html", "csv", "xlsx", "sarif", "junit"][] as $f | $n[$f] // empty | . as $x |
        ( "| \($f) | 1 | \($x.j1.wall) | \($x.j1.cpu) | \($x.ratio * 100 | round / 100)× | \($x.j1.maxrss_kib | mib) | \($x.j1.sumrss_kib | mib) | \($x.j1.bytes | size) |",
          "| \($f) | 2 | \($x.j2.wall) | \($x.j2.cpu) | | \($x.j2.maxrss_kib | mib) | \($x.j2.sumrss_kib | mib) | \($x.j2.bytes | size) |" ) ),
      "| summary of the JSON result (\($n.summary.input_bytes | size)) | – | \($n.summary.wall) | \($n.summary.cpu) | | \($n.summary.maxrss_kib | mib) | | \($n.summary.bytes | size) |",
      "",
      "Left in TMPDIR after all runs: \($n.leftover_tmp) entries.",
      "" ),
    "## Goals",
    "",
    "| goal | measured | met |",
    "|---|---|---|",
    ( $d.goals[] | "| \(.goal) | \(.measured * 100 | round / 100) \(.unit) | \(if .met then "yes" else "**no**" end) |" ),
    "",
    "## Where the instructions go (callgrind_annotate)",
    "",
    "Profiles are taken with a build of the same objects that links Lua statically (the liblua5.4.so of Debian has no",
    "symbols), in separate callgrind runs, evaluating in-process (`--timeout 0`: no watchdog worker). Phases: `decl_load_file` read + strict scan + cJSON parse + line index +",
    "SHA-256 (`sha256_update`); `runner_validate` schema validation (lua/kyojin/validate.lua); `push_node`/`luaconv_push`",
    "conversion of the cJSON tree to Lua tables; `install_kyojin` installing the helpers for a declaration; `run_chunk`",
    "running a policy chunk (at load and, if the engine re-runs them, per declaration); `lua_gc`/`luaC_fullgc` full GC;",
    "`sb_alloc` the sandbox allocator; `proxy_index` reads through the read-only view and `luaconv_take_log` the",
    "read log (`fields_read`); `risk_compute` risk scoring; `report_write` the result document;",
    "`runner_new` loading the policy pack; `sort` table.sort in Lua.",
    "",
    "### Warm cost per declaration, by phase",
    "",
    "(instructions for 10 files − for 1 file) / 9 per phase, profiling build; phases nest (e.g. `push_node` runs inside",
    "`runner_validate` and `runner_eval`), so shares do not add up to 100 %.",
    "",
    ( $d.phases | to_entries[] | .key as $k | .value as $v |
      "**\($k)** (\($v.per_file / 1e6 * 100 | round / 100) M per declaration)", "",
      "| phase | M per declaration | share |", "|---|---|---|",
      ( $v.top | to_entries | sort_by(.key)[] | .value | split(" ") | "| `\(.[2])` | \(.[0]) | \(.[1]) % |" ),
      "" ),
    "### Whole runs (10 files including start; cold start: 1 file)",
    "",
    ( $d.profile | to_entries[] |
      "### \(.key)", "",
      "- inclusive (phases): " +
        ([.value.inclusive | to_entries | sort_by(.key)[] | .value | split(" ") | "`\(.[1])` \(.[0]) %"] | join(", ")),
      "- self (top functions): " +
        ([.value.self | to_entries | sort_by(.key)[] | .value | split(" ") | "`\(.[1])` (\(.[2])) \(.[0]) %"] | join(", ")),
      "- self by object: " +
        ([.value.objects | to_entries | sort_by(-.value)[] | "\(.key) \(.value) %"] | join(", ")),
      "" ),
    "## Versions",
    "",
    ( $d.version | to_entries[] | "- \(.key): \(.value)" )
' "$json" >"$md.tmp"
mv "$md.tmp" "$md"
