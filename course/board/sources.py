"""Where the class board's answers come from: a folder of participants' folders, or the class hub's servers.

Every source gives ``{participant: answers}``, ``answers`` being the ``"answers"`` mapping of that participant's
``jawaban.json`` (course/store.py). Participants are hostile: a file that is missing, too large, not JSON, a
symlink, a FIFO or a folder gives that participant ``{}`` ("no answers yet"), never an exception; so does a
server that is down. A source answers several viewers from one read for ``ttl`` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import stat
import time
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from ..store import MAX_STORE_BYTES, STORE_NAME, _parse, _Unreadable

__all__ = ["Source", "FolderSource", "HubSource", "parse_store", "MAX_PARTICIPANTS"]

MAX_PARTICIPANTS = 1000
"""At most this many participant folders or hub users are read (a class is 20-40)."""
MAX_NAME = 100
"""Longer folder or user names are skipped."""


def parse_store(raw: bytes) -> dict:
    """The answers of a store file's bytes; ``{}`` for anything that is not a readable store (never raises)."""
    try:
        return _parse(raw)
    except _Unreadable:
        return {}
    except Exception:  # noqa: BLE001 (hostile bytes: whatever json or the checks raise is "no answers")
        return {}


class Source:
    """Answers of a class for one assignment, read at most once per ``ttl`` seconds however many ask."""

    def __init__(self, assignment: str, ttl: float = 2.0, clock: Callable[[], float] = time.monotonic):
        if not isinstance(assignment, str) or not assignment or "/" in assignment or assignment.startswith("."):
            raise ValueError(f"not an assignment id: {assignment!r}")
        self.assignment = assignment
        self.ttl = ttl
        self._clock = clock
        self._kept: tuple[float, dict] | None = None
        self._reading: asyncio.Future | None = None
        self.reads = 0
        """How many times the source itself was read (the cache's misses)."""
        self.read_at: float | None = None
        """When the answers last handed out were read (``time.time()``)."""

    async def answers(self) -> dict[str, dict]:
        """``{participant: answers}``, from the last read if it is younger than ``ttl``; viewers asking while a read
        is under way wait for that read."""
        if self._kept is not None and self._clock() - self._kept[0] < self.ttl:
            return self._kept[1]
        if self._reading is not None:
            return await asyncio.shield(self._reading)
        self._reading = asyncio.get_running_loop().create_future()
        try:
            self.reads += 1
            found = await self._read()
        except BaseException as error:
            self._reading.set_exception(error)
            self._reading.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            raise
        else:
            self._kept = (self._clock(), found)
            self.read_at = time.time()
            self._reading.set_result(found)
            return found
        finally:
            self._reading = None

    async def _read(self) -> dict[str, dict]:
        raise NotImplementedError

    def describe(self) -> str:
        """Where the answers come from, for the page and the log."""
        raise NotImplementedError


class FolderSource(Source):
    """``<root>/<participant>/<assignment>/jawaban.json``: a lab's shared folder, ``kursus demo``'s or a course's
    ``submitted/`` (nbgrader's layout).

    A participant is every folder directly in ``root`` whose name does not start with a dot; a participant without
    the assignment's folder or store is counted with no answers. Nothing is followed out of ``root``: a symlink at
    any level (participant, assignment folder, store) gives no answers. Where the OS offers it, every step is opened
    relative to the one before (``dir_fd``, ``O_NOFOLLOW``), so a folder swapped for a symlink between the check
    and the read is refused too.
    """

    def __init__(self, root: str | os.PathLike, assignment: str, **kwargs):
        super().__init__(assignment, **kwargs)
        self.root = Path(root)

    def describe(self) -> str:
        return str(self.root)

    async def _read(self) -> dict[str, dict]:
        return await asyncio.to_thread(self.read_now)

    def participants(self) -> list[str]:
        """Names of the participant folders (sorted); [] when ``root`` cannot be listed."""
        names = []
        with contextlib.suppress(OSError), os.scandir(self.root) as entries:
            for entry in entries:
                if entry.name.startswith(".") or len(entry.name) > MAX_NAME:
                    continue
                with contextlib.suppress(OSError):
                    if entry.is_dir(follow_symlinks=False):
                        names.append(entry.name)
                if len(names) >= MAX_PARTICIPANTS:
                    break
        return sorted(names)

    def read_now(self) -> dict[str, dict]:
        """Read every participant's store now (no cache)."""
        return {name: parse_store(self._raw(name)) for name in self.participants()}

    def _raw(self, name: str) -> bytes:
        """The bytes of ``name``'s store, b"" when there is none or it may not be read."""
        try:
            if _SAFE_OPEN:
                return _read_beneath(self.root, (name, self.assignment), STORE_NAME)
            return _read_checked(self.root, (name, self.assignment), STORE_NAME)
        except (OSError, ValueError):
            return b""


_SAFE_OPEN = (hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY") and os.open in os.supports_dir_fd)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _read_beneath(root: Path, folders: tuple[str, ...], name: str) -> bytes:
    """Open ``root/folders.../name`` step by step without following a symlink; read at most one byte more than a
    store may hold (a FIFO does not block: O_NONBLOCK, and only regular files are read)."""
    opened = []
    try:
        opened.append(os.open(root, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)))
        for folder in folders:
            opened.append(os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0),
                                  dir_fd=opened[-1]))
        handle = os.open(name, _READ_FLAGS, dir_fd=opened[-1])
        opened.append(handle)
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return b""
        return _read_capped(handle)
    finally:
        for descriptor in reversed(opened):
            os.close(descriptor)


def _read_checked(root: Path, folders: tuple[str, ...], name: str) -> bytes:
    """Where ``dir_fd`` is missing (Windows): refuse a symlink at any step, then read a regular file."""
    path = root
    for part in (*folders, name):
        path = path / part
        if path.is_symlink():
            return b""
    if not stat.S_ISREG(path.lstat().st_mode):
        return b""
    handle = os.open(path, _READ_FLAGS | getattr(os, "O_BINARY", 0))
    try:
        return _read_capped(handle)
    finally:
        os.close(handle)


def _read_capped(handle: int) -> bytes:
    chunks, left = [], MAX_STORE_BYTES + 1
    while left > 0:
        chunk = os.read(handle, min(left, 65536))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class HubSource(Source):
    """Participants' answers on the class hub, read through each running server's contents API.

    With the token the Hub gives the managed service (scopes ``list:users``, ``read:users``, ``read:servers`` and
    ``access:servers!group=<group>``): the Hub's REST API lists the group's members and whose server is ready, then
    every ready server's ``<assignment>/jawaban.json`` is fetched through the proxy at ``public_url``, at most
    ``concurrency`` at once, each within ``timeout`` seconds. Members without a running server, a missing file,
    a refusal or a timeout: no answers yet.
    """

    def __init__(self, hub_api_url: str, public_url: str, token: str, assignment: str, group: str = "peserta",
                 concurrency: int = 10, timeout: float = 3.0, transport=None, **kwargs):
        super().__init__(assignment, **kwargs)
        if not token:
            raise ValueError("HubSource needs the service's API token")
        self.hub_api_url = hub_api_url.rstrip("/")
        self.public_url = public_url.rstrip("/")
        self.token = token
        self.group = group
        self.concurrency = concurrency
        self.timeout = timeout
        self._transport = transport  # an httpx transport for tests; None: the network
        self._client = None

    def describe(self) -> str:
        return f"{self.public_url} ({self.group})"

    def _http(self):
        import httpx

        if self._client is None:
            limits = httpx.Limits(max_connections=self.concurrency, max_keepalive_connections=self.concurrency)
            self._client = httpx.AsyncClient(headers={"Authorization": f"token {self.token}"}, timeout=self.timeout,
                                             follow_redirects=False, transport=self._transport, limits=limits)
        return self._client

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def members(self) -> dict[str, bool]:
        """``{user: server ready}`` for every member of the group (the Hub's paginated user list)."""
        found: dict[str, bool] = {}
        offset = 0
        while len(found) < MAX_PARTICIPANTS:
            reply = await self._http().get(f"{self.hub_api_url}/users", params={"offset": offset, "limit": 200},
                                           headers={"Accept": "application/jupyterhub-pagination+json"})
            reply.raise_for_status()
            page = reply.json()
            users = page.get("items", []) if isinstance(page, dict) else page
            for user in users:
                name = user.get("name")
                if (isinstance(name, str) and len(name) <= MAX_NAME and self.group in (user.get("groups") or ())
                        and not user.get("kind") == "service"):
                    server = (user.get("servers") or {}).get("") or {}
                    found[name] = bool(server.get("ready"))
            following = (page.get("_pagination") or {}).get("next") if isinstance(page, dict) else None
            if not following or not users:
                break
            offset = following.get("offset", offset + len(users))
        return found

    async def _store_of(self, name: str, limit: asyncio.Semaphore) -> dict:
        url = (f"{self.public_url}/user/{quote(name, safe='')}/api/contents/"
               f"{quote(self.assignment, safe='')}/{STORE_NAME}")
        async with limit:
            try:
                async with self._http().stream("GET", url, params={"content": "1", "format": "text",
                                                                   "type": "file"}) as reply:
                    if reply.status_code != 200:
                        return {}
                    body, cap = b"", 4 * MAX_STORE_BYTES  # the JSON model wraps the text: escapes make it longer
                    async for chunk in reply.aiter_bytes():
                        body += chunk
                        if len(body) > cap:
                            return {}
            except Exception:  # noqa: BLE001 (down, refused, timed out, cut off: no answers yet)
                return {}
        try:
            content = json.loads(body).get("content")
        except Exception:  # noqa: BLE001
            return {}
        return parse_store(content.encode("utf-8")) if isinstance(content, str) else {}

    async def _read(self) -> dict[str, dict]:
        members = await self.members()
        limit = asyncio.Semaphore(self.concurrency)
        ready = [name for name, up in members.items() if up]
        stores = await asyncio.gather(*(self._store_of(name, limit) for name in ready))
        answers = {name: {} for name in members}
        answers.update(zip(ready, stores))
        return dict(sorted(answers.items()))
