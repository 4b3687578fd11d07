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
export PATH="$PWD/.venv/bin:$PATH"
# one worker per core; a test file stays on one worker (its nbgrader course and JupyterLab are per file)
exec python -m pytest tests source --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -n auto --dist loadfile "$@"
