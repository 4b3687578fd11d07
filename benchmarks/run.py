"""Run every benchmark side by side and print one table (Markdown), also written to ``--keluar``.

    python benchmarks/run.py                      # the full run (cohorts 10, 20, 40, 80 × 7 and 20 × 2; about 80 minutes)
    python benchmarks/run.py --ukuran 20 --tugas sm1_diplomasi sm3_model --bagian kohort   # the class case alone
    python benchmarks/run.py --smoke              # a small run that proves the benchmark still works (CI)

Times on a shared machine are noisy; every comparison is therefore also given as a ratio of two
figures measured one after the other in the same run, and the course's autograde and the floor are each
measured three times, alternately (``--ulang``), and given as medians, with every run listed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import cohort, participant, startup  # noqa: E402
from course.instructor.grading import default_workers  # noqa: E402

ASSIGNMENTS = ["sm0_orientasi", "sm1_diplomasi", "sm2_aktor", "sm3_model", "sm4_tata_kelola", "sm5_negosiasi",
               "sm6_evaluasi"]
SECTIONS = ("kohort", "startup", "peserta", "gradebook")
# The class case (issue 19): an instructor grades one or two assignments for a class right after a session.
CLASS_COHORT = (20, ["sm1_diplomasi", "sm3_model"])
TARGETS = {"stock_ratio": 2.5, "floor_ratio": 1.15, "floor_sm1": 0.6, "linear": 1.2, "import": 0.3, "kernel_mb": 150, "size_kb": 250,
           "browser": 3.0}


def _mark(ok: bool) -> str:
    return "memenuhi" if ok else "TIDAK memenuhi"


def _cohort_row(size, assignments, workers, folder: Path, repeats: int = 1) -> dict:
    """Stock, parallel and floor for one cohort, side by side (and the floor per assignment for a few assignments).

    Parallel and floor are measured ``repeats`` times, one after the other (parallel, floor, parallel, floor...),
    and each is given as the median of its runs: on a shared machine one run of either can be 10 % off.
    Every parallel run must give stock nbgrader's scores.
    """
    course_root = cohort.prepare_cohort(folder / f"kohort{size}x{len(assignments)}", size, assignments)
    notebooks = size * len(assignments)
    stock = cohort.stock_autograde(course_root, assignments)
    stock_scores = cohort.scores(course_root, assignments)
    parallel_runs, floor_runs, same = [], [], True
    for _ in range(repeats):
        parallel_runs.append(cohort.parallel_autograde(course_root, assignments, workers))
        same = same and cohort.scores(course_root, assignments) == stock_scores
        floor_runs.append(cohort.bare_execution(course_root, assignments, workers))
    parallel, floor = statistics.median(parallel_runs), statistics.median(floor_runs)
    # the floor of each assignment alone, where it is cheap to measure (the class case of one to three assignments)
    each = {assignments[0]: floor} if len(assignments) == 1 else (
        {assignment: cohort.bare_execution(course_root, [assignment], workers) for assignment in assignments}
        if len(assignments) <= 3 else {})
    shutil.rmtree(course_root, ignore_errors=True)
    return {"size": size, "assignments": assignments, "notebooks": notebooks, "stock": stock, "parallel": parallel,
            "floor": floor, "parallel_runs": parallel_runs, "floor_runs": floor_runs, "floor_per_assignment": each,
            "workers": workers, "same_scores": same}


def _per_process(seconds: float, notebooks: int, workers: int) -> float:
    """Seconds one process spends per notebook: the wall time of the run × busy processes ÷ notebooks."""
    return seconds * min(workers, notebooks) / notebooks


def _cohort_line(row: dict) -> str:
    notebooks, workers = row["notebooks"], row["workers"]
    label = "semua" if len(row["assignments"]) == len(ASSIGNMENTS) else ", ".join(row["assignments"])
    return (f"| {row['size']} | {label} | {notebooks} | {row['stock']:.1f} | {row['parallel']:.1f} | {row['floor']:.1f} "
            f"| {row['stock'] / row['parallel']:.2f}× | {row['parallel'] / row['floor']:.2f}× "
            f"| {row['parallel'] / notebooks:.3f} | {row['floor'] / notebooks:.3f} "
            f"| {_per_process(row['parallel'], notebooks, workers):.2f} | {_per_process(row['floor'], notebooks, workers):.2f} "
            f"| {'ya' if row['same_scores'] else 'TIDAK'} |")


def _cohort_section(cohorts, workers, folder: Path, output: Path, repeats: int = 1) -> tuple[list[str], dict]:
    lines = ["## 1. Autograde satu kohort", "",
             f"Paralel dan lantai memakai {workers} proses. s/nb = waktu ÷ notebook; s/nb per proses = waktu × proses "
             "÷ notebook (berapa lama satu proses bekerja untuk satu notebook)."
             + (f" Paralel dan lantai: median {repeats} ulangan bergantian (semua ulangan di bawah tabel)."
                if repeats > 1 else ""), "",
             "| peserta | tugas | notebook | stok (s) | paralel (s) | lantai (s) | stok ÷ paralel | paralel ÷ lantai "
             "| paralel s/nb | lantai s/nb | paralel s/nb per proses | lantai s/nb per proses | nilai sama |",
             "|---:|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|"]
    rows = []
    for size, assignments in cohorts:
        rows.append(_cohort_row(size, assignments, workers, folder, repeats))
        lines.append(_cohort_line(rows[-1]))
        print(lines[-1], file=sys.stderr, flush=True)  # progress: a full run takes most of an hour
        output.mkdir(parents=True, exist_ok=True)
        (output / "kohort_sementara.json").write_text(json.dumps(rows, indent=2))  # survives a later crash
    if repeats > 1:
        lines += ["", "Setiap ulangan, berurutan (paralel / lantai = rasio):", ""]
        lines += [f"- {row['size']} × {len(row['assignments'])} tugas: " + "; ".join(
            f"{parallel:.1f} / {floor:.1f} s = {parallel / floor:.2f}×"
            for parallel, floor in zip(row["parallel_runs"], row["floor_runs"])) for row in rows]
    lines += ["", "Lantai per tugas (setiap tugas dijalankan sendiri, proses yang sama):", "",
              "| peserta | tugas | notebook | lantai (s) | lantai s/nb | lantai s/nb per proses |",
              "|---:|:---|---:|---:|---:|---:|"]
    for row in rows:
        for assignment, seconds in row["floor_per_assignment"].items():
            lines.append(f"| {row['size']} | {assignment} | {row['size']} | {seconds:.1f} | {seconds / row['size']:.3f} "
                         f"| {_per_process(seconds, row['size'], row['workers']):.2f} |")
    same_set = [row for row in rows if row["assignments"] == rows[0]["assignments"]]
    first, last = same_set[0], same_set[-1]
    growth = (last["parallel"] / last["notebooks"]) / (first["parallel"] / first["notebooks"])
    lines += ["", f"Pertumbuhan biaya: detik per notebook pada {last['size']} peserta ÷ pada {first['size']} peserta "
                  f"= {growth:.2f} (1,00 = linear sempurna)."]
    return lines, {"rows": rows, "growth": growth, "growth_sizes": [first["size"], last["size"]]}


def _startup_section(course_root: Path) -> tuple[list[str], dict]:
    stock, fixed = startup.import_nbgrader()
    ready = startup.worker_ready(course_root)
    lines = ["## 2. Start-up", "",
             "| pengukuran | tanpa perbaikan (s) | dengan perbaikan (s) | rasio |", "|---|---:|---:|---:|",
             f"| impor nbgrader.apps (rfc3987_syntax ditunda oleh `course._lazy`) | {stock:.2f} | {fixed:.2f} "
             f"| {stock / fixed:.2f}× |",
             f"| satu proses penilai siap (impor + baca nbgrader_config.py) | – | {ready:.2f} | – |"]
    return lines, {"import_stock": stock, "import_fixed": fixed, "worker_ready": ready}


def _participant_section(assignments) -> tuple[list[str], dict]:
    seconds = participant.import_seconds()
    lines = ["## 3. Sisi peserta", "", f"`import course`: {seconds:.3f} s (median 7 kali; target ≤ {TARGETS['import']} s: "
                                        f"{_mark(seconds <= TARGETS['import'])}).", "",
             "| notebook | run-all tanpa peramban (s) | memori kernel setelah run-all (MB) | ukuran rilis (KB) "
             "| run-all → widget terakhir siap di JupyterLab (s) |", "|---|---:|---:|---:|---:|"]
    rows = []
    for assignment in assignments:
        run_seconds, memory = participant.run_all(assignment)
        size = participant.released_size(assignment)
        browser = participant.browser_seconds(assignment)
        rows.append({"assignment": assignment, "run_all": run_seconds, "kernel_mb": memory, "size_kb": size,
                     "browser": browser})
        shown = "–" if browser is None else f"{browser:.1f}"
        lines.append(f"| {assignment} | {run_seconds:.2f} | {memory:.0f} | {size:.0f} | {shown} |")
    worst_memory = max(row["kernel_mb"] for row in rows)
    biggest = max(row["size_kb"] for row in rows)
    browsers = [row["browser"] for row in rows if row["browser"] is not None]
    lines += ["", f"Memori kernel terbesar {worst_memory:.0f} MB (target ≤ {TARGETS['kernel_mb']}: "
                  f"{_mark(worst_memory <= TARGETS['kernel_mb'])}); notebook terbesar {biggest:.0f} KB "
                  f"(target ≤ {TARGETS['size_kb']}: {_mark(biggest <= TARGETS['size_kb'])})."]
    if browsers:
        lines.append(f"Run-all di peramban terlama {max(browsers):.1f} s (target ≤ {TARGETS['browser']}: "
                     f"{_mark(max(browsers) <= TARGETS['browser'])}); diukur oleh tes peramban terakhir "
                     "(`test-artifacts/waktu_*.json`).")
    else:
        lines.append("Waktu peramban belum ada: jalankan tes peramban dulu (`bash scripts/uji.sh -m browser`).")
    return lines, {"import": seconds, "rows": rows}


@contextmanager
def _postgres_database(server_url: str):
    """A fresh database on ``server_url`` (a superuser URL), dropped afterwards; yields its SQLAlchemy URL."""
    import psycopg2
    from sqlalchemy.engine import make_url

    name = f"kursus_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(server_url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _gradebook_section(size, assignments, workers, folder: Path, server_url: str | None) -> tuple[list[str], dict]:
    from course.instructor.grading import build

    lines = ["## 4. Gradebook: SQLite dan PostgreSQL", ""]
    if not server_url:
        return lines + ["PostgreSQL tidak diukur: tidak ada server (berikan `--postgres URL` atau "
                        "`KURSUS_TEST_POSTGRES_URL`)."], {}
    course_root = cohort.prepare_cohort(folder / "gradebook", size, assignments)
    notebooks = size * len(assignments)
    sqlite = cohort.parallel_autograde(course_root, assignments, workers)
    sqlite_scores = cohort.scores(course_root, assignments)
    with _postgres_database(server_url) as url:
        build(course_root, assignments, url=url)
        jobs_seconds = cohort.parallel_autograde(course_root, assignments, workers, url=url)
        same = cohort.scores(course_root, assignments, url=url) == sqlite_scores
    lines += [f"Kohort {size} peserta, {notebooks} notebook, {workers} proses.", "",
              "| gradebook | paralel (s) | nb/s | rasio ke SQLite | nilai sama dengan SQLite |", "|---|---:|---:|---:|:---|",
              f"| SQLite (berkas) | {sqlite:.1f} | {notebooks / sqlite:.2f} | 1,00× | – |",
              f"| PostgreSQL (loopback) | {jobs_seconds:.1f} | {notebooks / jobs_seconds:.2f} "
              f"| {jobs_seconds / sqlite:.2f}× | {'ya' if same else 'TIDAK'} |"]
    return lines, {"sqlite": sqlite, "postgres": jobs_seconds, "same_scores": same}


def _targets(results: dict) -> list[str]:
    lines = ["## Target", ""]
    rows = results["cohort"]["rows"]
    chosen = [row for row in rows if row["assignments"] == CLASS_COHORT[1] and row["size"] == CLASS_COHORT[0]] or rows[-1:]
    for row in chosen:
        stock_ratio, floor_ratio = row["stock"] / row["parallel"], row["parallel"] / row["floor"]
        lines.append(f"- Kohort {row['size']} × {len(row['assignments'])} tugas: paralel {stock_ratio:.2f}× lebih cepat "
                     f"dari stok (target ≥ {TARGETS['stock_ratio']}: {_mark(stock_ratio >= TARGETS['stock_ratio'])}); "
                     f"{floor_ratio:.2f}× lantai (target ≤ {TARGETS['floor_ratio']}: "
                     f"{_mark(floor_ratio <= TARGETS['floor_ratio'])}); nilai sama: {'ya' if row['same_scores'] else 'TIDAK'}.")
        first = row["floor_per_assignment"].get("sm1_diplomasi")
        if first is not None:
            seconds = _per_process(first, row["size"], row["workers"])
            lines.append(f"- Lantai sm1_diplomasi: {seconds:.2f} s per notebook per proses "
                         f"(target ≤ {TARGETS['floor_sm1']}: {_mark(seconds <= TARGETS['floor_sm1'])}).")
    first, last = results["cohort"]["growth_sizes"]
    growth = results["cohort"]["growth"]
    lines.append(f"- Pertumbuhan {first} → {last} peserta: {growth:.2f} per notebook "
                 f"(linear bila ≤ {TARGETS['linear']}: {_mark(growth <= TARGETS['linear'])}).")
    return lines


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--ukuran", type=int, nargs="+", help="ukuran kohort (default: 10 20 40 80, lalu 20 × sm1+sm3)")
    options.add_argument("--tugas", nargs="+", help="tugas (default: ketujuhnya)")
    options.add_argument("--proses", type=int, default=default_workers(), help="proses paralel (default: satu per inti, seperti kursus autograde)")
    options.add_argument("--postgres", default=os.environ.get("KURSUS_TEST_POSTGRES_URL"),
                         help="URL superuser server PostgreSQL (default: $KURSUS_TEST_POSTGRES_URL)")
    options.add_argument("--ulang", type=int, default=3,
                         help="ulangan paralel dan lantai per kohort; yang dilaporkan mediannya (default: 3)")
    options.add_argument("--ukuran-gradebook", type=int, default=20)
    options.add_argument("--smoke", action="store_true", help="kohort 2 dan 3 peserta, satu tugas: hanya bukti jalan")
    options.add_argument("--keluar", type=Path, default=ROOT / "benchmarks" / "hasil")
    options.add_argument("--bagian", nargs="+", choices=SECTIONS, default=list(SECTIONS),
                         help="bagian yang diukur (default: semua); mis. `--bagian peserta` setelah tes peramban")
    arguments = options.parse_args(argv)
    if arguments.ulang < 1:
        options.error("--ulang paling sedikit 1")
    if arguments.smoke:
        arguments.ukuran, arguments.tugas, arguments.ukuran_gradebook, arguments.ulang = [2, 3], ["sm1_diplomasi"], 2, 2
    if arguments.ukuran is None and arguments.tugas is None:
        cohorts = [(size, ASSIGNMENTS) for size in (10, 20, 40, 80)] + [CLASS_COHORT]
    else:
        cohorts = [(size, arguments.tugas or ASSIGNMENTS) for size in (arguments.ukuran or [10, 20, 40, 80])]
    arguments.tugas = arguments.tugas or ASSIGNMENTS
    results = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}, "workers": arguments.proses}
    lines = [f"# Hasil benchmark ({os.cpu_count()} inti, Python {results['machine']['python']})", ""]
    with tempfile.TemporaryDirectory(prefix="kursus-bench-") as scratch:
        folder = Path(scratch)
        for section in arguments.bagian:
            if section == "kohort":
                more, results["cohort"] = _cohort_section(cohorts, arguments.proses, folder, arguments.keluar,
                                                          arguments.ulang)
            elif section == "startup":
                more, results["startup"] = _startup_section(ROOT)
            elif section == "peserta":
                more, results["participant"] = _participant_section(arguments.tugas)
            else:
                more, results["gradebook"] = _gradebook_section(
                    arguments.ukuran_gradebook, arguments.tugas, arguments.proses, folder, arguments.postgres)
            lines += more + [""]
    if "cohort" in results:
        lines += _targets(results)
    table = "\n".join(lines) + "\n"
    print(table)
    arguments.keluar.mkdir(parents=True, exist_ok=True)
    (arguments.keluar / "hasil.md").write_text(table, encoding="utf-8")
    (arguments.keluar / "hasil.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
