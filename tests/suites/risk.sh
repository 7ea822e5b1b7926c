#!/usr/bin/env bash
# Risk scoring through the CLI: hand-checked sample rows, S000 reproduction, delta prediction.
cd "$(dirname "$0")/../.." && exec bash tests/risk/samples.sh
