#!/usr/bin/env bash
# Installs the course for the class hub where every account can run it: a virtual environment from the
# system's Python with the package installed from this repository (not editable: only the package, its
# question banks and the participant profile), and the data sets beside it. The repository itself
# (source/ holds the answer keys) stays where participants cannot read it.
#
#   sudo bash deploy/hub/pasang.sh /opt/kursus
#   sudo /opt/kursus/venv/bin/jupyterhub -f <repo>/deploy/hub/jupyterhub_config.py
set -euo pipefail
target="${1:-/opt/kursus}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
python="${KURSUS_PYTHON:-/usr/bin/python3}"  # not a Python under /root (pyenv): participants' accounts must run it
umask 022
if ! "$python" -c "import venv, ensurepip" 2>/dev/null; then
  echo "Galat: $python tidak punya modul venv (Debian/Ubuntu: apt-get install python3-venv)." >&2
  exit 2
fi
fresh=0
[ -x "$target/venv/bin/python" ] || fresh=1
# a first installation that fails is removed whole; an update that fails leaves the previous one working
trap '[ "$fresh" = 1 ] && rm -rf "$target"' ERR
"$python" -m venv "$target/venv"
"$target/venv/bin/python" -m pip install --quiet --upgrade pip
"$target/venv/bin/python" -m pip install --quiet --upgrade "$repo[hub]"
rm -rf "$target/data.baru" && cp -r "$repo/data" "$target/data.baru" && rm -rf "$target/data" && mv "$target/data.baru" "$target/data"
trap - ERR
echo "Kursus terpasang di $target (venv/ dan data/), dapat dijalankan semua akun."
