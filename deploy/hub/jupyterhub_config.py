"""Reference JupyterHub for one class on one server: every participant in their own OS account.

Install the course with ``deploy/hub/pasang.sh`` and run the Hub from that installation's venv: participants'
servers run the package from it, never from this repository (its source/ holds the answer keys).
What The Littlest JupyterHub does, without systemd: the Hub runs as root, creates an OS account for each
user the admin adds (``deploy/hub/akun.py`` adds a class from a list and sets their passwords), logs
them in with PAM, and starts each user's JupyterLab as that account (JupyterHub's LocalProcessSpawner).
A participant's kernel, terminal and file browser then have only their own rights: homes are 0700,
the instructor's course folder lives in the instructor's home, the Hub's database and tokens in a
root-only folder. nbgrader's exchange is set up as nbgrader documents for several users (world-
writable root, with the sticky bit so nobody removes a course folder another account made).

Settings come from environment variables so the same file serves a test and a classroom:

KURSUS_HUB_BASE       exchange, shared nbgrader config and the Hub's own state (default /srv/kursus)
KURSUS_HUB_HOMES      where new accounts' homes are created (default /home)
KURSUS_HUB_PORT       port of the Hub (default 8000; it listens on 127.0.0.1 unless KURSUS_HUB_IP is set)
KURSUS_HUB_INSTRUCTOR the instructor's account, a Hub admin (default instruktur)
KURSUS_HUB_MEMORY     address-space limit of every process a user's server starts (default 3G)
KURSUS_HUB_IDLE       seconds before an idle server is stopped by jupyterhub-idle-culler (default 3600)
KURSUS_CHP            path of configurable-http-proxy (npm install configurable-http-proxy)

Participants' servers get the participant profile (course/profile: nbgrader's instructor tools off,
the Assignments panel on, no news pop-up, autosave); the instructor keeps every nbgrader tool.
PAM is the authenticator here; an organisation's login (OAuth via oauthenticator, LTI via
jupyterhub-ltiauthenticator) replaces it as ``Local<Name>Authenticator`` so accounts are still created.
"""

import importlib.util
import os
import pwd
import resource
import secrets
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner

c = get_config()  # noqa: F821  (provided by JupyterHub)

if os.geteuid() != 0:
    sys.exit("Hub rujukan harus dijalankan sebagai root: ia membuat akun OS peserta dan menjalankan server "
             "setiap peserta sebagai akunnya sendiri.")

base = Path(os.environ.get("KURSUS_HUB_BASE", "/srv/kursus"))
homes = Path(os.environ.get("KURSUS_HUB_HOMES", "/home"))
instructor = os.environ.get("KURSUS_HUB_INSTRUCTOR", "instruktur")
state = base / "hub"  # the Hub's database, cookie secret and tokens: root only
exchange = base / "exchange"
shared_config = base / "config"  # nbgrader settings every user reads (exchange root, course id)
run_root = base / "run"  # per account, private: its servers' runtime files and kernels' IPC sockets
# course/profile of the installed course package (the Hub and the users' servers share one environment here);
# found without importing the package into the Hub
PROFILE = Path(importlib.util.find_spec("course").origin).parent / "profile"
FIRST_USER_UID = 1000  # Debian's UID_MIN: below it are system accounts, never a Hub user's server
ADMIN_SERVICE = "kursus-admin"



def closed_folder(path: Path) -> Path | None:
    """The first folder above ``path`` other accounts cannot pass through (they must run this Python)."""
    for folder in path.resolve().parents:
        if not folder.stat().st_mode & 0o001:
            return folder
    return None


for program in (Path(sys.executable), PROFILE):
    if closed := closed_folder(program):
        sys.exit(f"Akun peserta tidak dapat menjalankan {program}: folder {closed} tertutup bagi akun lain. "
                 "Pasang kursus dengan deploy/hub/pasang.sh (mis. ke /opt/kursus).")
if (PROFILE.parent.parent / "source").exists():  # an editable install: participants' Python reads the repository
    sys.exit(f"Paket kursus dipakai langsung dari repositori {PROFILE.parent.parent}, yang source/-nya berisi kunci "
             "jawaban: pasang kursus dengan deploy/hub/pasang.sh dan jalankan Hub dari venv-nya.")
# the data sets (CSV) beside the installation (deploy/hub/pasang.sh copies them there)
DATA = Path(os.environ.get("KURSUS_HUB_DATA", Path(sys.prefix).parent / "data"))

for folder, mode in ((state, 0o700), (exchange, 0o1777), (shared_config, 0o755), (run_root, 0o755)):
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(mode)
(shared_config / "nbgrader_config.py").write_text(
    "c = get_config()\n"
    f"c.Exchange.root = {str(exchange)!r}\n"
    "c.CourseDirectory.course_id = 'paradiplomasi'\n"
)
# Kernels talk to their server over IPC sockets in the account's private runtime folder, not TCP ports on 127.0.0.1:
# over TCP any local account could subscribe to another participant's kernel output, and two servers picking the
# same free port lost kernels when a class opened its notebooks at once (benchmarks/hub_load.py, docs/performance.md).
(shared_config / "jupyter_server_config.py").write_text(
    "c = get_config()\n"
    "c.KernelManager.transport = 'ipc'\n"
)
admin_token_file = state / "admin-token"
if not admin_token_file.exists():
    admin_token_file.touch(mode=0o600)
    admin_token_file.write_text(secrets.token_hex(32))

c.JupyterHub.ip = os.environ.get("KURSUS_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("KURSUS_HUB_PORT", "8000"))
c.JupyterHub.hub_port = int(os.environ.get("KURSUS_HUB_INTERNAL_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(os.environ.get('KURSUS_HUB_PROXY_API_PORT', '8001'))}"
c.ConfigurableHTTPProxy.command = [os.environ.get("KURSUS_CHP", "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")

# Accounts: the admin adds users (deploy/hub/akun.py or the Hub's admin page); the Hub creates their OS account.
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False  # no systemd-logind session per server (containers have none)
c.PAMAuthenticator.create_system_users = True
c.PAMAuthenticator.add_user_cmd = ["useradd", "--create-home", "--home-dir", f"{homes}/USERNAME",
                                   "--shell", "/bin/bash", "--key", "HOME_MODE=0700"]
c.Authenticator.admin_users = {instructor}
c.Authenticator.allowed_users = {instructor}
c.Authenticator.allow_existing_users = True  # users the admin adds are allowed
c.Authenticator.username_pattern = r"^[a-z][a-z0-9_-]{1,31}$"  # what useradd accepts


class ClassSpawner(LocalProcessSpawner):
    """A user's server as their own OS account, every process it starts held to ``mem_limit`` of address space.

    LocalProcessSpawner itself ignores mem_limit; without systemd (SystemdSpawner, as The Littlest
    JupyterHub uses, limits a user as a whole) a per-process rlimit is what one server can enforce.
    """

    def make_preexec_fn(self, name):
        become_user = super().make_preexec_fn(name)
        limit = int(self.mem_limit or 0)

        def preexec():
            if limit:
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            os.nice(5)  # the Hub (and the proxy) stay responsive while a whole class starts its servers
            become_user()

        return preexec


c.JupyterHub.spawner_class = ClassSpawner
c.Spawner.mem_limit = os.environ.get("KURSUS_HUB_MEMORY", "3G")
c.Spawner.cmd = [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 300  # a class of 80 arriving at once on 2 cores: the last server was ready after 114 s
c.Spawner.start_timeout = 300


def prepare_user(spawner):
    """Refuse system accounts; keep the home private; give participants the profile, everyone the exchange."""
    account = pwd.getpwnam(spawner.user.name)
    if account.pw_uid < FIRST_USER_UID:
        raise PermissionError(f"{spawner.user.name} is a system account (uid {account.pw_uid}); its server is refused")
    home = Path(account.pw_dir)
    if home.stat().st_uid == account.pw_uid:
        home.chmod(0o700)
    runtime = run_root / str(account.pw_uid)  # short enough for a socket path (at most 107 bytes)
    runtime.mkdir(exist_ok=True)
    os.lchown(runtime, account.pw_uid, account.pw_gid)
    runtime.chmod(0o700)
    config_path = [str(shared_config)]
    data_path = []
    if spawner.user.name != instructor:
        config_path.insert(0, str(PROFILE))
        data_path.append(str(PROFILE / "data"))
    spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": os.pathsep.join(config_path),
                           "KURSUS_DATA": str(DATA), "JUPYTER_RUNTIME_DIR": str(runtime),
                           **({"JUPYTER_PATH": os.pathsep.join(data_path)} if data_path else {})}


c.Spawner.pre_spawn_hook = prepare_user

# Services: idle servers stopped (jupyterhub-idle-culler); the account command's token (read by root only).
c.JupyterHub.services = [
    {"name": "idle-culler",
     "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                 f"--timeout={int(os.environ.get('KURSUS_HUB_IDLE', '3600'))}", "--cull-every=300"]},
    {"name": ADMIN_SERVICE, "api_token": admin_token_file.read_text().strip()},
]
c.JupyterHub.load_roles = [
    {"name": "idle-culler", "services": ["idle-culler"],
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
    {"name": ADMIN_SERVICE, "services": [ADMIN_SERVICE], "scopes": ["admin:users", "list:users"]},
]


# ---------------------------------------------------------------------------------------------------------------------
# The live class board (`kursus kelas`, course/board) as a Hub-managed service at /services/kelas/.
#
# JupyterHub's "service-notebook" pattern: the Hub starts `jupyterhub-singleuser` with the board's Jupyter Server
# extension only (no JupyterLab, no kernels, no terminals: course.board.app.BoardAuthorizer answers the board and
# nothing else), as an unprivileged OS account, never root. The Hub's OAuth lets in only who holds
# access:services!service=kelas (the instructor; participants do not). The service's own token may list the users and
# their servers and reach the servers of the group "peserta" (deploy/hub/akun.py puts every participant in it), so it
# reads each running participant's <assignment>/jawaban.json through their Jupyter Server's contents API: no shared
# filesystem, no root, nothing else.
#
# KURSUS_KELAS_TUGAS   the assignment the board shows first (default sm1_diplomasi; the page's ?tugas= picks another)
# KURSUS_KELAS_AKUN    the OS account the board runs as (default nobody)
# KURSUS_KELAS_PORT    the board's port on 127.0.0.1 (default: a free port when the Hub starts)
# KURSUS_HUB_PUBLIC_URL  where the Hub's proxy is reached from this machine (default http://127.0.0.1:<port>)
# ---------------------------------------------------------------------------------------------------------------------
import socket as _socket

KELAS_SERVICE = "kelas"
PARTICIPANTS_GROUP = "peserta"
kelas_account = pwd.getpwnam(os.environ.get("KURSUS_KELAS_AKUN", "nobody"))
if kelas_account.pw_uid == 0:
    sys.exit("Papan kelas tidak boleh berjalan sebagai root: pilih akun lain di KURSUS_KELAS_AKUN.")
kelas_home = base / "kelas"  # the board's runtime, data (the facilitator's categories) and config: its own folder
for folder in (kelas_home, kelas_home / "runtime", kelas_home / "data", kelas_home / "config"):
    folder.mkdir(parents=True, exist_ok=True)
    os.chown(folder, kelas_account.pw_uid, kelas_account.pw_gid)
    folder.chmod(0o700)


def _free_port() -> int:
    with _socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


kelas_port = int(os.environ.get("KURSUS_KELAS_PORT") or _free_port())
kelas_assignment = os.environ.get("KURSUS_KELAS_TUGAS", "sm1_diplomasi")
if not (PROFILE.parent / "banks" / f"{kelas_assignment}.json").is_file():  # else the Hub restarts a failing board
    sys.exit(f"KURSUS_KELAS_TUGAS={kelas_assignment!r} bukan tugas kursus (mis. sm1_diplomasi atau sm5_negosiasi).")
public_host = c.JupyterHub.ip if c.JupyterHub.ip not in ("", "0.0.0.0", "::") else "127.0.0.1"
hub_public_url = os.environ.get("KURSUS_HUB_PUBLIC_URL", f"http://{public_host}:{c.JupyterHub.port}")

c.JupyterHub.services.append({
    "name": KELAS_SERVICE,
    "url": f"http://127.0.0.1:{kelas_port}",
    "user": kelas_account.pw_name,
    "cwd": str(kelas_home),
    "oauth_no_confirm": True,
    "command": [
        str(Path(sys.executable).parent / "jupyterhub-singleuser"),
        "--ServerApp.jpserver_extensions=course.board.app=True",
        "--ServerApp.authorizer_class=course.board.app.BoardAuthorizer",
        "--ServerApp.terminals_enabled=False",
        f"--ServerApp.root_dir={kelas_home}",
        "--ServerApp.default_url=/kelas",
        "--BoardApp.source=hub",
        f"--BoardApp.hub_group={PARTICIPANTS_GROUP}",
        f"--BoardApp.assignment={kelas_assignment}",
    ],
    "environment": {
        "JUPYTERHUB_SINGLEUSER_LOAD_OTHER_EXTENSIONS": "0",  # the board only, whatever else is installed
        "KURSUS_HUB_PUBLIC_URL": hub_public_url,
        "KURSUS_KELAS_TUGAS": kelas_assignment,
        "KURSUS_LANG": os.environ.get("KURSUS_LANG", "id"),
        "JUPYTER_RUNTIME_DIR": str(kelas_home / "runtime"),
        "JUPYTER_DATA_DIR": str(kelas_home / "data"),
        "JUPYTER_CONFIG_DIR": str(kelas_home / "config"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}/usr/bin:/bin",
    },
})
c.JupyterHub.load_roles += [
    {"name": "kelas-service", "services": [KELAS_SERVICE],
     "scopes": ["list:users", "read:users", "read:servers", f"access:servers!group={PARTICIPANTS_GROUP}"]},
    {"name": "kelas-instructor", "users": [instructor], "scopes": [f"access:services!service={KELAS_SERVICE}"]},
]
for role in c.JupyterHub.load_roles:  # the account command adds the class to the group "peserta"
    if role["name"] == ADMIN_SERVICE:
        role["scopes"] = sorted({*role["scopes"], "admin:groups"})

# A participant's server checks a token's scopes itself, and jupyterhub-singleuser cannot resolve a group filter
# (access:servers!group=peserta does not match access:servers!user=<name>: JupyterHub's services.auth.check_scopes
# says so). So the servers of the group's members also accept that scope; nobody but the board's service holds it
# (admins hold access:servers already). Membership counts at spawn: akun.py puts the class in the group first.
_earlier_spawn_hook = c.Spawner.pre_spawn_hook


def _board_may_read(spawner):
    if callable(_earlier_spawn_hook):
        _earlier_spawn_hook(spawner)
    if any(group.name == PARTICIPANTS_GROUP for group in getattr(spawner.user, "groups", ())):
        spawner.oauth_access_scopes = [*spawner.oauth_access_scopes, f"access:servers!group={PARTICIPANTS_GROUP}"]


c.Spawner.pre_spawn_hook = _board_may_read
