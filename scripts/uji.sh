#!/usr/bin/env bash
# Sets everything up (first time only) and runs all the tests: unit, pipeline (real nbgrader), nbval.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/siapkan.sh --test
if ! command -v chromium >/dev/null 2>&1; then  # browser tests drive Debian's Chromium (never `playwright install`)
  echo "Memasang chromium (Debian/Ubuntu) untuk tes peramban ..." >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq chromium
fi
if ! command -v configurable-http-proxy >/dev/null 2>&1 && [ ! -x node_modules/.bin/configurable-http-proxy ]; then
  echo "Memasang configurable-http-proxy (npm) untuk tes JupyterHub ..." >&2  # the Hub's proxy
  if ! command -v npm >/dev/null 2>&1; then
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq nodejs npm
  fi
  npm install --no-save --no-audit --no-fund --silent --prefix "$PWD" configurable-http-proxy@4
fi
if ! /usr/bin/python3 -c "import venv, ensurepip" >/dev/null 2>&1; then  # the class hub's installation (deploy/hub/pasang.sh)
  echo "Memasang python3-venv untuk tes JupyterHub kelas ..." >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq python3-venv
fi
export PATH="$PWD/.venv/bin:$PATH"

# PostgreSQL gradebook tests (tests/test_postgres.py) need a server. A developer may point
# KURSUS_TEST_POSTGRES_URL at their own (a superuser URL: the tests create a database each);
# otherwise a throw-away cluster runs on loopback for this test run and is removed afterwards.
source scripts/postgres.sh
[ -n "${KURSUS_TEST_POSTGRES_URL:-}" ] || start_postgres

# one worker per core; a test file stays on one worker (its nbgrader course and JupyterLab are per file).
# No `exec`: the throw-away PostgreSQL server is stopped (EXIT trap) after pytest ends, with pytest's code.
# Paths given (e.g. `bash scripts/uji.sh tests/test_postgres.py`) narrow the run; otherwise everything.
targets=(tests source)
for argument in "$@"; do
  if [ -e "${argument%%::*}" ]; then targets=(); break; fi
done
status=0
python -m pytest "${targets[@]}" --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -n auto --dist loadfile "$@" || status=$?
exit "$status"
