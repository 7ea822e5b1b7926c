#!/usr/bin/env bash
# Declaration schema: validator units, every sample (valid and invalid, exact messages), the
# JSON Schema against an independent validator (ajv), and docs/declaration.md against the schema.
set -u
cd "$(dirname "$0")/../.."
KYOJIN=${KYOJIN:-./kyojin} bash tests/schema/run.sh
