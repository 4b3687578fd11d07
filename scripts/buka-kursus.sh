#!/usr/bin/env bash
# Sets everything up (first time only) and opens the course in JupyterLab.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/siapkan.sh
export PATH="$PWD/.venv/bin:$PATH"
exec jupyter lab --notebook-dir="$PWD/release" "sm1_diplomasi/sm1_diplomasi.ipynb" "$@"
