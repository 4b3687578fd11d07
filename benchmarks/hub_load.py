"""Load test of the class hub: N participants log in, start their servers, open sm1 in a real kernel and answer.

    sudo .venv/bin/python benchmarks/hub_load.py                       # 40 participants x 20 answers over ~3 minutes
    sudo .venv/bin/python benchmarks/hub_load.py --peserta 20 --jawaban 20 --menit 3 --keluar benchmarks/hasil

The reference hub (deploy/hub) runs on loopback with fresh OS accounts (tests/class_hub.py); no browser per
participant: each one is an HTTP client and a kernel websocket (tests/hub_client.py), all in this process.

1. Arrival, all participants at once (``--serentak`` bounds it): log in with the login card's password (PAM),
   start the server, fetch sm1_diplomasi through the Assignments API, open the notebook (a Jupyter session on
   ``sm1_diplomasi/sm1_diplomasi.ipynb``: the kernel's folder is the fetched one), and run every code cell of the
   fetched notebook in order, in that kernel, as Run All does (the value of a cell's last expression is
   displayed, so each item's widget is built and sent to the client as in a browser).
2. Answering, every participant at once: K answers each, spread over about ``--menit`` minutes. One answer is one
   change of one widget through its scriptable twin (a click on an option, a drop-down, a move button, a text
   typed and left), valid for the item's kind, different from what the item held. Latency per save: in the
   kernel, from the change until ``jawaban.json`` holds the value (read back from the file); at the client, from
   sending the request until the kernel's reply.
3. Check as root: every participant's ``jawaban.json`` holds the last value given to every item.

Memory (RSS) of the Hub, the proxy, the Hub's services (idle culler, class board) and every participant's processes
(server and kernels) is sampled every two seconds; the peak is reported. Failures are counted, never fatal; the whole
run (after setting up the class) is bounded by ``--batas`` seconds and the hub and its accounts are always removed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import pwd
import random
import resource
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

__all__ = ["measure", "plan_answers", "write_results", "table", "main", "ASSIGNMENT"]

ASSIGNMENT = "sm1_diplomasi"
COURSE_ID = "paradiplomasi"
RESULT_FILE = "hub_load.json"
SAMPLE_SECONDS = 2.0
SAVE_LIMIT = 60.0
"""Seconds a save may take (in the kernel, then at the client) before it counts as failed."""

# Run in the participant's kernel once the notebook's session is open: run the fetched notebook's code cells in
# order (as Run All: the last expression of a cell is displayed), keep each item's widget, and define the save
# probe. Prints one JSON line: the items shown, in notebook order, and the seconds the cells took.
KERNEL_SETUP = """
import ast as _ast, asyncio as _asyncio, json as _json, time as _time
from IPython.display import display as _display
from course.widgets._base import ItemWidget as _ItemWidget

_kursus_items = {}

def _kursus_run_cells(path):
    with open(path, encoding="utf-8") as handle:
        cells = [cell for cell in _json.load(handle)["cells"] if cell["cell_type"] == "code"]
    for cell in cells:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        tree = _ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], _ast.Expr) else None
        exec(compile(tree, path, "exec"), globals())
        if last is not None:
            value = eval(compile(_ast.Expression(last.value), path, "eval"), globals())
            if value is not None:
                _display(value)
            if isinstance(value, _ItemWidget):
                _kursus_items[value.item.id] = value
    return len(cells)

def _kursus_stored(item_id):
    try:
        with open("jawaban.json", "rb") as handle:
            entry = _json.loads(handle.read())["answers"].get(item_id)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return entry if isinstance(entry, dict) else None

async def _kursus_save(item_id, act, expected, limit):
    started = _time.perf_counter()
    act(_kursus_items[item_id])
    changed = _time.perf_counter()
    while True:
        entry = _kursus_stored(item_id)
        if entry is not None and entry.get("value") == expected:
            break
        if _time.perf_counter() - started > limit:
            raise TimeoutError(f"{item_id}: not in jawaban.json after {limit} s")
        await _asyncio.sleep(0.005)
    print(_json.dumps({"kernel": _time.perf_counter() - started, "change": changed - started}))

_started = _time.perf_counter()
_cells = _kursus_run_cells(%(notebook)r)
print(_json.dumps({"seconds": _time.perf_counter() - _started, "cells": _cells, "items": list(_kursus_items)}))
"""


# Written into the hub's shared Jupyter config folder by --ipc (an experiment: deploy/hub does not do this). Each
# participant's server then starts kernels on IPC sockets in a folder of its own instead of TCP ports on 127.0.0.1:
# no port two servers can both pick, and nothing another account can connect to. The folder is short because a
# socket's path has at most 107 bytes (a home under /tmp/kursus-hub-*/home/ makes the default one too long).
IPC_CONFIG = """# benchmarks/hub_load.py --ipc: kernels over IPC sockets in a private folder, not TCP ports on 127.0.0.1
import os, stat
folder = f"/tmp/kursus-run-{os.getuid()}"
os.makedirs(folder, mode=0o700, exist_ok=True)
info = os.lstat(folder)
if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
    raise SystemExit(f"{folder} is not a private folder of this account")
os.environ["JUPYTER_RUNTIME_DIR"] = folder
c.KernelManager.transport = "ipc"
"""


# --- the answers: one change of one widget each, valid for the item's kind -------------------------------------
# One entry per kind in sm1 (a table, as tests/test_widgets.py's KIND_CASES): given the item, the participant's
# number, the round (0: first answer to the item) and the value the item holds, the twin to call, its arguments
# and the value jawaban.json must then hold.

def _single_choice(item, who, round_, held):
    choices = item.choice_ids()
    choice = choices[(who + round_) % len(choices)]
    return "choose", [choice], choice


def _multiple_select(item, who, round_, held):
    choices = item.choice_ids()
    ticked = {choices[(who + step) % len(choices)] for step in range(round_ % len(choices) + 1)}
    value = [choice for choice in choices if choice in ticked]  # the widget stores them in the options' order
    return "select", value, value


def _classification(item, who, round_, held):
    held = dict(held or {})
    entry = item.entries[round_ % len(item.entries)]["id"]
    categories = [category["id"] for category in item.categories]
    category = categories[(who + round_) % len(categories)]
    if held.get(entry) == category:
        category = categories[(who + round_ + 1) % len(categories)]
    held[entry] = category
    return "assign", [entry, category], held


def _ordering(item, who, round_, held):
    order = list(held or item.choice_ids())
    position = (who + round_) % (len(order) - 1)
    entry = order[position]
    order[position], order[position + 1] = order[position + 1], order[position]
    return "move_down", [entry], order  # the "Turun" button of that row


def _numeric(item, who, round_, held):
    number = 1700 + 10 * who + round_
    return "enter", [str(number)], number


def _short_text(item, who, round_, held):
    text = f"jawaban peserta {who} ke-{round_ + 1}"
    return "enter", [text], text


def _reflection(item, who, round_, held):
    text = (f"Refleksi peserta {who}, versi {round_ + 1}. Daerah kami dapat belajar dari materi ini: kerja sama "
            "luar negeri perlu izin pusat, rencana yang jelas dan mitra yang dipercaya. ") * 2
    return "enter", [text.strip()], text.strip()


ACTIONS = {"single_choice": _single_choice, "multiple_select": _multiple_select, "classification": _classification,
           "ordering": _ordering, "numeric": _numeric, "short_text": _short_text, "reflection": _reflection}


@dataclass(frozen=True)
class Answer:
    item: str
    twin: str
    arguments: list
    value: Any


def plan_answers(item_ids: list[str], count: int, who: int) -> list[Answer]:
    """``count`` answers for participant number ``who``: the items in notebook order, again from the first once
    every item has one (a change of mind), each answer a different value from what the item holds."""
    from course.bank import find_item

    if not item_ids:
        raise ValueError("the notebook showed no items")
    held: dict[str, Any] = {}
    answers = []
    for number in range(count):
        item = find_item(item_ids[number % len(item_ids)])
        if item.kind not in ACTIONS:
            raise ValueError(f"no answer action for kind {item.kind!r} ({item.id})")
        twin, arguments, value = ACTIONS[item.kind](item, who, number // len(item_ids), held.get(item.id))
        held[item.id] = value
        answers.append(Answer(item.id, twin, arguments, value))
    return answers


def final_values(answers: list[Answer]) -> dict[str, Any]:
    """What jawaban.json must hold after ``answers``: the last value of every item answered."""
    return {answer.item: answer.value for answer in answers}


# --- one participant -------------------------------------------------------------------------------------------

@dataclass
class Participant:
    name: str
    number: int
    seconds: dict = field(default_factory=dict)  # login, start, fetch, kernel; cells (in the kernel), cells_client
    items: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    saves: list = field(default_factory=list)  # {"item", "kernel", "client"} per confirmed save
    failures: list = field(default_factory=list)  # {"phase", "error"}
    ready: bool = False
    user: Any = field(default=None, repr=False)  # its HubUser and the notebook's Kernel, once made
    kernel: Any = field(default=None, repr=False)

    def fail(self, phase: str, error: BaseException) -> None:
        text = f"{type(error).__name__}: {error}"[:300]
        self.failures.append({"phase": phase, "error": text})


async def _timed(participant: Participant, phase: str, awaitable):
    started = time.perf_counter()
    result = await awaitable
    participant.seconds[phase] = time.perf_counter() - started
    return result


async def _open_notebook(user, path: str):
    """A Jupyter session on ``path`` (what opening the notebook in JupyterLab does); its kernel, connected."""
    from tests.hub_client import Kernel

    name = path.rsplit("/", 1)[-1]
    reply = await user.server_api("POST", "api/sessions", json={"path": path, "name": name, "type": "notebook",
                                                                "kernel": {"name": "python3"}})
    reply.raise_for_status()
    kernel = Kernel(user, reply.json()["kernel"]["id"])
    await kernel.connect()
    return kernel


async def log_in(user, password: str) -> None:
    """The Hub's login form (PAM), without following its redirect to the spawn page, then an API token.

    ``HubUser.log_in`` follows that redirect, so its time would include up to ``slow_spawn_timeout`` (10 s) of
    the spawn that page starts; here the server is started apart (``start_server``) and timed on its own.
    """
    await user.http.get("/hub/login")
    reply = await user.http.post("/hub/login", data={"username": user.name, "password": password,
                                                     "_xsrf": user._hub_xsrf()}, follow_redirects=False)
    if reply.status_code != 302 or "/hub/login" in reply.headers.get("location", ""):
        raise PermissionError(f"login refused for {user.name} ({reply.status_code})")
    reply = await user.http.post(f"/hub/api/users/{user.name}/tokens", json={"note": "beban", "expires_in": 3600},
                                 headers={"X-XSRFToken": user._hub_xsrf()})
    reply.raise_for_status()
    user.token = reply.json()["token"]


async def arrive(hub, participant: Participant, answers: int, gate: asyncio.Semaphore, began: float):
    """Log in, start the server, fetch, open the notebook and run its cells (``participant.ready`` if all went well).

    ``began``: when the class began arriving; ``seconds["ready_at"]`` is this server's readiness after it.
    """
    from tests.hub_client import HubUser

    user = participant.user = HubUser(hub.url, participant.name)
    phase = "login"
    try:
        async with gate:
            await _timed(participant, "login", log_in(user, hub.passwords[participant.name]))
            phase = "start"
            participant.seconds["start"] = await user.start_server(seconds=300)
            participant.seconds["ready_at"] = time.perf_counter() - began
            phase = "fetch"
            reply = await _timed(participant, "fetch", user.server_api(
                "POST", "assignments/fetch", data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}))
            if reply.status_code != 200 or not reply.json().get("success"):
                raise RuntimeError(f"fetch: {reply.status_code} {reply.text[:200]}")
            phase = "kernel"
            kernel = participant.kernel = await _timed(participant, "kernel",
                                                       _open_notebook(user, f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"))
            phase = "cells"
            output, error = await _timed(participant, "cells_client", kernel.run(
                KERNEL_SETUP % {"notebook": f"{ASSIGNMENT}.ipynb"}, seconds=300))
            if error:
                raise RuntimeError(f"cells: {error} {output[-300:]}")
            shown = json.loads(output.strip().splitlines()[-1])
            participant.seconds["cells"] = shown["seconds"]
            participant.items = shown["items"]
            participant.answers = plan_answers(participant.items, answers, participant.number)
            participant.ready = True
    except Exception as error:  # noqa: BLE001 - counted, the others go on
        participant.fail(phase, error)


async def answer(participant: Participant, kernel, seconds: float, rng: random.Random) -> None:
    """Give every planned answer, spread over ``seconds`` (a jittered interval; never two at once)."""
    if not participant.answers:
        return
    interval = seconds / len(participant.answers)
    start = time.perf_counter() + rng.uniform(0, interval)
    for number, planned in enumerate(participant.answers):
        due = start + number * interval + rng.uniform(-0.3, 0.3) * interval
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        code = (f"await _kursus_save({planned.item!r}, lambda widget: widget.{planned.twin}"
                f"(*_json.loads({json.dumps(planned.arguments)!r})), _json.loads({json.dumps(planned.value)!r}), "
                f"{SAVE_LIMIT})")
        sent = time.perf_counter()
        try:
            output, error = await kernel.run(code, seconds=SAVE_LIMIT + 30)
            if error:
                raise RuntimeError(f"{error} {output[-200:]}")
            measured = json.loads(output.strip().splitlines()[-1])
            participant.saves.append({"item": planned.item, "kernel": measured["kernel"],
                                      "client": time.perf_counter() - sent})
        except (ConnectionError, asyncio.TimeoutError) as error:  # the kernel is gone: the rest cannot be given
            participant.fail("save", error)
            for _ in participant.answers[number + 1:]:
                participant.fail("save", RuntimeError("not sent: the kernel's connection was lost"))
            return
        except Exception as error:  # noqa: BLE001
            participant.fail("save", error)


# --- memory ----------------------------------------------------------------------------------------------------

HUB_PARTS = ("hub", "proxy", "services")
"""The Hub's side: the Hub itself, configurable-http-proxy, and the services it runs (idle culler, class board)."""


def memory_sample(hub_pid: int, uids: dict[int, str]) -> dict:
    """RSS (MB) of the Hub, proxy, services and every participant's processes; largest address space (VMS)."""
    import psutil

    mb = 1024 * 1024
    sample = {**dict.fromkeys(HUB_PARTS, 0.0), "users": {}, "processes": 0, "largest_vms": {},
              "cpu": {**dict.fromkeys(HUB_PARTS, 0.0), "users": 0.0}}
    try:
        hub = psutil.Process(hub_pid)
        hub_side = [hub, *hub.children(recursive=True)]
    except psutil.Error:
        hub_side = []
    for process in hub_side:
        try:
            if process.uids().real in uids:
                continue  # a participant's server: counted below, by its owner
            rss = process.memory_info().rss / mb
            command = " ".join(process.cmdline())
            times = process.cpu_times()
        except psutil.Error:
            continue
        part = ("hub" if process.pid == hub_pid else "proxy" if "configurable-http-proxy" in command else "services")
        sample[part] += rss
        sample["cpu"][part] += times.user + times.system
    for process in psutil.process_iter(["uids", "memory_info", "cmdline", "cpu_times"]):
        info = process.info
        if not info["uids"] or info["uids"].real not in uids or info["memory_info"] is None:
            continue
        if info["cpu_times"] is not None:
            sample["cpu"]["users"] += info["cpu_times"].user + info["cpu_times"].system
        name = uids[info["uids"].real]
        sample["users"][name] = sample["users"].get(name, 0.0) + info["memory_info"].rss / mb
        sample["processes"] += 1
        role = "kernel" if "ipykernel" in " ".join(info["cmdline"] or []) else "server"
        sample["largest_vms"][role] = max(sample["largest_vms"].get(role, 0.0), info["memory_info"].vms / mb)
    memory = psutil.virtual_memory()
    sample["available"] = memory.available / mb
    sample["load"] = os.getloadavg()[0]
    sample["total"] = sum(sample[part] for part in HUB_PARTS) + sum(sample["users"].values())
    return sample


class MemoryWatch:
    """Samples every ``SAMPLE_SECONDS`` in a thread; keeps the sample with the largest total and each part's peak."""

    def __init__(self, hub_pid: int, uids: dict[int, str], reserve_mb: float = 0.0):
        self.hub_pid, self.uids, self.reserve_mb = hub_pid, uids, reserve_mb
        self.low = asyncio.Event()
        """Set when the machine's available memory falls below ``reserve_mb`` (the run then stops)."""
        self.last: dict | None = None
        self.peak: dict | None = None
        self.maxima: dict[str, float] = {}
        self.min_available = math.inf
        self.max_load = 0.0
        self.samples = 0
        self._task: asyncio.Task | None = None

    def take(self, sample: dict) -> None:
        self.samples += 1
        self.last = sample
        if sample["available"] < self.reserve_mb:
            self.low.set()
        if self.peak is None or sample["total"] > self.peak["total"]:
            self.peak = sample
        for part in (*HUB_PARTS, "total"):
            self.maxima[part] = max(self.maxima.get(part, 0.0), sample[part])
        for role, vms in sample["largest_vms"].items():
            self.maxima[f"vms_{role}"] = max(self.maxima.get(f"vms_{role}", 0.0), vms)
        if sample["users"]:
            self.maxima["one_user"] = max(self.maxima.get("one_user", 0.0), max(sample["users"].values()))
        self.min_available = min(self.min_available, sample["available"])
        self.max_load = max(self.max_load, sample["load"])

    async def _run(self) -> None:
        while True:
            try:
                self.take(await asyncio.to_thread(memory_sample, self.hub_pid, self.uids))
            except Exception:  # noqa: BLE001 - a process ending mid-sample; the next sample counts
                pass
            await asyncio.sleep(SAMPLE_SECONDS)

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        self.take(await asyncio.to_thread(memory_sample, self.hub_pid, self.uids))

    def summary(self) -> dict:
        peak = self.peak or {"users": {}, "total": 0.0, **dict.fromkeys(HUB_PARTS, 0.0), "processes": 0}
        users = list(peak["users"].values())
        return {
            "peak_total_mb": round(peak["total"], 1),
            "at_peak": {"hub_mb": round(peak["hub"], 1), "proxy_mb": round(peak["proxy"], 1),
                        "services_mb": round(peak["services"], 1), "users_mb": round(sum(users), 1),
                        "users": len(users), "user_processes": peak["processes"],
                        "per_user_mean_mb": round(statistics.mean(users), 1) if users else 0.0},
            "max_hub_mb": round(self.maxima.get("hub", 0.0), 1),
            "max_proxy_mb": round(self.maxima.get("proxy", 0.0), 1),
            "max_one_user_mb": round(self.maxima.get("one_user", 0.0), 1),
            "largest_address_space_mb": {"server": round(self.maxima.get("vms_server", 0.0)),
                                         "kernel": round(self.maxima.get("vms_kernel", 0.0))},
            "min_available_mb": round(self.min_available) if self.min_available < math.inf else None,
            "max_load_1min": round(self.max_load, 2),
            "samples": self.samples,
            "cpu_s_at_end": {part: round(seconds, 1) for part, seconds in (self.last or {}).get("cpu", {}).items()},
        }


# --- the run ---------------------------------------------------------------------------------------------------

def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile (``fraction`` 0.5: median); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _spread(values: list[float], scale: float = 1.0, digits: int = 2) -> dict:
    def rounded(value):
        return None if value is None else round(value * scale, digits)

    return {"n": len(values), "p50": rounded(percentile(values, 0.5)), "p95": rounded(percentile(values, 0.95)),
            "max": rounded(max(values) if values else None)}


async def _class_run(hub, hub_pid: int, people: list[Participant], answers: int, minutes: float, concurrent: int,
                     seed: int, reserve_mb: float, results: dict) -> None:
    uids = {pwd.getpwnam(person.name).pw_uid: person.name for person in people}
    watch = MemoryWatch(hub_pid, uids, reserve_mb)
    watch.start()

    async def work():
        gate = asyncio.Semaphore(concurrent or len(people))
        began = time.perf_counter()
        await asyncio.gather(*(arrive(hub, person, answers, gate, began) for person in people))
        results["arrival_wall_s"] = round(time.perf_counter() - began, 1)
        active = [person for person in people if person.ready]
        results["participants_answering"] = len(active)
        started = time.perf_counter()
        await asyncio.gather(*(answer(person, person.kernel, minutes * 60, random.Random(seed + person.number))
                               for person in active))
        results["answering_wall_s"] = round(time.perf_counter() - started, 1)

    try:
        working, guard = asyncio.ensure_future(work()), asyncio.ensure_future(watch.low.wait())
        await asyncio.wait([working, guard], return_when=asyncio.FIRST_COMPLETED)
        if not working.done():
            results["stopped_low_memory"] = True
            working.cancel()
        guard.cancel()
        await asyncio.gather(working, guard, return_exceptions=True)
        if working.done() and not working.cancelled() and working.exception() is not None:
            raise working.exception()
    finally:
        await watch.stop()
        results["memory"] = watch.summary()
        for person in people:  # also those stopped half-way (limit, memory)
            try:
                if person.kernel is not None and person.kernel.socket is not None:
                    person.kernel.socket.close()
                if person.user is not None:
                    await person.user.close()
            except Exception:  # noqa: BLE001
                pass


def _check_files(hub, people: list[Participant], answers: int) -> dict:
    """As root: does every participant's jawaban.json hold the last value of every item planned for them?

    A participant who never got as far as the notebook is expected to have answered all the same (their answers
    are planned from the items the others were shown): what they could not save counts as missing.
    """
    from course.bank import BANK_DIRECTORY, load_bank
    from course.store import inspect_store

    shown = next((person.items for person in people if person.items), None) or \
        [item.id for item in load_bank(BANK_DIRECTORY / f"{ASSIGNMENT}.json")]
    expected = present = complete = 0
    missing = []
    for person in people:
        wanted = final_values(person.answers or plan_answers(shown, answers, person.number))
        reading = inspect_store(hub.home(person.name) / ASSIGNMENT / "jawaban.json")
        found = 0
        for item, value in wanted.items():
            entry = reading.answers.get(item)
            if entry is not None and entry.get("value") == value:
                found += 1
            else:
                missing.append(f"{person.name}: {item}")
        expected, present, complete = expected + len(wanted), present + found, complete + (found == len(wanted))
    return {"items_expected": expected, "items_present": present, "participants_complete": complete,
            "missing": missing[:20]}


def _version() -> str:
    """The commit measured, and whether the hub's files differ from it (they decide what is measured)."""
    import subprocess

    def git(*arguments):
        return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    changed = git("status", "--porcelain", "--", "deploy/hub", "tests/class_hub.py", "tests/hub_client.py")
    return (git("rev-parse", "--short", "HEAD") or "?") + (" + perubahan belum di-commit di deploy/hub atau tests"
                                                           if changed else "")


def measure(participants: int = 40, answers: int = 20, minutes: float = 3.0, concurrent: int = 0,
            limit: float | None = None, reserve_mb: float = 2048, seed: int = 15,
            keep_log: Path | None = None, ipc: bool = False) -> dict:
    """Run the load test; the results as a dict (see ``table``). Needs root and configurable-http-proxy.

    ``concurrent``: at most that many participants logging in and starting at once (0: all); ``limit``: seconds
    for arriving and answering (setting up the class has its own steps' timeouts); ``reserve_mb``: the run stops
    when the machine's available memory falls below it;
    ``keep_log``: a folder to copy the Hub's log into (the Hub's and every server's messages) before cleanup;
    ``ipc``: the experiment of ``IPC_CONFIG`` (kernels on IPC sockets, not TCP ports).
    """
    from tests.class_hub import start_class_hub, stop_class_hub

    if participants < 1 or answers < 1 or minutes <= 0:
        raise ValueError("participants and answers must be at least 1, minutes more than 0")
    limit = limit or 600 + minutes * 60
    began = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    results: dict[str, Any] = {
        "participants": participants, "answers_per_participant": answers, "minutes": minutes,
        "concurrent_arrivals": concurrent or participants, "limit_s": limit,
        "machine": {"cores": os.cpu_count(), "memory_mb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
                                                                / 2**20), "load_before": round(os.getloadavg()[0], 2)},
        "timed_out": False, "stopped_low_memory": False, "reserve_mb": reserve_mb, "version": _version(),
        "measured_on": time.strftime("%Y-%m-%d %H:%M"), "kernel_transport": "ipc" if ipc else "tcp",
    }
    hub, cleanup = start_class_hub([ASSIGNMENT], participants=participants)
    people: list[Participant] = []
    uids = [pwd.getpwnam(name).pw_uid for name in hub.participants]
    try:
        if ipc:
            (hub.base / "config" / "jupyter_server_config.py").write_text(IPC_CONFIG, encoding="utf-8")
        results["class_setup_s"] = round(time.perf_counter() - began, 1)  # hub, accounts, generate + release
        results["hub_limits"] = {"memory_per_process": hub.environment.get("KURSUS_HUB_MEMORY", "3G"),
                                 "idle_timeout_s": int(hub.environment.get("KURSUS_HUB_IDLE", "3600"))}
        people = [Participant(name, number) for number, name in enumerate(hub.participants, start=1)]
        run = _class_run(hub, cleanup[0].pid, people, answers, minutes, concurrent, seed, reserve_mb, results)
        try:
            asyncio.run(asyncio.wait_for(run, timeout=limit))
        except (asyncio.TimeoutError, TimeoutError):
            results["timed_out"] = True
        results["files"] = _check_files(hub, people, answers)
    finally:
        if keep_log is not None:
            Path(keep_log).mkdir(parents=True, exist_ok=True)
            shutil.copy(hub.base / "hub.log", Path(keep_log) / "hub.log")
        stop_class_hub(cleanup)
        for uid in uids if ipc else ():
            shutil.rmtree(f"/tmp/kursus-run-{uid}", ignore_errors=True)
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    results["client_cpu_s"] = round(cpu_after.ru_utime + cpu_after.ru_stime - cpu_before.ru_utime
                                    - cpu_before.ru_stime, 1)
    results["wall_s"] = round(time.perf_counter() - began, 1)
    starts = [person.seconds["start"] for person in people if "start" in person.seconds]
    ready_at = [person.seconds["ready_at"] for person in people if "ready_at" in person.seconds]
    results["servers_started"] = len(ready_at)
    results["start"] = {**_spread(starts, digits=1), "all_s": round(max(ready_at), 1) if ready_at else None}
    for phase in ("login", "fetch", "kernel", "cells", "cells_client"):
        results[phase] = _spread([person.seconds[phase] for person in people if phase in person.seconds])
    saves = [save for person in people for save in person.saves]
    results["saves"] = {"planned": participants * answers, "confirmed": len(saves),
                        "kernel_ms": _spread([save["kernel"] for save in saves], 1000, 1),
                        "client_ms": _spread([save["client"] for save in saves], 1000, 1)}
    failures = [{"participant": person.name, **failure} for person in people for failure in person.failures]
    if results["timed_out"]:
        failures.append({"participant": "-", "phase": "run", "error": f"stopped after the limit of {limit:.0f} s"})
    if results["stopped_low_memory"]:
        failures.append({"participant": "-", "phase": "run",
                         "error": f"stopped: the machine had less than {reserve_mb:.0f} MB available"})
    by_phase: dict[str, int] = {}
    for failure in failures:
        by_phase[failure["phase"]] = by_phase.get(failure["phase"], 0) + 1
    results["failures"] = {"count": len(failures), "by_phase": by_phase, "examples": failures[:10]}
    return results


# --- output ----------------------------------------------------------------------------------------------------

def write_results(results: dict, folder: str | os.PathLike) -> Path:
    path = Path(folder) / RESULT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _number(value) -> str:
    return "–" if value is None else f"{value}"


def _figures(spread: dict, *keys: str) -> str:
    """``p50 / p95`` (or the ``keys`` asked for) of one ``_spread``."""
    return " / ".join(_number(spread[key]) for key in (keys or ("p50", "p95")))


HUB_PARTS_MB = tuple(f"{part}_mb" for part in HUB_PARTS)


def table(results: dict) -> str:
    """The results as a short Markdown table (Indonesian, as the rest of docs/performance.md)."""
    saves, memory, files, failures = results["saves"], results["memory"], results["files"], results["failures"]
    at_peak, space = memory["at_peak"], memory["largest_address_space_mb"]
    size = f"{results['participants']} × {results['answers_per_participant']}, ±{results['minutes']} menit"
    if results.get("kernel_transport") == "ipc":
        size += "; kernel lewat IPC (eksperimen)"
    failed = ", ".join(f"{phase} {count}" for phase, count in failures["by_phase"].items())
    cpu = [_number(memory.get("cpu_s_at_end", {}).get(part)) for part in ("hub", "proxy", "users")]
    limit = results.get("hub_limits", {}).get("memory_per_process", "3G")
    rows = [
        ("peserta × jawaban, sebaran", size),
        ("server menyala", f"{results.get('servers_started', 0)} dari {results['participants']}"),
        ("sejak semua mulai datang sampai server terakhir menyala (s)", _number(results["start"]["all_s"])),
        ("start satu server (setelah login) p50 / p95 (s)", _figures(results["start"])),
        ("login p50 / p95 (s)", _figures(results["login"])),
        ("fetch p50 / p95 (s)", _figures(results["fetch"])),
        ("buka notebook (kernel) p50 / p95 (s)", _figures(results["kernel"])),
        ("sel notebook: di kernel p50 / p95; di klien p50 / p95 (s)",
         f"{_figures(results['cells'])}; {_figures(results['cells_client'])}"),
        ("datang: semua peserta siap menjawab (s)", _number(results.get("arrival_wall_s"))),
        ("jawaban terkonfirmasi di berkas", f"{saves['confirmed']} dari {saves['planned']}"),
        ("simpan di kernel p50 / p95 / maks (ms)", _figures(saves["kernel_ms"], "p50", "p95", "max")),
        ("pulang-pergi klien p50 / p95 / maks (ms)", _figures(saves["client_ms"], "p50", "p95", "max")),
        ("jawaban akhir ada di jawaban.json", f"{files['items_present']} dari {files['items_expected']}"),
        ("memori puncak, total (MB)", _number(memory["peak_total_mb"])),
        ("— Hub / proxy / layanan Hub (MB)", " / ".join(f"{at_peak[part]}" for part in HUB_PARTS_MB)),
        ("— peserta: total / rata-rata per peserta (MB)", f"{at_peak['users_mb']} / {at_peak['per_user_mean_mb']}"),
        (f"ruang alamat terbesar server / kernel (MB; batas per proses {limit})",
         f"{space['server']} / {space['kernel']}"),
        ("memori tersedia terendah (MB) / beban 1 menit tertinggi",
         f"{_number(memory['min_available_mb'])} / {memory['max_load_1min']}"),
        ("kegagalan", f"{failures['count']}" + (f" ({failed})" if failures["count"] else "")),
        ("CPU (s): Hub / proxy / peserta / klien uji", " / ".join(cpu) + f" / {results['client_cpu_s']}"),
        ("waktu seluruh jalan (s)", f"{results['wall_s']}"),
    ]
    lines = ["| ukuran | nilai |", "|---|---:|", *(f"| {name} | {value} |" for name, value in rows)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peserta", type=int, default=40, metavar="N", help="participants (default 40)")
    parser.add_argument("--jawaban", type=int, default=20, metavar="K", help="answers per participant (default 20)")
    parser.add_argument("--menit", type=float, default=3.0, metavar="M",
                        help="minutes over which each participant's answers are spread (default 3)")
    parser.add_argument("--serentak", type=int, default=0, metavar="C",
                        help="at most C participants logging in and starting at once (default 0: all)")
    parser.add_argument("--batas", type=float, default=None, metavar="S",
                        help="stop arriving and answering after S seconds (default 600 + the answering minutes; "
                             "setting up the class is bounded by its own steps' timeouts)")
    parser.add_argument("--sisa-memori", type=float, default=2048, metavar="MB",
                        help="stop the run when the machine has less than MB available (default 2048)")
    parser.add_argument("--ipc", action="store_true",
                        help="experiment: participants' kernels on IPC sockets in a private folder instead of "
                             "TCP ports (deploy/hub does not do this)")
    parser.add_argument("--keluar", type=Path, default=None, metavar="DIR",
                        help=f"write {RESULT_FILE} and the Hub's log (hub.log) into DIR")
    arguments = parser.parse_args(argv)
    import pytest  # class_hub reports a machine that cannot run the hub with pytest's skip/fail exceptions

    try:
        results = measure(arguments.peserta, arguments.jawaban, arguments.menit, arguments.serentak, arguments.batas,
                          arguments.sisa_memori, keep_log=arguments.keluar, ipc=arguments.ipc)
    except (pytest.skip.Exception, pytest.fail.Exception, ValueError) as error:
        print(f"Galat: {getattr(error, 'msg', None) or error}", file=sys.stderr)
        return 2
    if arguments.keluar is not None:
        write_results(results, arguments.keluar)
    print(table(results))
    complete = results["files"]["items_present"] == results["files"]["items_expected"] > 0
    return 0 if complete and results["failures"]["count"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
