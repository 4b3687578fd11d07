"""Run every benchmark side by side and print one table (Markdown), also written to ``--keluar``.

    python benchmarks/run.py                      # the full run (cohorts 10, 20, 40, 80; about 40 minutes on 2 cores)
    python benchmarks/run.py --smoke              # a small run that proves the benchmark still works (CI)

Times on a shared machine are noisy; every comparison is therefore also given as a ratio of two
figures measured one after the other in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
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
TARGETS = {"stock_ratio": 2.5, "floor_ratio": 1.3, "linear": 1.2, "import": 0.3, "kernel_mb": 150, "size_kb": 250,
           "browser": 3.0}


def _mark(ok: bool) -> str:
    return "memenuhi" if ok else "TIDAK memenuhi"


def _cohort_section(sizes, assignments, workers, folder: Path, output: Path) -> tuple[list[str], dict]:
    lines = ["## 1. Autograde satu kohort (semua tugas)", "",
             f"{len(assignments)} tugas; paralel dan lantai memakai {workers} proses.", "",
             "| peserta | notebook | stok (s) | paralel (s) | lantai (s) | nb/s stok | nb/s paralel | nb/s lantai "
             "| stok ÷ paralel | paralel ÷ lantai | paralel s/nb | nilai sama |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|"]
    rows = []
    for size in sizes:
        course_root = cohort.prepare_cohort(folder / f"kohort{size}", size, assignments)
        notebooks = size * len(assignments)
        stock = cohort.stock_autograde(course_root, assignments)
        stock_scores = cohort.scores(course_root, assignments)
        parallel = cohort.parallel_autograde(course_root, assignments, workers)
        same = cohort.scores(course_root, assignments) == stock_scores
        floor = cohort.bare_execution(course_root, assignments, workers)
        row = {"size": size, "notebooks": notebooks, "stock": stock, "parallel": parallel, "floor": floor,
               "same_scores": same}
        rows.append(row)
        lines.append(f"| {size} | {notebooks} | {stock:.1f} | {parallel:.1f} | {floor:.1f} | {notebooks / stock:.2f} "
                     f"| {notebooks / parallel:.2f} | {notebooks / floor:.2f} | {stock / parallel:.2f}× "
                     f"| {parallel / floor:.2f}× | {parallel / notebooks:.3f} | {'ya' if same else 'TIDAK'} |")
        print(lines[-1], file=sys.stderr, flush=True)  # progress: a full run takes most of an hour
        output.mkdir(parents=True, exist_ok=True)
        (output / "kohort_sementara.json").write_text(json.dumps(rows, indent=2))  # survives a later crash
    first, last = rows[0], rows[-1]
    growth = (last["parallel"] / last["notebooks"]) / (first["parallel"] / first["notebooks"])
    lines += ["", f"Pertumbuhan biaya: detik per notebook pada {last['size']} peserta ÷ pada {first['size']} peserta "
                  f"= {growth:.2f} (1,00 = linear sempurna)."]
    return lines, {"rows": rows, "growth": growth}


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


def _targets(results: dict, largest_checked: int) -> list[str]:
    lines = ["## Target", ""]
    rows = {row["size"]: row for row in results["cohort"]["rows"]}
    row = rows.get(40) or rows[max(rows)]
    lines.append(f"- Kohort {row['size']}: paralel {row['stock'] / row['parallel']:.2f}× lebih cepat dari stok "
                 f"(target ≥ {TARGETS['stock_ratio']}: {_mark(row['stock'] / row['parallel'] >= TARGETS['stock_ratio'])}); "
                 f"{row['parallel'] / row['floor']:.2f}× lantai (target ≤ {TARGETS['floor_ratio']}: "
                 f"{_mark(row['parallel'] / row['floor'] <= TARGETS['floor_ratio'])}).")
    growth = results["cohort"]["growth"]
    lines.append(f"- Pertumbuhan {min(rows)} → {largest_checked} peserta: {growth:.2f} per notebook "
                 f"(linear bila ≤ {TARGETS['linear']}: {_mark(growth <= TARGETS['linear'])}).")
    return lines


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--ukuran", type=int, nargs="+", default=[10, 20, 40, 80], help="ukuran kohort")
    options.add_argument("--tugas", nargs="+", default=ASSIGNMENTS)
    options.add_argument("--proses", type=int, default=default_workers(), help="proses paralel (default: inti + 1)")
    options.add_argument("--postgres", default=os.environ.get("KURSUS_TEST_POSTGRES_URL"),
                         help="URL superuser server PostgreSQL (default: $KURSUS_TEST_POSTGRES_URL)")
    options.add_argument("--ukuran-gradebook", type=int, default=20)
    options.add_argument("--smoke", action="store_true", help="kohort 2 dan 3 peserta, satu tugas: hanya bukti jalan")
    options.add_argument("--keluar", type=Path, default=ROOT / "benchmarks" / "hasil")
    options.add_argument("--bagian", nargs="+", choices=SECTIONS, default=list(SECTIONS),
                         help="bagian yang diukur (default: semua); mis. `--bagian peserta` setelah tes peramban")
    arguments = options.parse_args(argv)
    if arguments.smoke:
        arguments.ukuran, arguments.tugas, arguments.ukuran_gradebook = [2, 3], ["sm1_diplomasi"], 2
    results = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}, "workers": arguments.proses}
    lines = [f"# Hasil benchmark ({os.cpu_count()} inti, Python {results['machine']['python']})", ""]
    with tempfile.TemporaryDirectory(prefix="kursus-bench-") as scratch:
        folder = Path(scratch)
        for section in arguments.bagian:
            if section == "kohort":
                more, results["cohort"] = _cohort_section(arguments.ukuran, arguments.tugas, arguments.proses, folder,
                                                          arguments.keluar)
            elif section == "startup":
                more, results["startup"] = _startup_section(ROOT)
            elif section == "peserta":
                more, results["participant"] = _participant_section(arguments.tugas)
            else:
                more, results["gradebook"] = _gradebook_section(
                    arguments.ukuran_gradebook, arguments.tugas, arguments.proses, folder, arguments.postgres)
            lines += more + [""]
    if "cohort" in results:
        lines += _targets(results, max(arguments.ukuran))
    table = "\n".join(lines) + "\n"
    print(table)
    arguments.keluar.mkdir(parents=True, exist_ok=True)
    (arguments.keluar / "hasil.md").write_text(table, encoding="utf-8")
    (arguments.keluar / "hasil.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
