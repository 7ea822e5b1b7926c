#!/usr/bin/env bash
# Roll-up suite (batch, summary, diff, gen, SARIF, JUnit): see tests/rollup/run.sh. Its cmocka
# unit tests (tests/unit/test_{sarif,junit,baseline,diff,summary,gen}.c) run in the unit suite.
ROLLUP_UNIT=0 exec bash "$(dirname "$0")/../rollup/run.sh"
