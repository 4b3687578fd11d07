#!/usr/bin/env bash
# Sets everything up (only when needed) and opens the course in JupyterLab: `kursus buka` does the rest
# (copies each new assignment of release/ to kerja/ once, never over your answers; starts JupyterLab with
# the participant profile on kerja/, at the orientation). Arguments go on to JupyterLab, e.g.
#   bash scripts/buka-kursus.sh --no-browser --port 8899
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/siapkan.sh
exec .venv/bin/kursus buka "$@"
