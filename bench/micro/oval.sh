#!/bin/bash
# oval.sh FILE... — OVAL 5.11.3 definitions of the micro suite (bench/micro/README.md) for
# the given declarations, for `oscap oval eval`. Definition oval:kyojin.bench:def:<10*k+c>
# is check c (1 AP-01, 2 BM-02, 3 PV-03, 4 ST-01, 5 ST-05) on file k (1-based).
# OpenSCAP's yamlfilecontent probe reads JSON; yamlpath has no filters, so conditions are
# "no record satisfies" states over records of sibling scalars.
set -euo pipefail
ns='xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5" xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"'
paths=(".assets[:].controls.antimalware" ".assets[:].controls.edr"
       ".vulnerabilities[:]['patched','cvss','exploited']"
       ".screen_transfer[:].redirection.clipboard" ".screen_transfer[:]['encryption','mfa']")
# states per check (ids 10*c+1, 10*c+2 are global)
states=(
  '<ind:yamlfilecontent_state id="oval:kyojin.bench:ste:11" version="1"><ind:value datatype="record" entity_check="none satisfy"><field name="behaviour_detection" datatype="boolean">false</field></ind:value></ind:yamlfilecontent_state>'
  '<ind:yamlfilecontent_state id="oval:kyojin.bench:ste:21" version="1"><ind:value datatype="record" entity_check="none satisfy"><field name="enabled" datatype="boolean">true</field><field name="managed_monitoring" datatype="boolean">false</field></ind:value></ind:yamlfilecontent_state><ind:yamlfilecontent_state id="oval:kyojin.bench:ste:22" version="1"><ind:value datatype="record" entity_check="none satisfy"><field name="enabled" datatype="boolean">true</field><field name="csirt_link" datatype="boolean">false</field></ind:value></ind:yamlfilecontent_state>'
  '<ind:yamlfilecontent_state id="oval:kyojin.bench:ste:31" version="1"><ind:value datatype="record" entity_check="none satisfy"><field name="patched" datatype="boolean">false</field><field name="cvss" datatype="float" operation="greater than or equal">9.0</field></ind:value></ind:yamlfilecontent_state><ind:yamlfilecontent_state id="oval:kyojin.bench:ste:32" version="1"><ind:value datatype="record" entity_check="none satisfy"><field name="patched" datatype="boolean">false</field><field name="exploited" datatype="boolean">true</field></ind:value></ind:yamlfilecontent_state>'
  '<ind:yamlfilecontent_state id="oval:kyojin.bench:ste:41" version="1"><ind:value datatype="record" entity_check="all"><field name="to_local" datatype="boolean">false</field><field name="to_virtual" datatype="boolean">false</field></ind:value></ind:yamlfilecontent_state>'
  '<ind:yamlfilecontent_state id="oval:kyojin.bench:ste:51" version="1"><ind:value datatype="record" entity_check="all"><field name="encryption" datatype="boolean">true</field></ind:value></ind:yamlfilecontent_state>'
)
nstates=(1 2 2 1 1)
names=(AP-01 BM-02 PV-03 ST-01 ST-05)
defs="" tests="" objs=""
k=0
for f in "$@"; do
  k=$((k + 1))
  abs=$(cd "$(dirname "$f")" && pwd)/$(basename "$f")
  for c in 1 2 3 4 5; do
    id=$((10 * k + c))
    defs+="<definition class=\"compliance\" id=\"oval:kyojin.bench:def:$id\" version=\"1\"><metadata><title>${names[c-1]} $(basename "$f")</title><description>micro</description></metadata><criteria><criterion test_ref=\"oval:kyojin.bench:tst:$id\"/></criteria></definition>"
    st=""
    for s in $(seq 1 "${nstates[c-1]}"); do st+="<ind:state state_ref=\"oval:kyojin.bench:ste:$c$s\"/>"; done
    tests+="<ind:yamlfilecontent_test id=\"oval:kyojin.bench:tst:$id\" version=\"1\" comment=\"${names[c-1]}\" check=\"all\" check_existence=\"any_exist\" state_operator=\"AND\"><ind:object object_ref=\"oval:kyojin.bench:obj:$id\"/>$st</ind:yamlfilecontent_test>"
    objs+="<ind:yamlfilecontent_object id=\"oval:kyojin.bench:obj:$id\" version=\"1\"><ind:filepath>$abs</ind:filepath><ind:yamlpath>${paths[c-1]}</ind:yamlpath></ind:yamlfilecontent_object>"
  done
done
printf '<?xml version="1.0" encoding="UTF-8"?>\n<oval_definitions %s>\n' "$ns"
printf '<generator><oval:schema_version>5.11.3</oval:schema_version><oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>\n'
printf '<definitions>%s</definitions>\n<tests>%s</tests>\n<objects>%s</objects>\n<states>%s</states>\n</oval_definitions>\n' \
  "$defs" "$tests" "$objs" "$(printf '%s' "${states[@]}")"
