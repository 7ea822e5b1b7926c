#!/usr/bin/env bash
# Adversarial cases (tests/adversarial/run.sh): hostile policies and declarations.
cd "$(dirname "$0")/../.." && exec tests/adversarial/run.sh "${KYOJIN:-./kyojin}"
