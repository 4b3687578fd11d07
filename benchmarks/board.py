"""Latency of the class board (issue 16, point 4): one full refresh for a class of 40, from a folder and from the hub.

    python benchmarks/board.py                    # folder source, 40 participants, sm1..sm5
    sudo .venv/bin/python benchmarks/board.py --hub 40   # and the hub source (root: the hub makes OS accounts)

A full refresh is what the page does every 3 s: ``GET /kelas/api/views`` from the board's own server, with the
cache off (``cache_seconds=0``), so every call reads every participant's answer file and builds every view. The
folder figures come from `kursus kelas --folder` on a synthetic class; the hub figures from the reference hub's
``kelas`` service, reading each running participant's ``jawaban.json`` through their server's contents API: the
participants' servers are started through the Hub (a few at a time, and no more once the machine's available memory
falls below ``--sisa-memori``), their sm1 answer files written as their owners, and the service's own 2-second cache
is let expire before every refresh measured.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import course  # noqa: E402,F401  (defers the slow rfc3987_syntax import, as the course's tools do)

__all__ = ["write_class", "write_answers", "synthetic_answers", "measure", "percentiles", "start_board"]

ASSIGNMENTS = ["sm1_diplomasi", "sm2_aktor", "sm3_model", "sm4_tata_kelola", "sm5_negosiasi"]


def synthetic_answers(assignment: str, rng: random.Random, ability: float) -> dict:
    """One synthetic participant's ``{item id: value}`` for ``assignment`` (some items left open)."""
    from course import kinds
    from course.bank import all_banks
    from course.keys import keys_from_notebook

    keys = keys_from_notebook(ROOT / "source" / assignment / f"{assignment}.ipynb")
    answers = {}
    for item in all_banks()[assignment.split("_", 1)[0]]:
        if rng.random() < 0.1:
            continue
        value = kinds.synthetic(item, (keys.get(item.id) or {}).get("key"), ability, rng)
        if value is not None:
            answers[item.id] = value
    return answers


def write_answers(folder: Path, assignment: str, answers: dict) -> None:
    """``folder/jawaban.json`` in the answer store's format, replaced atomically (as the store does)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now().replace(microsecond=0).isoformat()
    document = {"schema_version": 1, "assignment": assignment,
                "answers": {item: {"value": value, "saved_at": stamp} for item, value in answers.items()}}
    partial = folder / ".jawaban.json.tmp"
    partial.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, folder / "jawaban.json")


def pair_up(answers: list[dict], items: list[str]) -> None:
    """Make the role-play entries of ``answers`` (in class order) those of pairs, as a room gives them: neighbours
    share a table code (MEJA-1, ...) and the second partner enters the first one's outcome from the other team; the
    first pair that signed disagrees (one partner enters no deal), and an odd participant out plays without a code."""
    for item in items:
        players = [number for number, given in enumerate(answers) if isinstance(given.get(item), dict)]
        disagreeing = False
        for table, (first, second) in enumerate(zip(players[::2], players[1::2]), 1):
            entry = dict(answers[first][item], pair=f"MEJA-{table}")
            partner = dict(entry, team="batman" if entry.get("team") == "marvel" else "marvel")
            if not disagreeing and entry.get("result") == "deal":  # the board flags this table
                disagreeing = True
                partner["result"] = "no_deal"
                partner.pop("package", None)
            answers[first][item], answers[second][item] = entry, partner


def write_class(root: Path, assignment: str, size: int = 40, seed: int = 16) -> list[str]:
    """``root/<participant>/<assignment>/jawaban.json`` for ``size`` synthetic participants (role-play entries in
    pairs, see ``pair_up``); their names."""
    from course.bank import all_banks

    rng = random.Random(f"{seed}/{assignment}")
    names = [f"peserta{number:02d}" for number in range(1, size + 1)]
    answers = [synthetic_answers(assignment, rng, rng.uniform(0.2, 0.95)) for _ in names]
    pair_up(answers, [item.id for item in all_banks()[assignment.split("_", 1)[0]] if item.kind == "negotiation_pair"])
    for name, given in zip(names, answers):
        write_answers(root / name / assignment, assignment, given)
    return names


def percentiles(seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    return {"n": len(ordered), "p50": round(statistics.median(ordered), 3),
            "p95": round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], 3),
            "max": round(ordered[-1], 3)}


def measure(url: str, headers: dict | None = None, rounds: int = 20) -> dict:
    """Time ``rounds`` GETs of ``url`` one after the other (the first, which warms imports, is not counted)."""
    times = []
    for number in range(rounds + 1):
        request = urllib.request.Request(url, headers=headers or {})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as reply:
            body = reply.read()
        if number:
            times.append(time.perf_counter() - started)
    result = percentiles(times)
    result["views"] = len(json.loads(body)["views"])
    result["kb"] = round(len(body) / 1024, 1)
    return result


def start_board(folder: Path, assignment: str, port: int, environment: dict | None = None, *extra: str):
    """`kursus kelas <assignment> --folder <folder> --no-browser --port <port>`; (process, URL with the token)."""
    process = subprocess.Popen([str(Path(sys.executable).parent / "kursus"), "kelas", assignment, "--folder",
                                str(folder), "--no-browser", "--port", str(port), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=environment or dict(os.environ))
    deadline = time.time() + 90
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            raise RuntimeError("kursus kelas stopped:\n" + process.stderr.read()[-3000:])
        if "?token=" in line:
            url = line.strip().split(": ", 1)[1]
            for _ in range(100):  # the server listens once its loop runs
                try:
                    urllib.request.urlopen(url.split("/kelas")[0] + "/api", timeout=1)
                    return process, url
                except OSError:
                    time.sleep(0.1)
    process.kill()
    raise RuntimeError("kursus kelas gave no URL")


def uncached_environment(workdir: Path) -> dict:
    """The board's environment with its 2-second cache off (``BoardApp.cache_seconds = 0`` in a config file the
    server reads): every refresh then reads every answer file and builds every view."""
    config = workdir / ".jupyter-config"
    config.mkdir(exist_ok=True)
    (config / "jupyter_kelas_config.json").write_text(json.dumps({"BoardApp": {"cache_seconds": 0}}))
    return dict(os.environ, JUPYTER_CONFIG_DIR=str(config))


def folder_figures(size: int, rounds: int, workdir: Path) -> dict:
    from tests.browser import free_port

    figures = {}
    for assignment in ASSIGNMENTS:
        write_class(workdir, assignment, size)
    for assignment in ASSIGNMENTS:
        process, url = start_board(workdir, assignment, free_port(), uncached_environment(workdir))
        try:
            base, token = url.split("/kelas?token=")
            figures[assignment] = measure(f"{base}/kelas/api/views?tugas={assignment}",
                                          {"Authorization": f"token {token}"}, rounds)
        finally:
            process.terminate()
            process.wait(timeout=30)
    return figures


def main(argv: list[str] | None = None) -> int:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peserta", type=int, default=40)
    parser.add_argument("--putaran", type=int, default=20, help="refreshes measured per assignment")
    parser.add_argument("--hub", type=int, default=0, help="also the hub source, with this many participants' servers")
    parser.add_argument("--sisa-memori", type=float, default=2.0,
                        help="GB of available memory below which no further server is started (default 2)")
    parser.add_argument("--keluar", type=Path, help="write the figures as JSON here")
    arguments = parser.parse_args(argv)
    results = {"machine": {"cpus": os.cpu_count(), "load_before": [round(load, 1) for load in os.getloadavg()]}}
    with tempfile.TemporaryDirectory(prefix="kelas-bench-") as workdir:
        results["folder"] = folder_figures(arguments.peserta, arguments.putaran, Path(workdir))
    if arguments.hub:
        results["hub"] = hub_figures(arguments.hub, arguments.putaran, arguments.sisa_memori)
    results["machine"]["load_after"] = [round(load, 1) for load in os.getloadavg()]
    print(json.dumps(results, indent=1))
    if arguments.keluar:
        arguments.keluar.write_text(json.dumps(results, indent=1))
    return 0


def available_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024 / 1024
    return float("inf")


def hub_figures(size: int, rounds: int, reserve_gb: float = 2.0, assignment: str = "sm1_diplomasi") -> dict:
    """The reference hub with ``size`` participants (tests/class_hub.py); as many servers as the machine holds."""
    import asyncio
    import pwd

    from tests.class_hub import start_class_hub, stop_class_hub
    from tests.hub_client import HubUser

    hub, cleanup = start_class_hub([assignment], participants=size)
    figures: dict = {"participants": size}
    try:
        async def start(name: str, limit: asyncio.Semaphore, started: list, refused: list) -> None:
            async with limit:
                if available_gb() < reserve_gb:
                    refused.append(name)
                    return
                user = HubUser(hub.url, name)
                try:
                    await user.log_in(hub.passwords[name])
                    started.append((name, await user.start_server()))
                finally:
                    await user.close()

        async def start_all() -> tuple[list, list]:
            started, refused = [], []
            limit = asyncio.Semaphore(4)
            await asyncio.gather(*(start(name, limit, started, refused) for name in hub.participants))
            return started, refused

        began = time.perf_counter()
        started, refused = asyncio.run(start_all())
        figures.update(servers=len(started), not_started=len(refused),
                       start_seconds=round(time.perf_counter() - began, 1), available_gb_after=round(available_gb(), 1))
        rng = random.Random(f"hub/{assignment}")
        for name in hub.participants:  # every participant's answers, written as their own account would
            account = pwd.getpwnam(name)
            folder = hub.home(name) / assignment
            write_answers(folder, assignment, synthetic_answers(assignment, rng, rng.uniform(0.2, 0.95)))
            for path in (folder, folder / "jawaban.json"):
                os.chown(path, account.pw_uid, account.pw_gid)

        async def refreshes() -> list[float]:
            teacher = HubUser(hub.url, hub.instructor)
            try:
                await teacher.log_in(hub.instructor_password)
                headers = {"Authorization": f"token {teacher.token}"}
                url = f"/services/kelas/kelas/api/views?tugas={assignment}"
                for _ in range(180):  # the service is up once the Hub is; its first answer imports the views
                    if (await teacher.http.get(url, headers=headers)).status_code == 200:
                        break
                    await asyncio.sleep(0.5)
                times = []
                for _ in range(rounds):
                    await asyncio.sleep(2.1)  # past the service's 2-second cache: every refresh reads every server
                    began = time.perf_counter()
                    reply = await teacher.http.get(url, headers=headers)
                    times.append(time.perf_counter() - began)
                    reply.raise_for_status()
                document = reply.json()
                figures["answered_seen"] = max(view["answered"] for view in document["views"])
                figures["kb"] = round(len(reply.content) / 1024, 1)
                return times
            finally:
                await teacher.close()

        figures["load_before"] = [round(load, 1) for load in os.getloadavg()]  # a shared machine: how busy it was
        figures.update(percentiles(asyncio.run(refreshes())))
    finally:
        stop_class_hub(cleanup)
    return figures


if __name__ == "__main__":
    sys.exit(main())
