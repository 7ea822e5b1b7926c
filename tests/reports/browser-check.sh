#!/usr/bin/env bash
# browser-check.sh RESULT.json REPORT.html ARTDIR NAME [LANG]
# Renders REPORT.html in headless Chromium (a PNG screenshot, a PDF print and the DOM),
# and checks that the browser succeeded and that the page shows the key facts of
# RESULT.json: each body's name, its compliance verdict and its counts per status.
# Needs Debian's chromium, a Japanese font and poppler-utils (tests/deps.sh installs them).
# Prints one line per check and "N passed, N failed"; artefacts go to ARTDIR (not committed).
set -u
result=$1 html=$2 art=$3 name=$4 lang=${5:-ja}
passed=0 failed=0
ok()  { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL [$name]: $*"; }

need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
command -v jq >/dev/null 2>&1 || need="$need jq"
fc-list 2>/dev/null | grep -qi -e ipagothic -e ipapgothic -e "noto sans cjk" || need="$need fonts-ipafont-gothic"
[ -z "$need" ] || bad "missing:$need (tests/deps.sh installs them)"
if [ ! -x /usr/bin/chromium ]; then
  bad "chromium is not available"
  echo "$passed passed, $failed failed"; exit 1
fi

mkdir -p "$art"
abs_html=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
abs_art=$(cd "$art" && pwd)
png=$abs_art/$name.png pdf=$abs_art/$name.pdf dom=$abs_art/$name.dom.html
rm -f "$png" "$pdf" "$dom"

chrome() { # fresh profile per run; flags of the test contract
  local prof; prof=$(mktemp -d)
  timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-quic \
    --user-data-dir="$prof" "$@" 2>>"$abs_art/$name.chromium.log"
  local rc=$?
  rm -rf "$prof"
  return $rc
}

chrome --screenshot="$png" --window-size=1280,2000 "file://$abs_html" >/dev/null \
  && ok || bad "chromium --screenshot failed"
[ -s "$png" ] && [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] && ok || bad "no PNG screenshot"
chrome --print-to-pdf="$pdf" --no-pdf-header-footer "file://$abs_html" >/dev/null \
  && ok || bad "chromium --print-to-pdf failed"
[ -s "$pdf" ] && [ "$(head -c 5 "$pdf")" = "%PDF-" ] && ok || bad "no PDF"
chrome --dump-dom "file://$abs_html" >"$dom" && [ -s "$dom" ] && ok || bad "chromium --dump-dom failed"

# page text: the DOM with tags removed and the entities the writer uses decoded
text=$(sed -e 's/<[^>]*>/ /g' -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g' "$dom" | tr -s ' \n' ' ')
pdftext=$(pdftotext -q "$pdf" - 2>/dev/null | tr -d ' \n')

if [ "$lang" = en ]; then
  verdict_yes="Verdict: Compliant" verdict_no="Verdict: Not compliant"
  labels='{"fail":"fail","warn":"warning","error":"error","waived":"waived","pass":"pass","not_applicable":"not applicable","info":"info"}'
  fmt='"\(.l) \(.n)"' sep=', '
else
  verdict_yes="判定：準拠" verdict_no="判定：非準拠"
  labels='{"fail":"不適合","warn":"推奨未達","error":"評価エラー","waived":"例外承認","pass":"適合","not_applicable":"対象外","info":"参考"}'
  fmt='"\(.l) \(.n)件"' sep='、'
fi
ndecl=$(jq '.declarations | length' "$result")
for i in $(seq 0 $((ndecl - 1))); do
  body=$(jq -r ".declarations[$i].body.name" "$result")
  compliant=$(jq -r ".declarations[$i].compliant" "$result")
  haserr=$(jq -r ".declarations[$i].error != null" "$result")
  # counts per status over the policies, in the writer's order
  # a policy's level: the document's catalog (result v2) or the entry itself (v1)
  headline=$(jq -r --argjson L "$labels" --arg sep "$sep" "
    ((.catalog.policies // []) | map({(.id): .level}) | add // {}) as \$lv
    | .declarations[$i].policies | map(.level = (\$lv[.id] // .level)) as \$p
    | [\"fail\",\"warn\",\"error\",\"waived\",\"pass\",\"not_applicable\",\"info\"]
    | map({l: \$L[.], n: (. as \$s | [\$p[] | select(.status == \$s and (.level == \"required\" or .level == \"recommended\" or .level == \"info\"))] | length)})
    | map($fmt) | join(\$sep)" "$result")
  # as displayed: bidi controls removed, white space squeezed
  shown=$(printf '%s' "$body" | LC_ALL=C sed -e 's/\xe2\x80[\xaa-\xae]//g; s/\xe2\x81[\xa6-\xa9]//g' | tr -s ' \n' ' ')
  case "$text" in *"$shown"*) ok ;; *) bad "body name '$shown' not in the page" ;; esac
  head12=$(printf '%s' "$shown" | tr -d ' ' | cut -c1-12)
  case "$pdftext" in *"$head12"*) ok ;; *) bad "body name '$head12' not in the PDF text" ;; esac
  if [ "$haserr" = true ]; then :
  elif [ "$compliant" = true ]; then
    case "$text" in *"$verdict_yes"*) ok ;; *) bad "verdict '$verdict_yes' missing" ;; esac
    if [ "$ndecl" -eq 1 ]; then   # a batch page holds both verdicts
      case "$text" in *"$verdict_no"*) bad "verdict '$verdict_no' present for a compliant body" ;; *) ok ;; esac
    fi
  else
    case "$text" in *"$verdict_no"*) ok ;; *) bad "verdict '$verdict_no' missing" ;; esac
  fi
  case "$text" in *"$headline"*) ok ;; *) bad "counts '$headline' not in the page" ;; esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
