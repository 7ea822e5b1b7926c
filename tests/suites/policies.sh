#!/usr/bin/env bash
# Policy tests written beside each policy, then mutation testing (kyojin test --mutate runs both).
set -u
cd "$(dirname "$0")/../.."
K=${KYOJIN:-./kyojin}
"$K" test --mutate
