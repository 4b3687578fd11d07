#!/usr/bin/env bash
# Sets up the course's Python environment in .venv, only when needed. Usage: scripts/siapkan.sh [--test]
#
# "Needed" = no .venv yet, or pyproject.toml, the Python version or this folder's path changed since the
# last successful install, or --test asks for the test tools and they were not installed. The last install
# is described by .venv/kursus-terpasang (written only after pip succeeded). pip's output goes to
# .venv/pemasangan.log and is shown (its end) only when the install fails.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Perlu Python 3.11 atau lebih baru (ditemukan: $("$python" --version 2>&1))." >&2
  exit 1
fi
if [ -e .venv/bin/python ] && ! .venv/bin/python -c '' 2>/dev/null; then
  echo "Lingkungan .venv tidak dapat dipakai lagi (Python-nya hilang atau berubah); dibuat ulang." >&2
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    echo "Memasang python3-venv (Debian/Ubuntu) ..." >&2
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq python3-venv
    rm -rf .venv && "$python" -m venv .venv
  fi
fi

want_test=0
[ "${1:-}" = "--test" ] && want_test=1
stamp=.venv/kursus-terpasang
log=.venv/pemasangan.log
# what the install depends on: the package description, the Python inside .venv, and where this folder is
# (an editable install and the scripts in .venv/bin name this folder's path)
fingerprint=$(.venv/bin/python -c 'import hashlib, os, sys
digest = hashlib.sha256(open("pyproject.toml", "rb").read())
digest.update(f"{sys.version}\n{os.getcwd()}".encode())
print(digest.hexdigest())')

installed_test=0
if [ -f "$stamp" ] && [ -x .venv/bin/kursus ]; then
  installed_fingerprint=$(sed -n 's/^pyproject+python+folder=//p' "$stamp")
  installed_test=$(sed -n 's/^test=//p' "$stamp")
  [ "$installed_test" = 1 ] || installed_test=0
  if [ "$installed_fingerprint" = "$fingerprint" ] && [ "$installed_test" -ge "$want_test" ]; then
    exit 0  # nothing changed since the last install
  fi
fi
[ "$installed_test" = 1 ] && want_test=1  # a reinstall keeps the test tools that were there

extras=""
[ "$want_test" = 1 ] && extras="[test]"
echo "Memasang lingkungan kursus di .venv (hanya bila ada yang berubah; pertama kali beberapa menit) ..."
rm -f "$stamp"
if ! { .venv/bin/python -m pip install --upgrade pip \
       && .venv/bin/python -m pip install -e ".${extras}"; } >"$log" 2>&1; then
  tail -n 25 "$log" >&2
  echo "Pemasangan gagal (lihat pesan pip di atas; catatan lengkapnya di $PWD/$log): periksa koneksi internet lalu jalankan perintah ini lagi." >&2
  exit 1
fi
printf 'pyproject+python+folder=%s\ntest=%s\n' "$fingerprint" "$want_test" >"$stamp"
echo "Lingkungan kursus siap di .venv."
