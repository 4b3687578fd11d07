#!/usr/bin/env bash
# Sets everything up (first time only) and runs all the tests: unit, pipeline (real nbgrader), nbval.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/siapkan.sh --test
export PATH="$PWD/.venv/bin:$PATH"
exec python -m pytest tests source --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg "$@"
