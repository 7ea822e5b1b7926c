#!/usr/bin/env bash
# Roll-up suite (summary, diff, gen, batch, SARIF, JUnit): see tests/rollup/run.sh.
exec bash "$(dirname "$0")/../rollup/run.sh"
