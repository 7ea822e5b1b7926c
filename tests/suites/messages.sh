#!/usr/bin/env bash
# The error messages of the roll-up commands (core/rollup) and of the file reader
# (core/util/fileio.c) in both languages: Japanese by default, English with --lang en.
# Each case checks the exit code and the whole message line: a missing file (summary, diff,
# check --baseline, check), a JSON syntax error told with line:column and the reason of the
# strict declaration scanner (a truncated object is a syntax error, not "no declarations"),
# documents that are JSON but not result documents, and gen's output directory.
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8 NO_COLOR=1
unset KYOJIN_LANG
. tests/suites/lib/expect.sh
[ -x "$K" ] || make -s kyojin >/dev/null || { echo "messages: cannot build kyojin"; exit 1; }

# says NAME RC TEXT CMD... — CMD exits RC and the first line of its standard error is TEXT
says() {
  local name=$1 rc=$2 text=$3 got; shift 3
  expect_rc "$name" "$rc" "$@"
  got=$(head -1 "$T/err")
  if [ "$got" = "$text" ]; then ok; else bad "$name: got '$got', expected '$text'"; fi
}

cd "$T" || exit 1
K=$(cd "$OLDPWD" && realpath "$K")
SAMPLE=$(cd "$OLDPWD" && realpath samples/base.json)
printf '{\n' >bad.json
printf '{"schema": "kyojin/result/v1",\n "declarations": [\n  {"file": "a.json"},\n  {"file": \n' >cut.json
printf '{"a": 1}' >nodecl.json
printf '{"schema": "x", "declarations": []}' >schema.json
printf '{"schema": "kyojin/result/v1", "declarations": [1]}' >elem.json
printf '{"schema": "kyojin/result/v1", "declarations": {}}' >notarr.json
printf '{"a": 1} x' >trail.json
printf '{"schema": "kyojin/result/v1", "declarations": []}\n}' >trail2.json
: >empty.json
printf '{"schema": "kyojin/result/v1"}' >base-nodecl.json

# summary / diff: a missing file
says "summary missing (ja)" 3 "kyojin summary: nonexist.json: ファイルまたはディレクトリがありません" "$K" summary nonexist.json
says "summary missing (en)" 3 "kyojin summary: nonexist.json: no such file or directory" "$K" summary nonexist.json --lang en
says "diff missing (ja)" 3 "kyojin diff: a.json: ファイルまたはディレクトリがありません" "$K" diff a.json b.json
says "diff missing (en)" 3 "kyojin diff: a.json: No such file or directory" "$K" --lang en diff a.json b.json

# JSON syntax errors: position and reason
says "summary truncated (ja)" 3 "kyojin summary: bad.json:2:1: 入力が途中で終わっています（} が足りません）" "$K" summary bad.json
says "summary truncated (en)" 3 "kyojin summary: bad.json:2:1: unexpected end of input (missing })" "$K" summary bad.json --lang=en
says "diff truncated in declarations (ja)" 3 "kyojin diff: cut.json:5:1: 入力が途中で終わっています（値が必要です）" "$K" diff cut.json cut.json
says "diff truncated in declarations (en)" 3 "kyojin diff: cut.json:5:1: unexpected end of input (expected a value)" "$K" diff cut.json cut.json --lang en
says "summary trailing data (ja)" 3 "kyojin summary: trail.json:1:10: JSON の値の後ろに余分なデータがあります" "$K" summary trail.json
says "diff trailing data (en)" 3 "kyojin diff: trail2.json:2:1: unexpected data after the JSON value" "$K" diff trail2.json trail2.json --lang en
says "summary empty file (en)" 3 "kyojin summary: empty.json: the file is empty (expected a JSON object { ... })" "$K" summary empty.json --lang en

# JSON, but not a result document
says "summary no declarations (ja)" 3 "kyojin summary: nodecl.json: kyojin の結果文書ではありません（\"declarations\" がありません）" "$K" summary nodecl.json
says "summary no declarations (en)" 3 "kyojin summary: nodecl.json: not a kyojin result document (no \"declarations\")" "$K" summary nodecl.json --lang en
says "summary schema (ja)" 3 "kyojin summary: schema.json: kyojin の結果文書ではありません（schema が \"x\" です）" "$K" summary schema.json
says "summary schema (en)" 3 "kyojin summary: schema.json: not a kyojin result document (schema \"x\")" "$K" summary schema.json --lang en
says "summary element (ja)" 3 "kyojin summary: elem.json:1:49: declarations の要素がオブジェクトではありません" "$K" summary elem.json
says "summary element (en)" 3 "kyojin summary: elem.json:1:49: an element of declarations is not an object" "$K" summary elem.json --lang en
says "diff declarations not an array (ja)" 3 "kyojin diff: notarr.json: \"declarations\" が配列ではありません" "$K" diff notarr.json notarr.json
says "diff declarations not an array (en)" 3 "kyojin diff: notarr.json: \"declarations\" is not an array" "$K" diff notarr.json notarr.json --lang en

# check --baseline (exit 2, as any bad option)
says "--baseline syntax (ja)" 2 "kyojin: --baseline: bad.json:2:1: 入力が途中で終わっています（} が足りません）" "$K" check "$SAMPLE" --baseline bad.json
says "--baseline syntax (en)" 2 "kyojin: --baseline: bad.json:2:1: unexpected end of input (missing })" "$K" check "$SAMPLE" --baseline bad.json --lang en
says "--baseline missing (ja)" 2 "kyojin: --baseline: nonexist.json: ファイルまたはディレクトリがありません" "$K" check "$SAMPLE" --baseline nonexist.json
says "--baseline missing (en)" 2 "kyojin: --baseline: nonexist.json: No such file or directory" "$K" check "$SAMPLE" --baseline nonexist.json --lang en
says "--baseline not a result (ja)" 2 "kyojin: --baseline: base-nodecl.json: kyojin の結果文書ではありません（\"declarations\" がありません）" "$K" check "$SAMPLE" --baseline base-nodecl.json
says "--baseline not a result (en)" 2 "kyojin: --baseline: base-nodecl.json: not a kyojin result document (no \"declarations\")" "$K" check "$SAMPLE" --baseline base-nodecl.json --lang en

# a declaration that cannot be opened: the reason in the language of the message
says "check missing (ja)" 2 "nonexist.json: ファイルを開けません: ファイルまたはディレクトリがありません" "$K" check nonexist.json
says "check missing (en)" 2 "nonexist.json: cannot open the file: No such file or directory" "$K" check nonexist.json --lang en

# check --param / --params: the engine's parameter messages follow --lang (issue 13)
printf '{"ST-06": {"max_refresh_days": "x"}}' >params.json
says "param no such name (ja)" 2 "kyojin: --param: ポリシー ST-06 にパラメータ 'nonexist' はありません" "$K" check "$SAMPLE" --param ST-06.nonexist=3
says "param no such name (en)" 2 "kyojin: --param: policy ST-06 has no parameter 'nonexist'" "$K" check "$SAMPLE" --param ST-06.nonexist=3 --lang en
says "param not a number (ja)" 2 "kyojin: --param: パラメータ ST-06.max_refresh_days は数値で指定してください（'abc' が指定されました）" "$K" check "$SAMPLE" --param ST-06.max_refresh_days=abc
says "param not a number (en)" 2 "kyojin: --param: parameter ST-06.max_refresh_days must be a number (got 'abc')" "$K" check "$SAMPLE" --param ST-06.max_refresh_days=abc --lang en
says "param unknown policy (ja)" 2 "kyojin: --param: ポリシー 'XX-99' がありません（パラメータ 'XX-99.a'）" "$K" check "$SAMPLE" --param XX-99.a=1
says "param unknown policy (en)" 2 "kyojin: --param: unknown policy 'XX-99' in parameter 'XX-99.a'" "$K" check "$SAMPLE" --param XX-99.a=1 --lang en
says "params file type (ja)" 2 "kyojin: params.json: パラメータ ST-06.max_refresh_days は数値で指定してください" "$K" check "$SAMPLE" --params params.json
says "params file type (en)" 2 "kyojin: params.json: parameter ST-06.max_refresh_days must be a number" "$K" check "$SAMPLE" --params params.json --lang en
long=$(printf 'ST-06.max_refresh_days=%01500d' 7)
expect_rc "a --param longer than 1,024 bytes is read whole" 0 "$K" check "$SAMPLE" --param "$long" --format json --no-risk

# gen: the output directory cannot be made
says "gen mkdir (ja)" 4 "kyojin gen: nodir/sub: ファイルまたはディレクトリがありません" "$K" gen --out nodir/sub --count 1
says "gen mkdir (en)" 4 "kyojin gen: nodir/sub: No such file or directory" "$K" gen --out nodir/sub --count 1 --lang en

echo "messages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
