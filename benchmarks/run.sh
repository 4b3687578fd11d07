#!/usr/bin/env bash
# The benchmark in one command: set up (first time only), start a throw-away PostgreSQL server
# unless KURSUS_TEST_POSTGRES_URL is set, then run benchmarks/run.py with the given options.
#   bash benchmarks/run.sh            # full run: cohorts 10, 20, 40, 80 over all assignments
#   bash benchmarks/run.sh --smoke    # a short run that proves it works
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/siapkan.sh --test
export PATH="$PWD/.venv/bin:$PATH"
source scripts/postgres.sh
[ -n "${KURSUS_TEST_POSTGRES_URL:-}" ] || start_postgres
status=0
python benchmarks/run.py "$@" || status=$?
exit "$status"
