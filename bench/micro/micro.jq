# Micro suite in jq: the five checks of bench/micro/README.md.
# Usage: jq -r -f micro.jq FILE...  → one verdict line per file.
def s: if . then "pass" else "fail" end;
(input_filename | split("/") | last) as $name
| ([.assets[] | .controls.antimalware | select(. != null) | .behaviour_detection == true] | all | s) as $ap01
| ([.assets[] | .controls.edr | select(. != null and .enabled == true)
    | .managed_monitoring == true and .csirt_link == true] | all | s) as $bm02
| ([.vulnerabilities[] | (.patched == false and (.cvss >= 9.0 or .exploited == true)) | not] | all | s) as $pv03
| ([.screen_transfer[] | .redirection.clipboard | .to_local == false and .to_virtual == false] | all | s) as $st01
| ([.screen_transfer[] | .encryption == true] | all | s) as $st05
| "\($name) AP-01:\($ap01) BM-02:\($bm02) PV-03:\($pv03) ST-01:\($st01) ST-05:\($st05)"
