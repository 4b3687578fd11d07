"""Reference single-server JupyterHub for a class (also used by tests/test_hub.py on loopback).

Participants and the instructor log in with the dummy authenticator (replace it with your
organisation's authenticator for a real class), each gets a single-user JupyterLab started as a
local process with its own home folder, and nbgrader's Assignments panel fetches from and submits to
a shared exchange folder. Settings come from environment variables so the same file serves a test
and a classroom:

KURSUS_HUB_BASE     folder for homes, the exchange and the Hub's own database (default /srv/kursus)
KURSUS_HUB_PORT     port of the Hub (default 8000; it listens on 127.0.0.1 unless KURSUS_HUB_IP is set)
KURSUS_HUB_USERS    participants, comma separated (default peserta1)
KURSUS_HUB_PASSWORD shared password of the dummy authenticator (tests and demos only)
KURSUS_CHP          path of configurable-http-proxy (npm install configurable-http-proxy)

Participants' servers get the participant profile (course/profile: nbgrader's Formgrader, Create
Assignment, Course List and Validate button off, the Assignments panel on, no news pop-up, widget state
saved) through JUPYTER_CONFIG_PATH; the instructor keeps every nbgrader tool.
"""

import importlib.util
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (provided by JupyterHub)

base = Path(os.environ.get("KURSUS_HUB_BASE", "/srv/kursus"))
participants = [name for name in os.environ.get("KURSUS_HUB_USERS", "peserta1").split(",") if name]
exchange = base / "exchange"
# course/profile of the installed course package (the Hub and the users' servers share one environment here);
# found without importing the package into the Hub
PROFILE = Path(importlib.util.find_spec("course").origin).parent / "profile"
exchange.mkdir(parents=True, exist_ok=True)
exchange.chmod(0o777)

c.JupyterHub.ip = os.environ.get("KURSUS_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("KURSUS_HUB_PORT", "8000"))
c.JupyterHub.hub_port = int(os.environ.get("KURSUS_HUB_INTERNAL_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(os.environ.get('KURSUS_HUB_PROXY_API_PORT', '8001'))}"
c.JupyterHub.db_url = f"sqlite:///{base / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(base / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [os.environ.get("KURSUS_CHP", "configurable-http-proxy")]

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ.get("KURSUS_HUB_PASSWORD", "")
instructors = {"instruktur"}
c.Authenticator.allowed_users = {*instructors, *participants}
c.Authenticator.admin_users = instructors

c.JupyterHub.spawner_class = "simple"  # local processes, one home folder per user
c.SimpleLocalProcessSpawner.home_dir_template = str(base / "home" / "{username}")
c.Spawner.cmd = [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 120
if os.getuid() == 0:
    c.Spawner.args = ["--allow-root"]


def prepare_user(spawner):
    """Each user's nbgrader identity and the shared exchange (home's .jupyter folder); the profile for participants."""
    home = Path(spawner.home_dir)
    config = home / ".jupyter" / "nbgrader_config.py"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "c = get_config()\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        "c.CourseDirectory.course_id = 'paradiplomasi'\n"
        f"c.CourseDirectory.student_id = {spawner.user.name!r}\n"  # all users share one OS account here
        f"c.Exchange.cache = {str(home / '.nbgrader-cache')!r}\n"
    )
    if spawner.user.name in instructors:
        news = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
        news.mkdir(parents=True, exist_ok=True)
        (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')  # no news pop-up in class
    else:
        earlier = spawner.environment.get("JUPYTER_CONFIG_PATH")
        spawner.environment = {**spawner.environment,
                               "JUPYTER_CONFIG_PATH": os.pathsep.join([str(PROFILE), *([earlier] if earlier else [])])}


c.Spawner.pre_spawn_hook = prepare_user
