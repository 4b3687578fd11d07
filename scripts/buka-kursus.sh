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
# A positional notebook path is resolved from the current folder, not from the server root: open the
# orientation through the start URL instead, with kerja/ as the root the participant sees.
exec jupyter lab --ServerApp.root_dir="$PWD/kerja" --LabApp.default_url=/lab/tree/sm0_orientasi/sm0_orientasi.ipynb "$@"
