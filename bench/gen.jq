# Deterministic generator of kyojin declarations for the benchmarks.
# Input: samples/base.json (a compliant declaration of every section).
# Args: $n (count), $size ("s" ~2 KB, "m" ~55 KB, "l" ~250 KB), $seed (integer),
#       $waivers ("1" keeps the waivers of base.json; "0" drops them: for other policy sets).
# Output: $n declarations, pretty-printed one after another (each starts with "{" alone
# on a line; bench/gen.sh splits them into files).
# File i gets deterministic faults so that the verdicts vary from file to file.

def flip(k): (($seed + .) % k);

# A copy of an array element with its id suffixed (ids must stay unique).
def renamed(r): .id = (.id + "-r" + (r|tostring));

# Faults keyed on the file index (applied to every size).
def faults($i):
  (if ($i|flip(3)) == 1 and (.screen_transfer|length) > 0
     then .screen_transfer[0].redirection.clipboard.to_local = true else . end)
  | (if ($i|flip(5)) == 2 and (.screen_transfer|length) > 0
     then .screen_transfer[-1].encryption = false else . end)
  | (if ($i|flip(4)) == 3
     then (.assets | map(.controls.edr != null) | index(true)) as $k
          | if $k != null then .assets[$k].controls.edr.managed_monitoring = false else . end
     else . end)
  | (if ($i|flip(7)) == 4
     then .vulnerabilities += [{asset: .assets[0].id, cve: "CVE-2026-\(10000 + $i)",
                                cvss: 9.1, exploited: false, patched: false}]
     else . end)
  | (if ($i|flip(6)) == 5
     then (.assets | map(.controls.antimalware != null) | index(true)) as $k
          | if $k != null then .assets[$k].controls.antimalware.behaviour_detection = false else . end
     else . end)
  | (if ($i|flip(11)) == 6
     then .vulnerabilities += [{asset: .assets[0].id, cve: "CVE-2026-\(20000 + $i)",
                                cvss: 6.5, exploited: true, patched: false}]
     else . end);

# ~2 KB: the required sections only, one terminal.
def small:
  {schema, body: (.body | del(.population, .name_en) | .contact = {department: .contact.department}),
   model,
   assets: [.assets[] | select(.id == "lgwan-pc")
            | {id, name, kind, segment, count, placement, internet_boundary,
               controls: {edr: .controls.edr, antimalware: .controls.antimalware}}],
   screen_transfer: [],
   mail, data_links: [],
   removable_media: {used: false}, remote_maintenance: {used: false},
   e_application: {used: false}, contracts: [], vulnerabilities: [],
   organisation: (.organisation | map_values(if type == "object" and has("value") then .value else . end)
                  | .csirt.exists = true),
   audits: [], telework: {used: false}, byod: {used: false},
   web_conferencing: {used: false}, remote_access: {used: false}, external_services: []};

# ~250 KB: base with assets, screen transfers and vulnerabilities repeated.
def large:
  .assets as $a | .screen_transfer as $s | .vulnerabilities as $v
  | .assets = $a + [range(1; 6) as $r | $a[] | renamed($r)]
  | .screen_transfer = $s + [range(1; 6) as $r | $s[] | renamed($r)]
  | .vulnerabilities = $v + [range(1; 6) as $r | $v[] | .cve = (.cve + ($r|tostring))];

. as $base
| range(0; $n) as $i
| $base
| (if $size == "s" then small elif $size == "l" then large else . end)
| faults($i)
| (if $waivers == "1" then . else del(.waivers) end)
