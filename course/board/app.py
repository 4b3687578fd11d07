"""The live class board as a Jupyter Server extension: ``/kelas`` (the page) and ``/kelas/api/...`` (its data).

Why a Jupyter Server ``ExtensionApp`` (and not Voila or a hand-written server): the same extension serves both rooms
without one line of our own HTTP or login code.

* One machine or a lab (``kursus kelas ... --folder`` / ``--terkumpul``): ``serve()`` starts Jupyter Server with
  only this extension, on 127.0.0.1, with a random token; only the browser given the URL with the token gets in,
  through Jupyter Server's own token login (cookie and XSRF checks included).
* The class hub: JupyterHub runs ``jupyterhub-singleuser`` with this extension as a Hub-managed service (the
  "service-notebook" pattern of JupyterHub's documentation, deploy/hub/jupyterhub_config.py); the Hub's OAuth
  lets in only who holds ``access:services!service=kelas`` (the instructor), and the service's own token, scoped
  to the participants' servers, reads their answers (sources.HubSource).

In both, ``BoardAuthorizer`` lets the server answer the board's resource only: no contents, kernels, sessions or
terminals, so the server that holds the service's token cannot be made to run code. Participants' texts reach the
page only as JSON and are written with ``textContent`` (static/kelas.js): never parsed as HTML.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as _dt
import json
import os
import re
import secrets
import time
from pathlib import Path

from jupyter_server.auth.authorizer import Authorizer
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.extension.application import ExtensionApp
from jupyter_server.extension.handler import ExtensionHandlerMixin
from tornado import web
from traitlets import Bool, Enum, Float, Unicode, default

from .sources import FolderSource, HubSource, Source

__all__ = ["BoardApp", "BoardAuthorizer", "serve", "assignments", "RESOURCE"]

HERE = Path(__file__).resolve().parent
BANKS = HERE.parent / "banks"
RESOURCE = "kelas"
"""The one Jupyter Server authorization resource the board's server answers."""
CATEGORY = re.compile(r"[A-Za-z0-9_-]{1,40}")
KEY = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
MAX_CATEGORISED = 2000


def assignments() -> list[str]:
    """The assignments the board knows: those with a question bank in the package (sm0_orientasi ... sm6_evaluasi)."""
    return sorted(path.stem for path in BANKS.glob("sm*.json"))


def _plotly_folder() -> str:
    """plotly.js as the installed plotly package ships it: the board asks nothing from the internet."""
    import importlib.util

    return str(Path(importlib.util.find_spec("plotly").origin).parent / "package_data")


class BoardAuthorizer(Authorizer):
    """Allow the board's own resource and nothing else (contents, kernels, terminals, sessions, ...).

    Who may come in at all is the identity provider's decision: Jupyter Server's token login standalone, the Hub's
    OAuth (``access:services!service=kelas``) as a Hub service.
    """

    def is_authorized(self, handler, user, action, resource) -> bool:
        return resource == RESOURCE


class BoardApp(ExtensionApp):
    """The board's settings; ``kursus kelas`` sets them from its options, the hub's service from its command line."""

    name = "kelas"
    extension_url = "/kelas"
    load_other_extensions = False
    serverapp_config = {"authorizer_class": BoardAuthorizer}

    assignment = Unicode(help="the assignment shown first (a bank id, e.g. sm1_diplomasi); env KURSUS_KELAS_TUGAS"
                         ).tag(config=True)
    source = Enum(["folder", "hub"], default_value="folder",
                  help="where answers come from: 'folder' (folder/<participant>/<assignment>/jawaban.json) or "
                       "'hub' (each running server of the hub group, with the service's token)").tag(config=True)
    folder = Unicode("", help="the folder of participant folders, for source 'folder'").tag(config=True)
    hub_group = Unicode("peserta", help="the Hub group whose members are the participants").tag(config=True)
    names = Bool(False, help="show participants' names (default: numbers)").tag(config=True)
    reveal_graded = Bool(False, help="show how the class answered graded items (collected work); otherwise only how "
                                     "many have answered them").tag(config=True)
    refresh_seconds = Float(3.0, help="how often the page asks for new answers").tag(config=True)
    cache_seconds = Float(2.0, help="one read of the source serves every viewer for this long").tag(config=True)
    category_folder = Unicode(help="where the facilitator's categories are kept (one JSON file per assignment); "
                              "default: <data dir>/kursus-kelas").tag(config=True)

    @default("assignment")
    def _default_assignment(self):
        return os.environ.get("KURSUS_KELAS_TUGAS", "sm1_diplomasi")

    @default("category_folder")
    def _default_category_folder(self):
        return str(Path(self.serverapp.data_dir) / "kursus-kelas")

    @classmethod
    def get_extension_package(cls):
        return cls.__module__  # this module holds the extension points (course/__init__.py stays light)

    # setup --------------------------------------------------------------------------------------------------------
    def initialize_settings(self):
        if self.assignment not in assignments():
            raise ValueError(f"unknown assignment {self.assignment!r}; known: {', '.join(assignments())}")
        if self.source == "folder" and not Path(self.folder).is_dir():
            raise ValueError(f"answer folder {self.folder!r} is not a folder")
        if self.source == "hub":
            missing = [name for name in ("JUPYTERHUB_API_TOKEN", "JUPYTERHUB_API_URL", "KURSUS_HUB_PUBLIC_URL")
                       if not os.environ.get(name)]
            if missing:
                raise ValueError(f"source 'hub' needs {', '.join(missing)} in the environment")
        self._sources: dict[str, Source] = {}
        self._categories: dict[str, dict[str, str]] = {}
        self._revision = 0
        self._built: dict[str, tuple[tuple, bytes]] = {}

    def initialize_handlers(self):
        self.static_paths = [str(HERE / "static"), _plotly_folder()]
        self.handlers.extend([
            (r"/kelas/?", PageHandler),
            (r"/kelas/api/views", ViewsHandler),
            (r"/kelas/api/kategori", CategoryHandler),
        ])

    async def stop_extension(self):
        for source in getattr(self, "_sources", {}).values():
            if isinstance(source, HubSource):
                await source.close()

    # answers, views, categories ----------------------------------------------------------------------------------
    def source_for(self, assignment: str) -> Source:
        if assignment not in self._sources:
            if self.source == "hub":
                self._sources[assignment] = HubSource(
                    os.environ["JUPYTERHUB_API_URL"], os.environ["KURSUS_HUB_PUBLIC_URL"],
                    os.environ["JUPYTERHUB_API_TOKEN"], assignment, group=self.hub_group, ttl=self.cache_seconds)
            else:
                self._sources[assignment] = FolderSource(self.folder, assignment, ttl=self.cache_seconds)
        return self._sources[assignment]

    def categories(self, assignment: str) -> dict[str, str]:
        """The facilitator's categories of ``assignment`` (pseudonym key -> category id), read once from its file."""
        if assignment not in self._categories:
            kept = {}
            try:
                stored = json.loads((Path(self.category_folder) / f"kategori_{assignment}.json").read_text("utf-8"))
                kept = {key: value for key, value in stored.items()
                        if isinstance(key, str) and isinstance(value, str) and KEY.fullmatch(key)
                        and CATEGORY.fullmatch(value)} if isinstance(stored, dict) else {}
            except (OSError, ValueError, RecursionError):
                pass
            self._categories[assignment] = dict(list(kept.items())[:MAX_CATEGORISED])
        return self._categories[assignment]

    def set_category(self, assignment: str, key: str, category: str | None) -> None:
        """Keep ``key``'s category (None or "" removes it), in memory and in the assignment's file."""
        chosen = self.categories(assignment)
        if category:
            if key not in chosen and len(chosen) >= MAX_CATEGORISED:
                raise ValueError("too many categorised answers")
            chosen[key] = category
        else:
            chosen.pop(key, None)
        self._revision += 1
        folder = Path(self.category_folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"kategori_{assignment}.json"
            partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            partial.write_text(json.dumps(chosen, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            os.replace(partial, target)
        except OSError as error:  # kept in memory for this session; the log says why it is not on disk
            self.log.warning("categories of %s not saved: %s", assignment, error)

    async def views_json(self, assignment: str) -> bytes:
        """The views of ``assignment`` as JSON bytes: rebuilt only when the answers or the categories changed."""
        source = self.source_for(assignment)
        answers = await source.answers()
        state = (id(answers), self._revision)
        kept = self._built.get(assignment)
        if kept is not None and kept[0] == state:
            return kept[1]
        categories = dict(self.categories(assignment))
        payload = await asyncio.to_thread(self._build_payload, assignment, answers, categories, source.read_at)
        self._built[assignment] = (state, payload)
        return payload

    def _build_payload(self, assignment: str, answers: dict, categories: dict, read_at: float | None) -> bytes:
        from plotly.utils import PlotlyJSONEncoder

        from . import build

        views = build(assignment, answers, names=self.names, categories=categories, reveal_graded=self.reveal_graded)
        stamp = _dt.datetime.fromtimestamp(read_at or time.time()).strftime("%H:%M:%S")
        document = {"assignment": assignment, "updated": stamp, "participants": len(answers),
                    "categories": categories, "views": [dataclasses.asdict(view) for view in views]}
        return json.dumps(document, cls=PlotlyJSONEncoder, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": BoardApp}]


class _BoardHandler(ExtensionHandlerMixin, JupyterHandler):
    auth_resource = RESOURCE

    @property
    def board(self) -> BoardApp:
        return self.extensionapp

    def chosen_assignment(self) -> str:
        chosen = self.get_argument("tugas", "") or self.board.assignment
        if chosen not in assignments():
            raise web.HTTPError(400, "unknown assignment")
        return chosen

    def set_default_headers(self):
        super().set_default_headers()
        self.set_header("Cache-Control", "no-store")


class PageHandler(_BoardHandler):
    """The projector page: the views come from ``/kelas/api/views`` every ``refresh_seconds``."""

    @web.authenticated
    @authorized
    def get(self):
        from ..instructor.page_words import words
        from .._messages import get_language

        assignment = self.chosen_assignment()
        static = self.board.static_url_prefix
        config = {
            "api": self.base_url + "kelas/api/views?tugas=" + assignment,
            "categoryApi": self.base_url + "kelas/api/kategori?tugas=" + assignment,
            "xsrf": self.xsrf_token.decode("ascii"),
            "assignment": assignment,
            "refresh": int(self.board.refresh_seconds * 1000),
            "categories": _category_choices(),
            "categorised": _categorised_views(),
            "words": {key: words(key, **fields) for key, fields in PAGE_WORDS.items()},
        }
        data = json.dumps(config, ensure_ascii=True).replace("<", "\\u003c").replace(">", "\\u003e")
        title = words("kelas_title")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(PAGE.format(language=get_language(), title=web.escape.xhtml_escape(f"{title} \u00b7 {assignment}"),
                                static=web.escape.xhtml_escape(static), data=data,
                                version=_static_version(), plotly=_plotly_version()))


class _BoardAPIHandler(_BoardHandler, APIHandler):
    """JSON only: a request without a login is refused with 403 (no redirect to a login page)."""


class ViewsHandler(_BoardAPIHandler):
    """``{"assignment", "updated", "participants", "categories", "views": [View as a dict, ...]}``."""

    @web.authenticated
    @authorized
    async def get(self):
        assignment = self.chosen_assignment()
        try:
            payload = await self.board.views_json(assignment)
        except Exception as error:  # noqa: BLE001 (the source is away: the page keeps its last views and retries)
            self.log.warning("class board: answers of %s not read: %r", assignment, error)
            self.set_status(503)
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"message": type(error).__name__}))
            return
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(payload)


class CategoryHandler(_BoardAPIHandler):
    """``POST {"key": <card key>, "category": <category id or null>}``: the facilitator's matrix of SM1."""

    @web.authenticated
    @authorized
    def get(self):
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(self.board.categories(self.chosen_assignment())))

    @web.authenticated
    @authorized
    def post(self):
        assignment = self.chosen_assignment()
        try:
            body = json.loads(self.request.body[:4096] or b"{}")
        except (ValueError, RecursionError):
            raise web.HTTPError(400, "not JSON") from None
        key = body.get("key") if isinstance(body, dict) else None
        category = body.get("category") if isinstance(body, dict) else None
        if not isinstance(key, str) or not KEY.fullmatch(key):
            raise web.HTTPError(400, "bad key")
        if category not in (None, "") and (not isinstance(category, str) or not CATEGORY.fullmatch(category)):
            raise web.HTTPError(400, "bad category")
        try:
            self.board.set_category(assignment, key, category or None)
        except ValueError as error:
            raise web.HTTPError(400, str(error)) from None
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"key": key, "category": category or None}))


def _category_choices() -> list[dict]:
    """``[{"id", "label"}]``: the categories the facilitator can give an answer (from the views module)."""
    from . import views

    choices = getattr(views, "CATEGORIES", None) or {}
    if isinstance(choices, dict):
        choices = list(choices.items())
    return [{"id": str(item[0]), "label": str(item[1])} for item in choices]


def _categorised_views() -> list[str]:
    """Ids of the views whose cards carry the category buttons."""
    from . import views

    return [str(view) for view in getattr(views, "CATEGORISED_VIEWS", ())]


def _plotly_version() -> str:
    """plotly's version: with ``?v=`` Jupyter Server lets the browser keep the 4.6 MB plotly.js (not reloaded)."""
    from importlib.metadata import version

    return version("plotly")


def _static_version() -> str:
    """Changes when the page's script or style changes (so a projector never runs yesterday's cached script)."""
    stamps = [int((HERE / "static" / name).stat().st_mtime) for name in ("kelas.js", "kelas.css")]
    return str(max(stamps))


# every text of the page, with the fields its script fills in
PAGE_WORDS = {
    "kelas_title": {},
    "kelas_previous": {},
    "kelas_next": {},
    "kelas_menu": {},
    "kelas_updated": {"time": "{time}"},
    "kelas_answered": {"answered": "{answered}", "total": "{total}"},
    "kelas_loading": {},
    "kelas_error": {"seconds": "{seconds}"},
    "kelas_no_views": {},
    "kelas_no_answers": {},
    "kelas_category": {},
    "kelas_no_category": {},
    "kelas_category_failed": {},
    "kelas_view_of": {"number": "{number}", "count": "{count}"},
    "kelas_keys": {},
}

PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{static}kelas.css?v={version}">
<script id="kelas-config" type="application/json">{data}</script>
<script src="{static}plotly.min.js?v={plotly}"></script>
<script src="{static}kelas.js?v={version}" defer></script>
</head>
<body>
<header class="kelas-bar">
  <h1 id="kelas-heading"></h1>
  <nav class="kelas-nav">
    <button type="button" id="kelas-previous"></button>
    <label><span id="kelas-menu-label" class="kelas-hidden-label"></span><select id="kelas-menu"></select></label>
    <button type="button" id="kelas-next"></button>
  </nav>
  <p class="kelas-status"><span id="kelas-count"></span> <span id="kelas-stamp"></span></p>
</header>
<main id="kelas-main" tabindex="-1">
  <p id="kelas-message" role="status"></p>
  <section id="kelas-view" aria-live="off">
    <h2 id="kelas-view-title"></h2>
    <p id="kelas-view-note"></p>
    <div id="kelas-figure"></div>
    <div id="kelas-cards"></div>
    <div id="kelas-table"></div>
  </section>
</main>
</body>
</html>
"""


def serve(assignment: str, source: str, folder: str | None = None, names: bool = False, port: int = 0,
          open_browser: bool = True, token: str | None = None, announce=print, reveal_graded: bool = False) -> None:
    """Run the board on 127.0.0.1 until stopped (Ctrl+C, SIGTERM); ``announce(url)`` once it listens.

    The token is random unless given, and reaches the server through its in-process configuration, not the command
    line (``ps`` shows no token). Only this extension is loaded.
    """
    token = token or secrets.token_urlsafe(32)
    argv = [
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={int(port)}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", "--ServerApp.password=", f"--ServerApp.open_browser={bool(open_browser)}",
        "--ServerApp.allow_root=True",  # the board's server runs no code (BoardAuthorizer), as root or not
        "--ServerApp.authorizer_class=course.board.app.BoardAuthorizer", "--ServerApp.answer_yes=True",
        "--ServerApp.log_level=WARN", "--ServerApp.allow_remote_access=False",
        f"--BoardApp.assignment={assignment}", f"--BoardApp.source={source}", f"--BoardApp.folder={folder or ''}",
        f"--BoardApp.names={bool(names)}", f"--BoardApp.reveal_graded={bool(reveal_graded)}",
    ]
    server = BoardApp.initialize_server(argv=argv)
    announce(f"http://127.0.0.1:{server.port}{server.base_url}kelas?token={token}")
    server.start()
