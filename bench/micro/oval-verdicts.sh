#!/bin/bash
# oval-verdicts.sh FILE... < oscap-output — turn `oscap oval eval` lines into the verdict
# lines of the micro suite (same format as the other peers), in argument order.
awk -v names="AP-01 BM-02 PV-03 ST-01 ST-05" -v files="$*" '
  BEGIN { nf = split(files, F, " "); split(names, N, " ") }
  /^Definition oval:kyojin.bench:def:[0-9]+: / {
    id = $2; sub(/.*:def:/, "", id); sub(/:$/, "", id)
    v[int(id / 10), id % 10] = ($3 == "true") ? "pass" : ($3 == "false") ? "fail" : $3
  }
  END {
    for (k = 1; k <= nf; k++) {
      n = F[k]; sub(/.*\//, "", n); line = n
      for (c = 1; c <= 5; c++) line = line " " N[c] ":" ((k, c) in v ? v[k, c] : "missing")
      print line
    }
  }'
