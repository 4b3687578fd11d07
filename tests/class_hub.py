"""The reference class hub (deploy/hub) on loopback with real OS accounts made by the test run, removed after it.

Needs root (the Hub creates accounts and starts servers as them) and configurable-http-proxy; elsewhere
the tests that use it are skipped with the reason. Other accounts must be able to run this Python: the
folders above it that are closed to them (e.g. /root for a pyenv interpreter) are opened for traversal
(o+x, never o+r) while the hub runs, and closed again after.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .browser import free_port, wait_until_serving
from .conftest import ROOT, make_course

VENV_BIN = Path(sys.executable).parent
COURSE_ID = "paradiplomasi"


def proxy_command() -> str | None:
    found = shutil.which("configurable-http-proxy")
    local = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
    return found or (str(local) if local.exists() else None)


@dataclass
class ClassHub:
    url: str
    base: Path
    instructor: str
    passwords: dict[str, str]  # participant -> password from the login cards
    course: Path  # the instructor's course folder, in the instructor's home
    exchange: Path
    environment: dict = field(default_factory=dict)

    @property
    def participants(self) -> list[str]:
        return sorted(self.passwords)

    def home(self, name: str) -> Path:
        return Path(pwd.getpwnam(name).pw_dir)

    def run_as(self, name: str, *arguments: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
        """A command run as OS account ``name`` with the shared nbgrader settings, as in their own terminal."""
        account = pwd.getpwnam(name)
        environment = {"HOME": account.pw_dir, "USER": name, "LANG": "C.UTF-8",
                       "PATH": f"{VENV_BIN}{os.pathsep}/usr/bin:/bin",
                       "JUPYTER_CONFIG_PATH": str(self.base / "config")}
        result = subprocess.run(list(arguments), cwd=cwd or account.pw_dir, env=environment, user=account.pw_uid,
                                group=account.pw_gid, extra_groups=[], capture_output=True, text=True, timeout=600)
        if check and result.returncode != 0:
            raise AssertionError(f"{arguments} as {name} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
        return result

    def nbgrader_as(self, name: str, *arguments: str, cwd: Path | None = None, check: bool = True):
        return self.run_as(name, str(VENV_BIN / "python"), "-m", "nbgrader", *arguments, cwd=cwd, check=check)


TRAVERSAL_LEDGER = Path(tempfile.gettempdir()) / "kursus-hub-traversal.json"
"""Which folders the running hubs opened, and how many hubs run: test workers share it (under a file lock)."""


@contextmanager
def _ledger():
    with open(TRAVERSAL_LEDGER.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        state = json.loads(TRAVERSAL_LEDGER.read_text()) if TRAVERSAL_LEDGER.exists() else {"hubs": 0, "opened": []}
        yield state
        TRAVERSAL_LEDGER.write_text(json.dumps(state))


def _open_for_traversal(paths: list[Path]) -> None:
    """Give o+x to every closed folder above ``paths`` (remembered, with its mode, for the last hub to restore)."""
    with _ledger() as state:
        state["hubs"] += 1
        for path in paths:
            for folder in path.resolve().parents:
                mode = folder.stat().st_mode & 0o7777
                if not mode & 0o001:
                    folder.chmod(mode | 0o001)
                    state["opened"].append([str(folder), mode])


def _close_after_traversal() -> None:
    """The last hub to stop gives the opened folders their modes back."""
    with _ledger() as state:
        state["hubs"] = max(0, state["hubs"] - 1)
        if state["hubs"] == 0:
            for folder, mode in reversed(state["opened"]):
                os.chmod(folder, mode)
            state["opened"] = []


def _remove_account(name: str) -> None:
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
    subprocess.run(["userdel", "--force", "--remove", name], capture_output=True)


def start_class_hub(assignments: list[str], participants: int = 2) -> tuple[ClassHub, list]:
    """Start the hub, create the class with deploy/hub/akun.py, release ``assignments`` as the instructor."""
    if os.geteuid() != 0:
        pytest.skip("the class hub creates OS accounts and runs servers as them: run the tests as root (CI does)")
    proxy = proxy_command()
    if proxy is None:
        pytest.fail("configurable-http-proxy is missing: `npm install configurable-http-proxy` (scripts/uji.sh does)")
    prefix = "k" + secrets.token_hex(3)  # fresh names: nothing of an earlier run is reused
    instructor = f"{prefix}ins"
    names = [f"{prefix}p{number}" for number in range(1, participants + 1)]
    base = Path(tempfile.mkdtemp(prefix="kursus-hub-"))
    base.chmod(0o755)
    (base / "home").mkdir()
    (base / "home").chmod(0o755)
    _open_for_traversal([Path(sys.executable), ROOT / "course"])
    port = free_port()
    environment = dict(os.environ, KURSUS_HUB_BASE=str(base), KURSUS_HUB_HOMES=str(base / "home"),
                       KURSUS_HUB_PORT=str(port), KURSUS_CHP=proxy, KURSUS_HUB_INSTRUCTOR=instructor,
                       KURSUS_HUB_INTERNAL_PORT=str(free_port()), KURSUS_HUB_PROXY_API_PORT=str(free_port()),
                       PATH=f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}")
    environment.pop("NBGRADER_EXECUTION", None)
    log = open(base / "hub.log", "w")
    server = subprocess.Popen([str(VENV_BIN / "jupyterhub"), "-f", str(ROOT / "deploy" / "hub" / "jupyterhub_config.py")],
                              cwd=base, env=environment, stdout=log, stderr=subprocess.STDOUT)
    cleanup = [server, base, [instructor, *names]]
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_serving(f"{url}/hub/api", server, base / "hub.log", "JupyterHub")
        (base / "daftar.txt").write_text("".join(f"{name}\n" for name in names))
        made = subprocess.run([sys.executable, str(ROOT / "deploy" / "hub" / "akun.py"), "daftar.txt"], cwd=base,
                              env=environment, capture_output=True, text=True, timeout=120)
        assert made.returncode == 0, made.stderr
        with open(base / "kartu-login.csv", newline="", encoding="utf-8") as cards:
            passwords = {row["akun"]: row["kata_sandi"] for row in csv.DictReader(cards)}
        course = Path(pwd.getpwnam(instructor).pw_dir) / "kursus"
        hub = ClassHub(url, base, instructor, passwords, course, base / "exchange", environment)
        make_course(course, assignments)
        account = pwd.getpwnam(instructor)
        for path in [course, *course.rglob("*")]:
            os.chown(path, account.pw_uid, account.pw_gid)
        for assignment in assignments:
            hub.nbgrader_as(instructor, "generate_assignment", assignment, "--force", cwd=course)
            hub.nbgrader_as(instructor, "release_assignment", assignment, cwd=course)
    except BaseException:
        stop_class_hub(cleanup)
        raise
    return hub, cleanup


def stop_class_hub(cleanup: list) -> None:
    """Stop the hub and every server, remove the accounts and their homes, close the opened folders again."""
    server, base, accounts = cleanup
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
    for name in accounts:
        _remove_account(name)
    _close_after_traversal()
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def class_hub():
    hub, cleanup = start_class_hub(["sm1_diplomasi"])
    yield hub
    stop_class_hub(cleanup)
