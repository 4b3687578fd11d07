"""Create a class's accounts on the reference hub from a list: ``sudo .venv/bin/python deploy/hub/akun.py peserta.txt``.

One name per line (blank lines and ``#`` comments skipped). Every name is checked before anything is
made: lowercase letters, digits, ``-`` or ``_``, starting with a letter, at most 32 characters, not an
existing system account, not repeated. The Hub is then asked (REST API, with the token the hub
configuration keeps in its root-only state folder) to add the new users (its PAM authenticator creates
their OS accounts) and to put every listed name in the Hub group "peserta" (the class board reads the servers of
this group only). Each new account gets a random password (``chpasswd``), written with the name to a
login-card file readable by root only, for the facilitator to hand out. Names the Hub already has are
left as they are. Bad input: one Indonesian sentence, exit code 2, nothing created.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pwd
import re
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

NAME = re.compile(r"[a-z][a-z0-9_-]{1,31}")
FIRST_USER_UID = 1000
PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read from a card and typed
GROUP = "peserta"
"""The Hub group of the class's participants (deploy/hub/jupyterhub_config.py scopes the class board to it)."""


class AccountError(Exception):
    """Input or state the admin must fix; its message is the one sentence printed."""


def read_names(path: Path) -> list[str]:
    """The names in ``path``, every one checked; AccountError names the first bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise AccountError(f"Daftar {path} tidak dapat dibaca ({error.__class__.__name__}).") from None
    names: list[str] = []
    for number, line in enumerate(lines, 1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if not NAME.fullmatch(name):
            raise AccountError(f"Baris {number}: {name[:40]!r} bukan nama akun yang sah (huruf kecil, angka, - atau _, "
                               "diawali huruf, 2-32 karakter).")
        if name in names:
            raise AccountError(f"Baris {number}: {name} tertulis dua kali.")
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            uid = None
        if uid is not None and uid < FIRST_USER_UID:
            raise AccountError(f"Baris {number}: {name} adalah akun sistem; pilih nama lain.")
        names.append(name)
    if not names:
        raise AccountError(f"Daftar {path} tidak berisi nama.")
    return names


def _hub(url: str, token: str, path: str, body: dict | None = None):
    request = urllib.request.Request(f"{url}/hub/api{path}", method="POST" if body is not None else "GET",
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as reply:
        return json.loads(reply.read() or b"null")


def join_group(names: list[str], url: str, token: str, group: str = GROUP) -> None:
    """Put ``names`` in the Hub group ``group`` (made if missing): the class board's service reads the servers of
    this group's members, and only theirs."""
    try:
        _hub(url, token, f"/groups/{group}")
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise
        _hub(url, token, f"/groups/{group}", {})
    _hub(url, token, f"/groups/{group}/users", {"users": names})


def new_password() -> str:
    return "-".join("".join(secrets.choice(PASSWORD_LETTERS) for _ in range(4)) for _ in range(3))


def create_accounts(names: list[str], url: str, token: str) -> dict[str, str]:
    """Add the names the Hub does not have yet (it creates the OS accounts); set and return their passwords."""
    existing = {user["name"] for user in _hub(url, token, "/users")}
    new = [name for name in names if name not in existing]
    if not new:
        return {}
    _hub(url, token, "/users", {"usernames": new})
    passwords = {name: new_password() for name in new}
    subprocess.run(["chpasswd"], input="".join(f"{name}:{word}\n" for name, word in passwords.items()),
                   text=True, check=True, capture_output=True)
    return passwords


def write_cards(path: Path, passwords: dict[str, str]) -> None:
    """Name and password per row, readable by root only (written whole, then moved into place)."""
    partial = path.with_name(f".{path.name}.sebagian")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "w", newline="", encoding="utf-8") as output:
        writer = csv.writer(output)
        writer.writerow(["akun", "kata_sandi"])
        writer.writerows(sorted(passwords.items()))
    partial.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Membuat akun peserta kelas di JupyterHub rujukan dari daftar nama.")
    parser.add_argument("daftar", type=Path, help="berkas teks: satu nama akun per baris")
    parser.add_argument("--hub", default=f"http://127.0.0.1:{os.environ.get('KURSUS_HUB_PORT', '8000')}",
                        help="alamat Hub (default: http://127.0.0.1:$KURSUS_HUB_PORT atau :8000)")
    parser.add_argument("--kartu", type=Path, default=Path("kartu-login.csv"),
                        help="berkas CSV nama dan kata sandi akun baru (hanya root dapat membacanya)")
    arguments = parser.parse_args(argv)
    token_file = Path(os.environ.get("KURSUS_HUB_BASE", "/srv/kursus")) / "hub" / "admin-token"
    try:
        if os.geteuid() != 0:
            raise AccountError("Jalankan sebagai root (sudo): akun OS dan kata sandinya dibuat di mesin ini.")
        names = read_names(arguments.daftar)
        if arguments.kartu.exists():
            raise AccountError(f"{arguments.kartu} sudah ada; pindahkan dulu agar kata sandi lama tidak tertimpa.")
        try:
            token = token_file.read_text().strip()
        except OSError:
            raise AccountError(f"Token admin {token_file} tidak ada: jalankan Hub dengan deploy/hub/jupyterhub_config.py "
                               "dan KURSUS_HUB_BASE yang sama.") from None
        try:
            passwords = create_accounts(names, arguments.hub.rstrip("/"), token)
            join_group(names, arguments.hub.rstrip("/"), token)
        except (urllib.error.URLError, OSError) as error:
            raise AccountError(f"Hub di {arguments.hub} tidak dapat dihubungi atau menolak ({error}).") from None
        except subprocess.CalledProcessError as error:
            raise AccountError(f"chpasswd gagal: {error.stderr.strip()[:200]}") from None
    except AccountError as error:
        print(f"Galat: {error}", file=sys.stderr)
        return 2
    if passwords:
        write_cards(arguments.kartu, passwords)
    print(f"{len(passwords)} akun baru, {len(names) - len(passwords)} sudah ada.")
    if passwords:
        print(f"Nama dan kata sandi akun baru: {arguments.kartu} (hanya dapat dibaca root).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
