#!/usr/bin/env bash
# Sets everything up (first time only) and opens the course in JupyterLab.
# Your work lives in kerja/ (a copy of release/ made once; later runs never overwrite your answers).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/siapkan.sh
export PATH="$PWD/.venv/bin:$PATH"
mkdir -p kerja
for assignment in release/*/; do
  name=$(basename "$assignment")
  [ -d "kerja/$name" ] || cp -r "$assignment" "kerja/$name"
done
exec jupyter lab --notebook-dir="$PWD/kerja" "sm0_orientasi/sm0_orientasi.ipynb" "$@"
