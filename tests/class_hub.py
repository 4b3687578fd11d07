"""The reference class hub (deploy/hub) on loopback with real OS accounts made by the test run, removed after it.

Needs root (the Hub creates accounts and starts servers as them) and configurable-http-proxy; elsewhere
the tests that use it are skipped with the reason. The Hub runs from the installation an admin makes with
deploy/hub/pasang.sh (the system's Python, the package installed without the repository), built once per
version of the package under /var/tmp and shared by the test workers; the repository stays out of reach of
the participants' accounts.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .browser import free_port, wait_until_serving
from .conftest import ROOT, make_course

COURSE_ID = "paradiplomasi"
INSTALLED_FROM = ("pyproject.toml", "course", "data", "deploy/hub/pasang.sh")


def _package_fingerprint() -> str:
    """A digest of everything the installation is built from: a changed package means a fresh installation."""
    digest = hashlib.sha256()
    for name in INSTALLED_FROM:
        path = ROOT / name
        for file in sorted([path] if path.is_file() else path.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def _remove_older_installations(keep: Path, days: float = 1) -> None:
    """Installations of other package versions built more than ``days`` ago (a test run uses its own for minutes)."""
    for other in keep.parent.glob("kursus-hub-*"):
        ready = other / "siap"
        if other.is_dir() and other != keep and ready.exists() and time.time() - ready.stat().st_mtime > days * 86400:
            shutil.rmtree(other, ignore_errors=True)
            Path(f"{other}.lock").unlink(missing_ok=True)


def hub_installation() -> Path:
    """The course installed as deploy/hub/pasang.sh installs it (built once per package version, under a lock)."""
    target = Path("/var/tmp") / f"kursus-hub-{_package_fingerprint()}"
    with open(f"{target}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / "siap").exists():
            _remove_older_installations(target)
            shutil.rmtree(target, ignore_errors=True)
            built = subprocess.run(["bash", str(ROOT / "deploy" / "hub" / "pasang.sh"), str(target)],
                                   capture_output=True, text=True, timeout=900)
            if built.returncode != 0:
                pytest.fail(f"deploy/hub/pasang.sh failed:\n{built.stdout[-2000:]}\n{built.stderr[-3000:]}")
            (target / "siap").touch()
    return target


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
    installation: Path  # deploy/hub/pasang.sh's folder: venv/ and data/
    instructor_password: str
    environment: dict = field(default_factory=dict)

    @property
    def bin(self) -> Path:
        return self.installation / "venv" / "bin"

    @property
    def participants(self) -> list[str]:
        return sorted(self.passwords)

    def home(self, name: str) -> Path:
        return Path(pwd.getpwnam(name).pw_dir)

    def run_as(self, name: str, *arguments: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
        """A command run as OS account ``name`` with the shared nbgrader settings, as in their own terminal."""
        account = pwd.getpwnam(name)
        environment = {"HOME": account.pw_dir, "USER": name, "LANG": "C.UTF-8",
                       "PATH": f"{self.bin}{os.pathsep}/usr/bin:/bin",
                       "JUPYTER_CONFIG_PATH": str(self.base / "config")}
        result = subprocess.run(list(arguments), cwd=cwd or account.pw_dir, env=environment, user=account.pw_uid,
                                group=account.pw_gid, extra_groups=[], capture_output=True, text=True, timeout=600)
        if check and result.returncode != 0:
            raise AssertionError(f"{arguments} as {name} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
        return result

    def nbgrader_as(self, name: str, *arguments: str, cwd: Path | None = None, check: bool = True):
        return self.run_as(name, str(self.bin / "python"), "-m", "nbgrader", *arguments, cwd=cwd, check=check)


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
    installation = hub_installation()
    venv_bin = installation / "venv" / "bin"
    port = free_port()
    environment = dict(os.environ, KURSUS_HUB_BASE=str(base), KURSUS_HUB_HOMES=str(base / "home"),
                       KURSUS_HUB_PORT=str(port), KURSUS_CHP=proxy, KURSUS_HUB_INSTRUCTOR=instructor,
                       KURSUS_HUB_INTERNAL_PORT=str(free_port()), KURSUS_HUB_PROXY_API_PORT=str(free_port()),
                       PATH=f"{venv_bin}{os.pathsep}{os.environ['PATH']}")
    environment.pop("NBGRADER_EXECUTION", None)
    log = open(base / "hub.log", "w")
    server = subprocess.Popen([str(venv_bin / "jupyterhub"), "-f", str(ROOT / "deploy" / "hub" / "jupyterhub_config.py")],
                              cwd=base, env=environment, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)  # the Hub, its proxy and services: one process group
    cleanup = [server, base, [instructor, *names]]
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_serving(f"{url}/hub/api", server, base / "hub.log", "JupyterHub")
        (base / "daftar.txt").write_text("".join(f"{name}\n" for name in names))
        made = subprocess.run([str(venv_bin / "python"), str(ROOT / "deploy" / "hub" / "akun.py"), "daftar.txt"], cwd=base,
                              env=environment, capture_output=True, text=True, timeout=120)
        assert made.returncode == 0, made.stderr
        with open(base / "kartu-login.csv", newline="", encoding="utf-8") as cards:
            passwords = {row["akun"]: row["kata_sandi"] for row in csv.DictReader(cards)}
        course = Path(pwd.getpwnam(instructor).pw_dir) / "kursus"
        instructor_password = secrets.token_urlsafe(12)  # the admin's `passwd instruktur`
        subprocess.run(["chpasswd"], input=f"{instructor}:{instructor_password}\n", text=True, check=True)
        hub = ClassHub(url, base, instructor, passwords, course, base / "exchange", installation, instructor_password,
                       environment)
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
    try:  # a proxy or service the Hub left behind (e.g. when it stopped on a failing service)
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    for name in accounts:
        _remove_account(name)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def class_hub():
    hub, cleanup = start_class_hub(["sm1_diplomasi"])
    yield hub
    stop_class_hub(cleanup)
