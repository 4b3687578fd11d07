"""The live class board's server, sources and command (issue 16): `kursus kelas`, course/board/sources.py and app.py.

Sources without a server (hostile folders, a fake hub); the command's wrong input; the board in headless Chromium
on a synthetic class of 40 (every view of sm1..sm5 drawn and photographed at projector size, a changed answer shown
within one refresh, nobody in without the token); and the board as the class hub's `kelas` service (root only).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import httpx
import pytest

from course.board.sources import FolderSource, HubSource, parse_store

from .conftest import BIN, ROOT

ASSIGNMENT = "sm1_diplomasi"
STORE = {"schema_version": 1, "assignment": ASSIGNMENT, "answers": {"sm1.tahun_burke": {"value": 1796, "saved_at": "x"}}}


def _store(folder: Path, document=STORE) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "jawaban.json").write_text(json.dumps(document) if not isinstance(document, str) else document)


# --- sources ---------------------------------------------------------------------------------------------------------
def test_folder_source_counts_every_participant_and_reads_nothing_it_should_not(tmp_path):
    """Broken, huge, deep, FIFO, folder-shaped and symlinked stores, dotfiles and links out of the folder: is every
    participant folder counted, each bad one with no answers, and nothing read from outside?"""
    root, outside = tmp_path / "kelas", tmp_path / "luar"
    _store(outside / ASSIGNMENT)
    _store(root / "baik" / ASSIGNMENT)
    _store(root / "rusak" / ASSIGNMENT, "{bukan json")
    _store(root / "besar" / ASSIGNMENT, '{"x": "' + "a" * 600_000 + '"}')
    _store(root / "dalam" / ASSIGNMENT, "[" * 100_000)
    _store(root / "angka" / ASSIGNMENT, '{"schema_version": 1, "answers": {"a": {"value": ' + "9" * 5000 + "}}}")
    _store(root / "versi" / ASSIGNMENT, {**STORE, "schema_version": 99})
    (root / "folder" / ASSIGNMENT / "jawaban.json").mkdir(parents=True)
    (root / "fifo" / ASSIGNMENT).mkdir(parents=True)
    os.mkfifo(root / "fifo" / ASSIGNMENT / "jawaban.json")
    (root / "tautan-berkas" / ASSIGNMENT).mkdir(parents=True)
    (root / "tautan-berkas" / ASSIGNMENT / "jawaban.json").symlink_to(outside / ASSIGNMENT / "jawaban.json")
    (root / "tautan-tugas").mkdir()
    (root / "tautan-tugas" / ASSIGNMENT).symlink_to(outside / ASSIGNMENT)
    (root / "tautan-peserta").symlink_to(outside)
    (root / "belum").mkdir()
    _store(root / ".tersembunyi" / ASSIGNMENT)
    (root / "berkas-lepas.txt").write_text("bukan peserta")

    read = FolderSource(root, ASSIGNMENT).read_now()
    assert sorted(read) == ["angka", "baik", "belum", "besar", "dalam", "fifo", "folder", "rusak", "tautan-berkas",
                            "tautan-tugas", "versi"]
    assert read.pop("baik") == STORE["answers"]
    assert read == {name: {} for name in read}


def test_parse_store_never_raises_on_hostile_bytes():
    for raw in (b"", b"\xff\xfe", b"null", b"[]", b'{"answers": []}', b"[" * 50_000, b"1" * 5000, b'{"a":' * 10_000):
        assert parse_store(raw) == {}


def test_the_cache_serves_many_viewers_from_one_read(tmp_path):
    """Do ten viewers asking at once cause one read, and a viewer after the TTL a new one that sees the change?"""
    _store(tmp_path / "a" / ASSIGNMENT)
    now = [0.0]
    source = FolderSource(tmp_path, ASSIGNMENT, ttl=2.0, clock=lambda: now[0])

    async def ask(times: int):
        return await asyncio.gather(*(source.answers() for _ in range(times)))

    first = asyncio.run(ask(10))
    assert source.reads == 1 and all(answer == first[0] for answer in first)
    _store(tmp_path / "a" / ASSIGNMENT, {**STORE, "answers": {}})
    now[0] = 1.9
    assert asyncio.run(ask(1))[0]["a"] == STORE["answers"] and source.reads == 1
    now[0] = 2.1
    assert asyncio.run(ask(1))[0]["a"] == {} and source.reads == 2


def _fake_hub(users: list[dict], files: dict[str, httpx.Response | Exception], page_size: int = 200):
    """An httpx transport standing in for the Hub's REST API and the users' servers behind the proxy."""
    seen = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        assert request.headers["Authorization"] == "token sekret"
        if request.url.path == "/hub/api/users":
            offset = int(request.url.params.get("offset", 0))
            chunk = users[offset:offset + page_size]
            following = {"offset": offset + page_size} if offset + page_size < len(users) else None
            return httpx.Response(200, json={"items": chunk, "_pagination": {"next": following}})
        name = request.url.path.split("/")[2]
        reply = files.get(name, httpx.Response(404))
        if isinstance(reply, Exception):
            raise reply
        return reply

    return httpx.MockTransport(handle), seen


def _user(name: str, ready: bool = True, groups=("peserta",)) -> dict:
    return {"name": name, "kind": "user", "groups": list(groups), "servers": {"": {"ready": ready}} if ready else {}}


def _contents(document) -> httpx.Response:
    return httpx.Response(200, json={"type": "file", "format": "text", "content": json.dumps(document)})


def test_hub_source_reads_ready_members_and_counts_the_rest_as_not_yet():
    """Members of the group with a ready server are read through their contents API; a stopped server, a missing
    file, a refusal, a timeout, a huge or broken reply give no answers; non-members are not read at all."""
    users = [_user("ani"), _user("budi", ready=False), _user("cici"), _user("dodi"), _user("eka"), _user("fajar"),
             _user("guru", groups=()), _user("hana")]
    files = {
        "ani": _contents(STORE),
        "cici": httpx.Response(403),
        "dodi": httpx.ReadTimeout("lambat"),
        "eka": httpx.Response(200, content=b'{"content": "' + b"a" * 3_000_000 + b'"}'),
        "fajar": httpx.Response(200, json={"content": "{rusak"}),
        "guru": _contents(STORE),
        "hana": httpx.Response(200, json={"content": None}),
    }
    transport, seen = _fake_hub(users, files, page_size=3)
    source = HubSource("http://hub/hub/api", "http://hub", "sekret", ASSIGNMENT, transport=transport)

    async def read():
        try:
            return await source.answers()
        finally:
            await source.close()

    read = asyncio.run(read())
    assert read == {"ani": STORE["answers"], "budi": {}, "cici": {}, "dodi": {}, "eka": {}, "fajar": {}, "hana": {}}
    fetched = sorted(request.url.path for request in seen if "/api/contents/" in request.url.path)
    assert fetched == [f"/user/{name}/api/contents/{ASSIGNMENT}/jawaban.json"
                       for name in ("ani", "cici", "dodi", "eka", "fajar", "hana")]
    assert len([request for request in seen if request.url.path == "/hub/api/users"]) == 3  # every page


# --- the command ------------------------------------------------------------------------------------------------------
def kursus(*arguments: str, environment: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    environment = dict(environment or os.environ)
    environment.pop("KURSUS_DEBUG", None)
    return subprocess.run([str(BIN / "kursus"), *arguments], env=environment, cwd=cwd or ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("arguments, words", [
    (["kelas", "sm9_tidak_ada", "--folder", "."], "tidak mengenal tugas"),
    (["kelas", ASSIGNMENT], "Pilih satu sumber"),
    (["kelas", ASSIGNMENT, "--folder", ".", "--terkumpul"], "Pilih satu sumber"),
    (["kelas", ASSIGNMENT, "--folder", "/tidak/ada"], "tidak ada"),
    (["kelas", ASSIGNMENT, "--hub"], "JUPYTERHUB_API_TOKEN"),
    (["kelas", ASSIGNMENT, "--folder", ".", "--port", "-1"], "paling sedikit 0"),
    (["--kursus", "/", "kelas", ASSIGNMENT, "--terkumpul"], "bukan folder kursus"),
])
def test_wrong_input_is_one_indonesian_sentence(arguments, words):
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("JUPYTERHUB_API_TOKEN", "JUPYTERHUB_API_URL", "KURSUS_HUB_PUBLIC_URL", "KURSUS_LANG")}
    result = kursus(*arguments, environment=environment)
    line = result.stderr.strip()
    assert result.returncode == 2 and line.startswith("Galat: ") and "\n" not in line, result.stderr
    assert words in line and "Traceback" not in line


def test_wrong_input_in_english_mode(tmp_path):
    result = kursus("kelas", ASSIGNMENT, environment=dict(os.environ, KURSUS_LANG="en"))
    assert result.returncode == 2 and result.stderr.strip() == (
        "Error: Choose one source of answers: --folder FOLDER, --terkumpul or --hub.")
