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
STORE = {"schema_version": 1, "assignment": ASSIGNMENT,
         "answers": {"sm1.tahun_burke": {"value": 1796, "saved_at": "x"}}}


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


# --- the board in a browser: a synthetic class of 40 -----------------------------------------------------------------
BOARD_ASSIGNMENTS = ["sm1_diplomasi", "sm2_aktor", "sm3_model", "sm4_tata_kelola", "sm5_negosiasi"]
MARK = "PENANDA-KELAS <b>tebal</b><script>window.disusupi = 1</script>"


def _get(url: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    """Status, body and headers of a GET that follows no redirect."""
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *arguments):
            return None

    opener = urllib.request.build_opener(Stay)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=30) as reply:
            return reply.status, reply.read(), dict(reply.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    """`kursus kelas sm1_diplomasi --folder <class of 40> --no-browser --port <free>`; (URL with token, folder, the
    server's data folder)."""
    from benchmarks.board import start_board, write_class

    from .browser import free_port

    folder = tmp_path_factory.mktemp("kelas")
    for assignment in BOARD_ASSIGNMENTS:
        write_class(folder, assignment, 40)
    data = tmp_path_factory.mktemp("data")
    process, url = start_board(folder, ASSIGNMENT, free_port(), dict(os.environ, JUPYTER_DATA_DIR=str(data)))
    try:
        yield url, folder, data
    finally:
        process.terminate()
        process.wait(timeout=30)


def _views(url: str, assignment: str) -> dict:
    base, token = url.split("/kelas?token=")
    status, body, _headers = _get(f"{base}/kelas/api/views?tugas={assignment}", {"Authorization": f"token {token}"})
    assert status == 200, body[:500]
    return json.loads(body)


def test_nobody_without_the_token_gets_in(board):
    """Without the token, or with a wrong one: is the page a redirect to the login, the API 403, and even with the
    token is anything but the board (contents, kernels, terminals) refused?"""
    url = board[0]
    base, token = url.split("/kelas?token=")
    status, _body, headers = _get(f"{base}/kelas")
    assert status == 302 and "/login" in headers["Location"]
    for headers in ({}, {"Authorization": "token salah"}):
        assert _get(f"{base}/kelas/api/views", headers)[0] == 403
        assert _get(f"{base}/kelas/api/kategori", headers)[0] == 403
    assert _get(f"{base}/kelas/api/views?token=salah")[0] == 403
    good = {"Authorization": f"token {token}"}
    assert _get(f"{base}/kelas/api/views", good)[0] == 200
    for path in ("api/contents", "api/kernels", "api/sessions", "api/terminals", "api/kernelspecs", "lab", "tree"):
        assert _get(f"{base}/{path}", good)[0] in (403, 404), path
    request = urllib.request.Request(f"{base}/api/kernels", data=b"{}", method="POST", headers=good)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    assert _get(f"{base}/kelas/api/views?tugas=../../etc", good)[0] == 400


def test_the_facilitators_categories_are_checked_kept_and_shown(board):
    """A category for a card key is kept and comes back with the views; hostile bodies are refused with 400."""
    url = board[0]
    base, token = url.split("/kelas?token=")
    headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}

    def post(body) -> int:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        request = urllib.request.Request(f"{base}/kelas/api/kategori?tugas={ASSIGNMENT}", data=data, method="POST",
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return reply.status
        except urllib.error.HTTPError as error:
            return error.code

    for hostile in (b"{", b"[1]", {"key": "<script>", "category": "a"}, {"key": "k1", "category": "x" * 100},
                    {"key": "k1", "category": ["a"]}, {"key": 5, "category": "a"}, b"[" * 10_000):
        assert post(hostile) == 400, hostile
    assert post({"key": "k1", "category": "aktor"}) == 200
    assert _views(url, ASSIGNMENT)["categories"] == {"k1": "aktor"}
    assert post({"key": "k1", "category": None}) == 200
    assert _views(url, ASSIGNMENT)["categories"] == {}


def test_the_page_speaks_english_with_kursus_lang_en(tmp_path):
    """With KURSUS_LANG=en, are the page's language, title and texts English (the views' own words are
    course/board/views.py's)?"""
    from benchmarks.board import start_board, write_class

    from .browser import free_port

    write_class(tmp_path, ASSIGNMENT, 3)
    process, url = start_board(tmp_path, ASSIGNMENT, free_port(), dict(os.environ, KURSUS_LANG="en"))
    try:
        page = _get(url)[1].decode()
    finally:
        process.terminate()
        process.wait(timeout=30)
    config = json.loads(re.search(r'id="kelas-config" type="application/json">(.*?)</script>', page).group(1))
    assert '<html lang="en">' in page and "<title>Class board \u00b7 sm1_diplomasi</title>" in page
    assert config["words"]["kelas_answered"] == "{answered} of {total} participants answered"
    assert config["words"]["kelas_previous"] == "Previous" and config["categorised"] == ["sm1-definisi-awal"]


@pytest.mark.browser
def test_every_view_of_sm1_to_sm5_is_drawn_and_a_new_answer_shows_within_one_refresh(board):
    """Chromium at 1280x720 on the board of a class of 40: does every view of sm1..sm5 draw (its chart, cards or
    table, no error), is each photographed, and does an answer written meanwhile show within one refresh (5 s)
    with a participant's markup shown as text, never run?"""
    from playwright.sync_api import sync_playwright

    from .browser import ARTIFACTS, CHROMIUM, LAUNCH_ARGS

    from course.board.views import CATEGORIES, CATEGORISED_VIEWS

    url, folder, data = board
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.set_default_navigation_timeout(120_000)  # a busy CI machine: plotly.js is 4.6 MB to parse
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url)  # the token logs this browser in (a cookie); the other pages need no token
            base = url.split("/kelas?token=")[0]
            for assignment in BOARD_ASSIGNMENTS:
                expected = _views(url, assignment)["views"]
                assert expected, assignment
                page.goto(f"{base}/kelas?tugas={assignment}")
                page.wait_for_selector("#kelas-view:not([hidden])", timeout=30_000)
                assert page.locator("#kelas-menu option").count() == len(expected)
                for number, view in enumerate(expected):
                    if number:
                        page.keyboard.press("ArrowRight")
                    page.wait_for_function("id => document.querySelector('#kelas-view').dataset.view === id",
                                           arg=view["id"], timeout=10_000)
                    if view["figure"]:
                        page.wait_for_selector("#kelas-figure.js-plotly-plot svg.main-svg", timeout=20_000)
                    if view["cards"]:
                        assert page.locator("#kelas-cards .kelas-card").count() == len(view["cards"])
                    if view["table"]:
                        assert page.locator("#kelas-table tbody tr").count() == len(view["table"])
                    assert page.locator("#kelas-view-title").text_content() == view["title"]
                    assert page.locator("#kelas-message").is_hidden()
                    page.wait_for_timeout(300)  # plotly's transitions
                    safe = re.sub(r"[^A-Za-z0-9_-]", "_", view["id"])
                    page.screenshot(path=str(ARTIFACTS / f"kelas_{assignment}_{safe}.png"))
                page.keyboard.press("ArrowRight")  # past the last view: back to the first
                page.wait_for_function("id => document.querySelector('#kelas-view').dataset.view === id",
                                       arg=expected[0]["id"], timeout=10_000)

            # the facilitator puts a definition in a category: the card moves to its group, the choice is kept
            page.goto(f"{base}/kelas?tugas={ASSIGNMENT}#{CATEGORISED_VIEWS[0]}")
            page.wait_for_function("id => document.querySelector('#kelas-view').dataset.view === id",
                                   arg=CATEGORISED_VIEWS[0], timeout=30_000)
            card = page.locator("#kelas-cards .kelas-card").first
            key = card.get_attribute("data-key")
            category, label = next(iter(CATEGORIES.items()))
            card.locator(f'.kelas-category[data-category="{category}"]').click()
            page.wait_for_function(
                "([key, label]) => [...document.querySelectorAll('.kelas-group')].some(group => "
                "group.querySelector('.kelas-group-title').textContent.startsWith(label) && "
                "group.querySelector(`.kelas-card[data-key='${key}']`))", arg=[key, label], timeout=10_000)
            kept = json.loads((data / "kursus-kelas" / f"kategori_{ASSIGNMENT}.json").read_text())
            assert kept == {key: category}
            pressed = page.locator(f'.kelas-card[data-key="{key}"] .kelas-category[aria-pressed="true"]')
            assert pressed.get_attribute("data-category") == category
            page.screenshot(path=str(ARTIFACTS / f"kelas_{ASSIGNMENT}_{CATEGORISED_VIEWS[0]}_dikelompokkan.png"))
            pressed.click()  # pressed again: no category
            page.wait_for_function("key => !document.querySelector(`.kelas-card[data-key='${key}'] "
                                   ".kelas-category[aria-pressed='true']`)", arg=key, timeout=10_000)
            assert json.loads((data / "kursus-kelas" / f"kategori_{ASSIGNMENT}.json").read_text()) == {}

            # a new participant answers every text item with markup; the board shows it within one refresh
            page.goto(f"{base}/kelas?tugas={ASSIGNMENT}")
            page.wait_for_selector("#kelas-view:not([hidden])", timeout=30_000)
            page.wait_for_function("() => /40/.test(document.querySelector('#kelas-count').textContent)")
            from benchmarks.board import write_answers
            from course.bank import all_banks

            texts = {item.id: MARK for item in all_banks()["sm1"] if item.kind in ("reflection", "short_text")}
            written = time.perf_counter()
            write_answers(folder / "peserta41" / ASSIGNMENT, ASSIGNMENT, texts)
            page.wait_for_function("() => /41/.test(document.querySelector('#kelas-count').textContent)",
                                   timeout=10_000)
            seconds = time.perf_counter() - written
            print(f"a new answer file was on the board after {seconds:.1f} s")
            assert seconds <= 5, seconds
            shown = [view for view in _views(url, ASSIGNMENT)["views"]
                     if any(MARK in (card.get("text") or "") for card in view["cards"] or ())]
            assert shown, "no view shows the new participant's text"
            page.select_option("#kelas-menu", shown[0]["id"])
            page.wait_for_function("text => [...document.querySelectorAll('.kelas-card-text')]"
                                   ".some(card => card.textContent === text)", arg=MARK, timeout=10_000)
            assert page.locator("#kelas-cards b, #kelas-cards script").count() == 0
            assert page.evaluate("() => window.disusupi") is None
            page.screenshot(path=str(ARTIFACTS / f"kelas_{ASSIGNMENT}_jawaban_baru.png"))
        finally:
            browser.close()
    assert errors == []


# --- the board as the class hub's service (root: real OS accounts) -------------------------------------------------
from .class_hub import class_hub  # noqa: E402,F401 (the fixture)


async def _hub_user(hub, name: str, password: str):
    from .hub_client import HubUser

    user = HubUser(hub.url, name)
    await user.log_in(password)
    return user


def _instructor_password(hub) -> str:
    """The instructor's password (the fixture sets one; otherwise set here, as an admin's `passwd` would)."""
    if getattr(hub, "instructor_password", ""):
        return hub.instructor_password
    import secrets

    password = secrets.token_urlsafe(12)
    subprocess.run(["chpasswd"], input=f"{hub.instructor}:{password}\n", text=True, check=True)
    hub.instructor_password = password
    return password


def _wait_for_service(hub, seconds: float = 90) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{hub.url}/services/kelas/api", timeout=2).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError("the kelas service did not answer:\n" + (hub.base / "hub.log").read_text()[-4000:])


def _service_processes() -> list[tuple[int, int]]:
    """(pid, uid) of every process running the board extension."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if b"course.board.app" in (entry / "cmdline").read_bytes():
                    found.append((int(entry.name), entry.stat().st_uid))
            except OSError:
                continue
    return found


@pytest.mark.pipeline
def test_the_hub_service_runs_unprivileged_and_lets_in_only_the_instructor(class_hub):
    """Is the `kelas` service up as an unprivileged account, does the instructor (password login, then the Hub's
    OAuth) get the page and the views, and is a participant refused with 403 by token and by browser cookie?"""
    import pwd

    hub = class_hub
    _wait_for_service(hub)
    nobody = pwd.getpwnam("nobody").pw_uid
    processes = [(pid, uid) for pid, uid in _service_processes()
                 if str(hub.base) in (Path(f"/proc/{pid}/environ").read_bytes().decode("utf-8", "replace"))]
    assert processes and all(uid == nobody for _pid, uid in processes), processes

    environ = Path(f"/proc/{processes[0][0]}/environ").read_bytes().split(b"\0")
    service_token = next(line.split(b"=", 1)[1].decode() for line in environ
                         if line.startswith(b"JUPYTERHUB_API_TOKEN="))

    async def go():
        teacher = await _hub_user(hub, hub.instructor, _instructor_password(hub))
        participant = await _hub_user(hub, hub.participants[0], hub.passwords[hub.participants[0]])
        try:
            # the service's own token: the participants' servers, nothing of the instructor's, nothing of the Hub's
            await teacher.start_server()
            await participant.start_server()
            service = {"Authorization": f"token {service_token}"}
            reach = {
                "participant": (await participant.http.get(f"/user/{participant.name}/api/contents/",
                                                           headers=service)).status_code,
                "instructor": (await teacher.http.get(f"/user/{teacher.name}/api/contents/", headers=service,
                                                      follow_redirects=False)).status_code,
                "new user": (await teacher.http.post("/hub/api/users/orangbaru", headers=service)).status_code,
                "groups": (await teacher.http.get("/hub/api/groups", headers=service)).status_code,
            }
            assert reach == {"participant": 200, "instructor": 403, "new user": 403, "groups": 403}, reach

            page = await teacher.http.get("/services/kelas/")  # the default URL, through the Hub's OAuth
            views = await teacher.http.get("/services/kelas/kelas/api/views",
                                           headers={"Authorization": f"token {teacher.token}"})
            by_token = await participant.http.get("/services/kelas/kelas/api/views",
                                                  headers={"Authorization": f"token {participant.token}"})
            by_cookie = await participant.http.get("/services/kelas/")
            by_cookie_api = await participant.http.get("/services/kelas/kelas/api/views")
            return page, views, by_token, by_cookie, by_cookie_api
        finally:
            await teacher.close()
            await participant.close()

    page, views, by_token, by_cookie, by_cookie_api = asyncio.run(go())
    assert page.status_code == 200 and "kelas-config" in page.text and str(page.url).endswith("/services/kelas/kelas")
    assert views.status_code == 200, views.text[:500]
    document = views.json()
    assert document["assignment"] == ASSIGNMENT and document["participants"] == len(hub.participants)
    assert by_token.status_code == 403
    assert by_cookie.status_code == 403 and "kelas-config" not in by_cookie.text
    assert by_cookie_api.status_code == 403


@pytest.mark.pipeline
def test_an_answer_a_participant_saves_shows_on_the_hub_board_within_one_refresh(class_hub):
    """A participant saves an SM1 definition through their kernel; does the instructor's board show it within one
    refresh (5 s), read by the service through that participant's server?"""
    hub = class_hub
    _wait_for_service(hub)
    name = hub.participants[0]
    marker = f"Definisi dari hub {time.time_ns()}"
    code = ("import os\nos.makedirs('sm1_diplomasi', exist_ok=True)\nfrom course.store import AnswerStore\n"
            f"AnswerStore('sm1_diplomasi', assignment='sm1_diplomasi').save('sm1.definisi_awal', {marker!r})\n")

    async def go():
        participant = await _hub_user(hub, name, hub.passwords[name])
        teacher = await _hub_user(hub, hub.instructor, _instructor_password(hub))
        try:
            await participant.start_server()
            kernel = await participant.start_kernel()
            try:
                output, error = await kernel.run(code)
                assert error is None, output
            finally:
                await kernel.close()
            saved = time.perf_counter()
            while time.perf_counter() - saved < 15:
                reply = await teacher.http.get("/services/kelas/kelas/api/views",
                                               headers={"Authorization": f"token {teacher.token}"})
                if reply.status_code == 200 and marker in reply.text:
                    return time.perf_counter() - saved, reply.json()
                await asyncio.sleep(0.25)
            raise AssertionError(f"not on the board after 15 s: {reply.status_code} {reply.text[:300]}")
        finally:
            await participant.close()
            await teacher.close()

    seconds, document = asyncio.run(go())
    print(f"an answer saved in a participant's kernel was on the hub board after {seconds:.1f} s")
    assert seconds <= 5, seconds
    assert name not in json.dumps(document)  # anonymised: the participant's account name is nowhere on the board
