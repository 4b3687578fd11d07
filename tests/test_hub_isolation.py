"""The class hub keeps participants apart: real OS accounts, a real Hub on loopback, attempts a participant could make.

A participant logs in with the password from their login card and works through their own server's
kernel and contents API, as they could from a notebook cell or a terminal. Every read of the
instructor's course, another participant's home or the Hub's state, and every write into the exchange
outside their own submissions, must be refused; fetch, submit and fetch_feedback must work, and a
submission made in another participant's name must not be collected.
"""

from __future__ import annotations

import asyncio
import json
import stat
import subprocess
from pathlib import Path

import pytest

from .answers import keys_of, partial_answers, perfect_answers
from .class_hub import COURSE_ID, class_hub  # noqa: F401 (the fixture)
from .conftest import ROOT
from .hub_client import HubUser, signed_in

pytestmark = pytest.mark.pipeline
ASSIGNMENT = "sm1_diplomasi"


def _uid(name: str) -> int:
    import pwd

    return pwd.getpwnam(name).pw_uid


def _in_kernel(hub, name: str, code: str) -> tuple[str, str | None]:
    """Run ``code`` in a fresh kernel of ``name``'s server (logged in with their card's password)."""
    async def go():
        async with signed_in(hub.url, name, hub.passwords[name]) as user:
            kernel = await user.start_kernel()
            try:
                return await kernel.run(code)
            finally:
                await kernel.close()

    return asyncio.run(go())


def _attempt(code: str) -> str:
    """Kernel code that prints the outcome of one attempt: 'allowed' or the error's name."""
    return f"try:\n    {code}\n    print('allowed')\nexcept Exception as error:\n    print(type(error).__name__)"


def test_accounts_are_private_and_the_card_is_root_only(class_hub):
    """Is every account's home 0700 and its own, is the login-card file readable by root only, and does a second
    run of the account command create nothing new?"""
    hub = class_hub
    for name in (hub.instructor, *hub.participants):
        info = hub.home(name).stat()
        assert stat.S_IMODE(info.st_mode) == 0o700 and info.st_uid == __import__("pwd").getpwnam(name).pw_uid, name
    assert stat.S_IMODE((hub.base / "kartu-login.csv").stat().st_mode) == 0o600
    assert stat.S_IMODE((hub.base / "hub").stat().st_mode) == 0o700
    again = subprocess.run([str(hub.bin / "python"), str(ROOT / "deploy" / "hub" / "akun.py"), "daftar.txt", "--kartu", "lagi.csv"],
                           cwd=hub.base, env=hub.environment, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and again.stdout.startswith("0 akun baru, 2 sudah ada"), again
    assert not (hub.base / "lagi.csv").exists()


def test_account_command_refuses_bad_lists_and_creates_nothing(class_hub, tmp_path):
    """A system account, a bad name or a repeated name: one Indonesian sentence, exit 2, no account made."""
    import pwd

    hub = class_hub
    for lines in (["baru1", "root"], ["baru1", "Budi Santoso"], ["baru1", "baru1"], ["baru1", "x" * 40]):
        listing = tmp_path / "daftar.txt"
        listing.write_text("\n".join(lines) + "\n")
        result = subprocess.run([str(hub.bin / "python"), str(ROOT / "deploy" / "hub" / "akun.py"), str(listing),
                                 "--kartu", str(tmp_path / "kartu.csv")],
                                env=hub.environment, capture_output=True, text=True, timeout=60)
        assert result.returncode == 2 and result.stderr.startswith("Galat: ") and "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        with pytest.raises(KeyError):
            pwd.getpwnam("baru1")
        assert not (tmp_path / "kartu.csv").exists()


def test_a_wrong_password_is_refused(class_hub):
    hub = class_hub
    name = hub.participants[0]

    async def go():
        user = HubUser(hub.url, name)
        try:
            await user.log_in(hub.passwords[hub.participants[1]])
        finally:
            await user.close()

    with pytest.raises(PermissionError):
        asyncio.run(go())


def test_participant_kernel_reads_and_writes_nothing_of_others(class_hub):
    """From a participant's kernel: the instructor's source/ and gradebook, another participant's home, the Hub's
    database and tokens, the exchange's outbound and inbound folders: is every attempt refused?"""
    hub = class_hub
    me, other = hub.participants
    outbound = hub.exchange / COURSE_ID / "outbound" / ASSIGNMENT
    attempts = {
        "source notebook": f"open({str(hub.course / 'source' / ASSIGNMENT / (ASSIGNMENT + '.ipynb'))!r}).read()",
        "gradebook": f"open({str(hub.course / 'gradebook.db')!r}, 'rb').read()",
        "instructor's home": f"import os; os.listdir({str(hub.home(hub.instructor))!r})",
        "other participant's home": f"import os; os.listdir({str(hub.home(other))!r})",
        "other participant's kernel sockets": f"import os; os.listdir({str(hub.base / 'run' / str(_uid(other)))!r})",
        "other participant's answers": f"open({str(hub.home(other) / ASSIGNMENT / 'jawaban.json')!r}).read()",
        "hub database": f"open({str(hub.base / 'hub' / 'jupyterhub.sqlite')!r}, 'rb').read()",
        "hub admin token": f"open({str(hub.base / 'hub' / 'admin-token')!r}).read()",
        "replace a released notebook": f"open({str(outbound / (ASSIGNMENT + '.ipynb'))!r}, 'w').write('{{}}')",
        "add to outbound": f"open({str(outbound / 'x.ipynb')!r}, 'w').write('{{}}')",
        "list inbound": f"import os; os.listdir({str(hub.exchange / COURSE_ID / 'inbound')!r})",
        "remove the course from the exchange": f"import os; os.rename({str(hub.exchange / COURSE_ID)!r}, "
                                               f"{str(hub.exchange / 'dicuri')!r})",
    }
    assert _in_kernel(hub, other, "print('hier')") == ("hier\n", None)  # the other's server and kernel are running
    code = "\n".join(f"print({label!r}, end=': ')\n" + _attempt(attempt) for label, attempt in attempts.items())
    output, error = _in_kernel(hub, me, code)
    assert error is None, output
    outcomes = dict(line.split(": ", 1) for line in output.strip().splitlines())
    assert outcomes == {label: "PermissionError" for label in attempts}, outcomes


def test_contents_api_and_a_symlink_reach_nothing_outside_the_home(class_hub):
    """Through the contents API (the file browser): a path out of the home, and a symlink the participant made to
    the instructor's source/ and to another home: is each refused?"""
    hub = class_hub
    me, other = hub.participants
    source = hub.course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"

    async def go():
        async with signed_in(hub.url, me, hub.passwords[me]) as user:
            kernel = await user.start_kernel()
            await kernel.run(f"import os\nfor name, target in (('kunci', {str(source)!r}), ('tetangga', {str(hub.home(other))!r})):\n"
                             "    os.path.lexists(name) or os.symlink(target, name)")
            await kernel.close()
            replies = {path: (await user.server_api("GET", f"api/contents/{path}")).status_code
                       for path in ("kunci", "tetangga", f"..%2F{other}", "../" + other, "%2Fetc%2Fshadow")}
            own = (await user.server_api("GET", "api/contents/")).status_code
            return replies, own

    replies, own = asyncio.run(go())
    assert own == 200
    assert all(code in (403, 404, 500) for code in replies.values()), replies  # never 200


def test_fetch_submit_collect_grade_and_feedback_only_to_its_owner(class_hub):
    """Both participants fetch and submit through their servers' Assignments API; one also forges a later
    submission in the other's name. Does the instructor collect each participant's own work (the forgery
    refused), grade it, and does each participant's fetch_feedback bring only their own page?"""
    hub = class_hub
    good, weak = hub.participants
    answers = {good: perfect_answers(ASSIGNMENT), weak: partial_answers(ASSIGNMENT)[0]}

    async def fetch_answer_submit(name: str) -> str:
        async with signed_in(hub.url, name, hub.passwords[name]) as user:
            reply = await user.server_api("POST", "assignments/fetch",
                                          data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
            assert reply.status_code == 200 and reply.json()["success"], reply.text
            kernel = await user.start_kernel()
            code = ("from course.store import AnswerStore\n"
                    f"store = AnswerStore({ASSIGNMENT!r}, assignment={ASSIGNMENT!r})\n"
                    f"for item, value in {json.dumps(answers[name])}.items():\n    store.save(item, value)\n")
            output, error = await kernel.run(code)
            assert error is None, output
            await kernel.close()
            reply = await user.server_api("POST", "assignments/submit",
                                          data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
            assert reply.status_code == 200 and reply.json()["success"], reply.text
            return name

    asyncio.run(fetch_answer_submit(weak))
    asyncio.run(fetch_answer_submit(good))
    forged = hub.nbgrader_as(weak, "submit", ASSIGNMENT, f"--student={good}", cwd=hub.home(weak))  # later than good's
    assert forged.returncode == 0
    submissions = sorted(path.name.split("+")[0] for path in (hub.exchange / COURSE_ID / "inbound").iterdir())
    assert submissions == sorted([good, good, weak]), submissions  # the forgery is in the inbox ...
    good_uid = __import__("pwd").getpwnam(good).pw_uid
    other_submission = next(path for path in (hub.exchange / COURSE_ID / "inbound").glob(f"{good}+*")
                            if path.stat().st_uid == good_uid)
    tamper = hub.run_as(weak, str(hub.bin / "python"), "-c", f"open({str(other_submission / 'jawaban.json')!r}, 'w')", check=False)
    assert "PermissionError" in tamper.stderr

    collected = hub.nbgrader_as(hub.instructor, "collect", ASSIGNMENT, cwd=hub.course)
    assert "ditolak" in collected.stdout + collected.stderr  # ... and refused by collect
    stored = json.loads((hub.course / "submitted" / good / ASSIGNMENT / "jawaban.json").read_text())["answers"]
    assert {item: entry["value"] for item, entry in stored.items()} == answers[good]

    hub.run_as(hub.instructor, str(hub.bin / "kursus"), "--kursus", str(hub.course), "autograde", ASSIGNMENT, "--proses", "2",
               cwd=hub.course)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hub.course / 'gradebook.db'}") as gradebook:
        scores = {name: round(gradebook.find_submission(ASSIGNMENT, name).code_score, 4) for name in (good, weak)}
    assert scores == {good: sum(entry["points"] for entry in keys_of(ASSIGNMENT).values()),
                      weak: partial_answers(ASSIGNMENT)[1]}
    hub.run_as(hub.instructor, str(hub.bin / "kursus"), "--kursus", str(hub.course), "feedback", ASSIGNMENT, cwd=hub.course)
    hub.nbgrader_as(hub.instructor, "release_feedback", ASSIGNMENT, cwd=hub.course)

    for name in (good, weak):
        async def fetch_feedback(name=name):
            async with signed_in(hub.url, name, hub.passwords[name]) as user:
                reply = await user.server_api("POST", "assignments/fetch_feedback",
                                              data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
                assert reply.status_code == 200 and reply.json()["success"], reply.text

        asyncio.run(fetch_feedback())
        pages = sorted((hub.home(name) / ASSIGNMENT / "feedback").rglob("*.html"))
        assert len(pages) == 1, pages
        text = pages[0].read_text(encoding="utf-8")
        other = weak if name == good else good
        assert name in text and other not in text
    listing = hub.run_as(weak, str(hub.bin / "python"), "-c",
                         f"import os; os.listdir({str(hub.exchange / COURSE_ID / 'feedback')!r})", check=False)
    assert "PermissionError" in listing.stderr



def test_servers_run_the_installed_course_with_the_right_profile_and_no_keys(class_hub):
    """Does a participant's kernel import the course from the installation (not the repository), with the participant
    profile and the Voila template on its paths, talk to its server over IPC sockets in a private folder, and does that installation hold no source/ and no hidden tests?"""
    hub = class_hub
    profile = next((hub.installation / "venv" / "lib").glob("python3*/site-packages/course/profile"))
    output, error = _in_kernel(hub, hub.participants[0], "import course, os, json\n"
                               "from ipykernel.kernelapp import IPKernelApp\nkernel = IPKernelApp.instance()\n"
                               "print(json.dumps([course.__file__, os.environ.get('JUPYTER_CONFIG_PATH'), "
                               "os.environ.get('JUPYTER_PATH'), os.environ.get('KURSUS_DATA'), kernel.transport, kernel.ip]))")
    assert error is None, output
    module, config_path, data_path, data, transport, socket_prefix = json.loads(output)
    # kernels on IPC sockets in the account's private folder: no TCP port another account could listen to
    assert transport == "ipc" and Path(socket_prefix).parent == hub.base / "run" / str(_uid(hub.participants[0]))
    assert Path(module).is_relative_to(hub.installation) and not Path(module).is_relative_to(ROOT)
    assert config_path.split(":") == [str(profile), str(hub.base / "config")]
    assert data_path == str(profile / "data") and data == str(hub.installation / "data")
    package = profile.parent
    assert not [path for folder in (package, hub.installation / "data") for path in folder.rglob("source")]
    assert not [path for path in package.rglob("*") if path.is_file() and path.suffix in (".py", ".json", ".ipynb")
                and "BEGIN HIDDEN TESTS" in path.read_text(errors="replace")]


def test_a_system_account_gets_no_server(class_hub):
    """Even if the instructor (a Hub admin) adds an existing system account (daemon) as a user and starts its
    server, is the server refused by the spawn hook, while a participant's server starts for the same admin?"""
    hub = class_hub

    async def go():
        async with signed_in(hub.url, hub.instructor, hub.instructor_password, start=False) as admin:
            auth = {"Authorization": f"token {admin.token}"}
            (await admin.http.post("/hub/api/users", json={"usernames": ["daemon"]}, headers=auth)).raise_for_status()
            refused = await admin.http.post("/hub/api/users/daemon/server", headers=auth)
            user = (await admin.http.get("/hub/api/users/daemon", headers=auth)).json()
            await admin.http.delete("/hub/api/users/daemon", headers=auth)
            allowed = await admin.http.post(f"/hub/api/users/{hub.participants[1]}/server", headers=auth)
            return refused.status_code, user.get("servers", {}), allowed.status_code

    refused, servers, allowed = asyncio.run(go())
    assert refused >= 500 and not servers.get("", {}).get("ready"), (refused, servers)
    assert allowed in (201, 202, 400), allowed  # 400: already running
