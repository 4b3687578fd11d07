"""``kursus``: the instructor's command line over nbgrader and the course's own checks (texts in Indonesian, or in
English with KURSUS_LANG=en: messages and help through say.py)."""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import tempfile
import traceback
import webbrowser
from pathlib import Path

from ..data import DataError
from ..store import os_reason
from .say import say
from .records import (
    CourseError, assignment_ids, check_gradebook, find_course_root, gradebook_url, require_assignment,
)

__all__ = ["main", "parser"]


def _root(arguments) -> Path:
    return find_course_root(arguments.kursus)


def _released(root: Path, assignment: str) -> None:
    if not (root / "release" / assignment / f"{assignment}.ipynb").is_file():
        raise CourseError(say("release/{assignment}/{assignment}.ipynb belum ada: jalankan `kursus build {assignment}` dulu.",
                              assignment=assignment))


def _gradebook(root: Path, arguments) -> None:
    """The gradebook must exist and answer before a command that reads or fills it starts (nothing is created)."""
    check_gradebook(gradebook_url(root, arguments.db))


def _print_table(frame, empty: str) -> None:
    print(empty if frame.empty else frame.to_string(index=False, max_colwidth=60))


def cmd_build(arguments) -> int:
    from .grading import build

    root = _root(arguments)
    for assignment in arguments.tugas:
        require_assignment(root, assignment)
    check_gradebook(gradebook_url(root, arguments.db), create=True)
    changed = build(root, arguments.tugas or None, arguments.db)
    for assignment, files in changed.items():
        print(say("{assignment}: release/ sudah sinkron", assignment=assignment) if not files else
              say("{assignment}: release/ diperbarui ({files}); commit perubahannya", assignment=assignment,
                  files=", ".join(files)))
    return 0


def cmd_autograde(arguments) -> int:
    from .grading import grade_jobs, submitted_students

    root = _root(arguments)
    _gradebook(root, arguments)
    assignments = [require_assignment(root, assignment) for assignment in arguments.tugas] or \
        [assignment for assignment in assignment_ids(root) if submitted_students(root, assignment)]
    jobs = [(assignment, student) for assignment in assignments for student in submitted_students(root, assignment)
            if not arguments.peserta or student in arguments.peserta]
    missing = sorted(set(arguments.peserta or ()) - {student for _assignment, student in jobs})
    if missing:
        raise CourseError(say("Tidak ada kiriman {assignments} dari: {missing}.", assignments=", ".join(assignments),
                              missing=", ".join(missing)))
    if not jobs:
        raise CourseError(say("Tidak ada kiriman untuk dinilai di {folder}: jalankan `nbgrader collect` dulu.",
                              folder=root / "submitted"))
    results = grade_jobs(root, jobs, arguments.proses, arguments.db, arguments.ulang, label=", ".join(assignments))
    failed = [result for result in results if not result.ok]
    print(say("{graded} dari {total} kiriman dinilai ({assignments}).", graded=len(results) - len(failed),
              total=len(results), assignments=", ".join(assignments)))
    for result in failed:
        tries = say(" setelah {attempts} percobaan", attempts=result.attempts) if result.attempts > 1 else ""
        print(say("GAGAL {assignment}/{student}{tries}: {reason}", assignment=result.assignment, student=result.student,
                  tries=tries, reason=result.message), file=sys.stderr)
    if failed:
        print(say("Peserta yang gagal tetap tercantum di audit, umpan balik, dan laporan dengan alasannya."),
              file=sys.stderr)
    return 1 if failed else 0


def cmd_audit(arguments) -> int:
    from .audit import audit_assignment
    from .spreadsheet import write_csv

    root = _root(arguments)
    assignment = require_assignment(root, arguments.tugas)
    _released(root, assignment)
    _gradebook(root, arguments)
    findings = audit_assignment(root, assignment, arguments.db)
    _print_table(findings, say("Tidak ada temuan: setiap nilai cocok dengan hitungan ulang dari jawaban tersimpan."))
    target = Path(arguments.csv or root / "laporan" / f"audit_{arguments.tugas}.csv")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_csv(findings, target)
    print(f"CSV: {target}")
    return 1 if (findings["finding"] == "nilai_berbeda").any() else 0  # a forged or disputed grade


def cmd_repair(arguments) -> int:
    from .repair import repair_assignment

    root = _root(arguments)
    assignment = require_assignment(root, arguments.tugas)
    _released(root, assignment)
    changes = repair_assignment(root, assignment, dry_run=arguments.coba)
    _print_table(changes, say("Tidak ada sel yang perlu diperbaiki."))
    return 0


def cmd_feedback(arguments) -> int:
    from .feedback import write_feedback

    root = _root(arguments)
    assignment = require_assignment(root, arguments.tugas)
    _gradebook(root, arguments)
    paths = write_feedback(root, assignment, arguments.peserta or None, arguments.db,
                           show_answers=arguments.tampilkan_jawaban)
    print(say("{count} halaman umpan balik di {folder} (bagikan dengan `nbgrader release_feedback {assignment}`).",
              count=len(paths), folder=root / "feedback", assignment=assignment))
    return 0


def cmd_report(arguments) -> int:
    from .report import build_report
    from .results import collect_results

    root = _root(arguments)
    assignments = [require_assignment(root, assignment) for assignment in arguments.tugas]
    _gradebook(root, arguments)
    results = collect_results(root, arguments.db, assignments or None)
    if results.empty:
        raise CourseError(say("Belum ada kiriman yang dinilai: jalankan autograde dulu."))
    path = build_report(results, Path(arguments.keluar or root / "laporan"))
    print(say("Laporan: {path}", path=path))
    if arguments.buka:
        webbrowser.open(path.as_uri())
    return 0


def cmd_debrief(arguments) -> int:
    from .debrief import DEBRIEFS, debrief_html, with_headings

    root = _root(arguments)
    if arguments.tugas not in DEBRIEFS:
        raise CourseError(say("Tampilan debrief tersedia untuk: {known}.", known=", ".join(DEBRIEFS)))
    page, frame = debrief_html(root, arguments.tugas)
    target = Path(arguments.keluar or root / "laporan" / f"debrief_{arguments.tugas}.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    _print_table(with_headings(frame), say("Belum ada jawaban yang terkumpul."))
    print(say("Halaman debrief: {path}", path=target))
    return 0


def cmd_demo(arguments) -> int:
    from .demo import run_demo

    root = _root(arguments)
    for assignment in arguments.tugas or ():
        require_assignment(root, assignment)
    if arguments.folder and Path(arguments.folder).exists() and any(Path(arguments.folder).iterdir()):
        raise CourseError(say("Folder {folder} sudah berisi berkas: pilih folder baru atau kosong untuk demo.",
                              folder=arguments.folder))
    target = Path(arguments.folder or tempfile.mkdtemp(prefix="kursus-demo-"))
    paths = run_demo(root, target, arguments.tugas or None, arguments.proses)
    print(say("Kursus demo: {course}\nLaporan: {report}\nUmpan balik contoh: {feedback}\nAudit: {audit} ({count} temuan)",
              course=paths["course"], report=paths["report"], feedback=paths["feedback"], audit=paths["audit"],
              count=len(paths["findings"])))
    if arguments.buka:
        webbrowser.open(paths["report"].as_uri())
    return 0


def cmd_selfcheck(arguments) -> int:
    from .feedback import selfcheck

    root = _root(arguments)
    assignment = require_assignment(root, arguments.tugas)
    folder = Path(arguments.folder or root / "kerja" / assignment)
    if not folder.is_dir():
        raise CourseError(say("Folder kerja {folder} tidak ada: buka kursus dulu (scripts/buka-kursus.sh).", folder=folder))
    earned, maximum, path = selfcheck(root, assignment, folder)
    print(say("{assignment}: {earned} dari {maximum} poin otomatis. Umpan balik: {path}", assignment=assignment,
              earned=f"{earned:g}", maximum=f"{maximum:g}", path=path))
    if arguments.buka:
        webbrowser.open(path.as_uri())
    return 0


def cmd_kelas(arguments) -> int:
    from ..board.app import assignments, serve

    known = assignments()
    if arguments.tugas not in known:
        raise CourseError(say("Papan kelas tidak mengenal tugas \u201c{assignment}\u201d. Tugas yang ada: {known}.",
                              assignment=arguments.tugas, known=", ".join(known)))
    chosen = [option for option, given in (("--folder", arguments.folder), ("--terkumpul", arguments.terkumpul),
                                           ("--hub", arguments.hub)) if given]
    if len(chosen) != 1:
        raise CourseError(say("Pilih satu sumber jawaban: --folder FOLDER, --terkumpul, atau --hub."))
    if arguments.folder:
        folder = Path(arguments.folder)
        if not folder.is_dir():
            raise CourseError(say("Folder jawaban {folder} tidak ada.", folder=folder))
    elif arguments.terkumpul:
        folder = _root(arguments) / "submitted"
        if not folder.is_dir():
            raise CourseError(say("Belum ada kiriman terkumpul di {folder}: jalankan `nbgrader collect` dulu.",
                                  folder=folder))
    else:
        folder = None
        missing = [name for name in ("JUPYTERHUB_API_TOKEN", "JUPYTERHUB_API_URL", "KURSUS_HUB_PUBLIC_URL")
                   if not os.environ.get(name)]
        if missing:
            raise CourseError(say("--hub membaca jawaban dengan token layanan JupyterHub, tetapi {names} tidak ada "
                                  "di lingkungan.", names=", ".join(missing)))
    if hasattr(signal, "SIGTERM") and os.name == "posix":
        signal.signal(signal.SIGTERM, _stop_on_sigterm)

    def announce(url: str) -> None:
        print(say("Papan kelas {assignment}: {url}", assignment=arguments.tugas, url=url), flush=True)
        print(say("Alamat itu memuat kunci akses: buka hanya di peramban instruktur. Hentikan dengan Ctrl+C."),
              flush=True)

    try:
        serve(arguments.tugas, "hub" if arguments.hub else "folder", str(folder) if folder else None,
              names=arguments.nama, port=arguments.port, open_browser=not arguments.no_browser, announce=announce,
              reveal_graded=bool(arguments.terkumpul))  # collected work: graded items' answers can be shown
    except KeyboardInterrupt:
        pass
    print(say("Papan kelas ditutup."), flush=True)
    return 0


def _stop_on_sigterm(*_signal) -> None:
    raise KeyboardInterrupt  # `kill` (or a service manager) closes the course like Ctrl+C: JupyterLab is stopped too


def _log_tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def cmd_buka(arguments) -> int:
    from ..participant import START_NOTEBOOK, WORK_FOLDER, prepare_work_folder, start_lab, stop_lab

    root = _root(arguments)
    if not (root / "release" / START_NOTEBOOK).is_file():
        raise CourseError(say("release/{notebook} tidak ada di {root}: repositori kursus ini tidak lengkap.",
                              notebook=START_NOTEBOOK, root=root))
    copied = prepare_work_folder(root)
    work = root / WORK_FOLDER
    print(say("Jawaban Anda tersimpan di {folder} (tidak pernah ditimpa saat kursus dibuka lagi).", folder=work),
          flush=True)
    if copied:
        print(say("Tugas baru disalin ke {folder}/: {assignments}.", folder=WORK_FOLDER, assignments=", ".join(copied)),
              flush=True)
    if hasattr(signal, "SIGTERM") and os.name == "posix":
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
    print(say("Menyalakan JupyterLab ..."), flush=True)
    server = start_lab(root, arguments.jupyter)
    if server is None:
        log = work / ".jupyterlab.log"
        print(_log_tail(log), file=sys.stderr)
        print(say("JupyterLab tidak dapat dinyalakan; catatan lengkapnya ada di {log}.", log=log), file=sys.stderr)
        return 1
    print(say("Kursus siap: {url}", url=server.url), flush=True)
    print(say("Bila peramban tidak terbuka sendiri, salin alamat itu ke peramban. Tutup kursus dengan Ctrl+C di sini."),
          flush=True)
    try:
        code = server.process.wait()
    except KeyboardInterrupt:
        stop_lab(server.process)
        print(say("Kursus ditutup. Jawaban Anda tetap tersimpan di {folder}.", folder=work), flush=True)
        return 0
    if code:
        print(_log_tail(server.log), file=sys.stderr)
        print(say("JupyterLab berhenti dengan kode {code}; catatan lengkapnya ada di {log}.", code=code, log=server.log),
              file=sys.stderr)
        return 1
    print(say("JupyterLab berhenti. Jawaban Anda tetap tersimpan di {folder}.", folder=work), flush=True)
    return 0


# argparse's own messages (Python 3.11+), in Bahasa Indonesia
_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (.*)", "argumen ini wajib diisi: {0}"),
    (r"unrecognized arguments: (.*)", "argumen tidak dikenal: {0}"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", "{0}: pilihan {1} tidak ada (pilih dari {2})"),
    (r"argument (\S+): invalid (\w+) value: (.*)", "{0}: {2} bukan nilai yang sah"),
    (r"argument (\S+): expected one argument", "{0}: perlu satu nilai"),
    (r"argument (\S+): (.*)", "{0}: {1}"),
    (r"ambiguous option: (\S+) could match (.*)", "opsi {0} tidak jelas: bisa berarti {1}"),
)


class _Parser(argparse.ArgumentParser):
    """argparse with errors as one Indonesian sentence and exit code 2."""

    def error(self, message: str):
        for pattern, text in _ARGPARSE_MESSAGES:
            found = re.fullmatch(pattern, message)
            if found:
                message = say(text).format(*found.groups())
                break
        self.exit(2, say("Galat: {sentence}", sentence=say("{message}. Lihat `{prog} --help`.", message=message,
                                                             prog=self.prog)) + "\n")


def _count(minimum: int):
    """An argparse type: a whole number of at least ``minimum``."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(say("\u201c{text}\u201d bukan bilangan bulat", text=text)) from None
        if value < minimum:
            raise argparse.ArgumentTypeError(say("paling sedikit {minimum}, bukan {value}", minimum=minimum, value=value))
        return value
    return parse


def parser() -> argparse.ArgumentParser:
    """The ``kursus`` command. Descriptions, help texts and value names are said in the current language (say.py);
    command and option names (``buka``, ``--peserta``) are the same in both."""
    top = _Parser(prog="kursus", description=say("Alat instruktur Kursus Paradiplomasi (di atas nbgrader)."))
    top.add_argument("--kursus", metavar=say("KURSUS"),
                     help=say("folder kursus (default: folder ini atau induknya yang berisi nbgrader_config.py)"))
    commands = top.add_subparsers(dest="perintah", required=True, metavar=say("PERINTAH"), parser_class=_Parser)

    def command(name, function, text):
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(function=function)
        return sub

    def db(sub):
        sub.add_argument("--db", help=say("URL gradebook (default sqlite:///gradebook.db; mis. postgresql://...)"))

    assignment, assignments = say("tugas"), say("TUGAS")
    participants, processes = say("PESERTA"), say("PROSES")
    sub = command("build", cmd_build,
                  say("membuat release/ dari source/ untuk semua tugas (atau yang disebut) dan memeriksa sinkron"))
    sub.add_argument("tugas", nargs="*", metavar=assignment)
    db(sub)
    sub = command("autograde", cmd_autograde,
                  say("menilai kiriman secara paralel (satu proses per inti), dengan ulangan bila gagal"))
    sub.add_argument("tugas", nargs="*", metavar=assignment,
                     help=say("tugas yang dinilai (default: setiap tugas yang memiliki kiriman)"))
    sub.add_argument("--peserta", nargs="*", metavar=participants, help=say("hanya peserta ini"))
    sub.add_argument("--proses", type=_count(1), metavar=processes,
                     help=say("jumlah proses paralel (default: jumlah inti)"))
    sub.add_argument("--ulang", type=_count(0), default=1, metavar=say("ULANG"),
                     help=say("berapa kali mengulang penilaian yang gagal karena gangguan sesaat (default 1)"))
    db(sub)
    sub = command("audit", cmd_audit,
                  say("menghitung ulang setiap nilai di luar kernel dan mencari pemalsuan serta kerusakan"))
    sub.add_argument("tugas", metavar=assignment)
    sub.add_argument("--csv", help=say("berkas CSV hasil (default laporan/audit_<tugas>.csv)"))
    db(sub)
    sub = command("repair", cmd_repair,
                  say("memulihkan sel terkunci yang dihapus dan membuang sel ganda sebelum penilaian"))
    sub.add_argument("tugas", metavar=assignment)
    sub.add_argument("--coba", action="store_true", help=say("hanya melaporkan, tidak mengubah berkas"))
    sub = command("feedback", cmd_feedback, say("menulis umpan balik HTML tanpa kunci untuk setiap peserta"))
    sub.add_argument("tugas", metavar=assignment)
    sub.add_argument("--peserta", nargs="*", metavar=participants)
    sub.add_argument("--tampilkan-jawaban", action="store_true", help=say("tampilkan jawaban benar (setelah tenggat)"))
    db(sub)
    sub = command("report", cmd_report,
                  say("laporan HTML dan CSV: analisis butir, penguasaan T1-T5, gain pre-post, nilai"))
    sub.add_argument("tugas", nargs="*", metavar=assignment)
    sub.add_argument("--keluar", metavar=say("KELUAR"), help=say("folder hasil (default laporan/)"))
    sub.add_argument("--buka", action="store_true", help=say("buka laporan di peramban"))
    db(sub)
    sub = command("debrief", cmd_debrief, say("tampilan diskusi kelas dari jawaban yang terkumpul (sm1, sm3, sm5)"))
    sub.add_argument("tugas", metavar=assignment)
    sub.add_argument("--keluar", metavar=say("KELUAR"), help=say("berkas HTML hasil"))
    sub = command("kelas", cmd_kelas,
                  say("papan kelas langsung untuk proyektor: jawaban terkini semua peserta, diperbarui sendiri"))
    sub.add_argument("tugas", metavar=assignment)
    sub.add_argument("--folder", metavar=say("FOLDER"),
                     help=say("folder berisi folder peserta: <FOLDER>/<peserta>/<tugas>/jawaban.json"))
    sub.add_argument("--terkumpul", action="store_true", help=say("kiriman yang sudah dikumpulkan (submitted/)"))
    sub.add_argument("--hub", action="store_true",
                     help=say("server peserta di JupyterHub, dengan token layanan dari lingkungan"))
    sub.add_argument("--nama", action="store_true", help=say("tampilkan nama peserta (default: nomor)"))
    sub.add_argument("--port", type=_count(0), default=0, metavar=say("PORT"),
                     help=say("port di 127.0.0.1 (default: port bebas)"))
    sub.add_argument("--no-browser", action="store_true", help=say("jangan membuka peramban"))
    sub = command("demo", cmd_demo, say("menjalankan seluruh siklus pada kohort sintetis di salinan kursus"))
    sub.add_argument("--folder", help=say("folder salinan kursus (default: folder sementara baru)"))
    sub.add_argument("--tugas", nargs="*", metavar=assignments, help=say("tugas yang dipakai (default sm0, sm1, sm6)"))
    sub.add_argument("--proses", type=_count(1), metavar=processes)
    sub.add_argument("--buka", action="store_true")
    sub = command("selfcheck", cmd_selfcheck,
                  say("untuk belajar mandiri: menilai jawaban Anda sendiri dan membuka umpan balik"))
    sub.add_argument("tugas", metavar=assignment)
    sub.add_argument("--folder", help=say("folder kerja Anda (default kerja/<tugas>)"))
    sub.add_argument("--buka", action="store_true")
    sub = commands.add_parser(
        "buka", allow_abbrev=False,
        help=say("untuk peserta: menyalin tugas baru ke kerja/ lalu membuka kursus di JupyterLab"),
        description=say("Menyalin setiap tugas di release/ yang belum ada ke kerja/ (jawaban yang sudah ada tidak pernah "
                        "ditimpa), lalu membuka JupyterLab dengan profil peserta di sm0_orientasi. Argumen lain "
                        "(atau sesudah --) diteruskan ke JupyterLab, mis. `kursus buka --no-browser --port 8899`."))
    sub.set_defaults(function=cmd_buka)
    return top


def _os_sentence(error: OSError) -> str:
    reason = os_reason(error) or error.strerror or type(error).__name__  # errno -> words: store.OS_REASONS
    where = error.filename if error.filename is not None else ""
    return say("berkas atau folder {where} tidak dapat dipakai ({reason})", where=where, reason=reason).replace("  ", " ")


def _unexpected(error: BaseException) -> str:
    """Keep the traceback for whoever maintains the tools; tell the instructor where it is."""
    handle, path = tempfile.mkstemp(prefix="kursus-galat-", suffix=".txt")
    with os.fdopen(handle, "w", encoding="utf-8") as log:
        log.write("".join(traceback.format_exception(error)))
    return say("Galat tak terduga ({kind}); rinciannya tersimpan di {path}.", kind=type(error).__name__, path=path)


def main(argv: list[str] | None = None) -> int:
    """Run one command. Wrong input: one Indonesian sentence on stderr and exit code 2, no traceback."""
    top = parser()
    arguments, extra = top.parse_known_args(argv)
    if arguments.function is cmd_buka:  # the rest is JupyterLab's (a first `--` only separates)
        arguments.jupyter = extra[:extra.index("--")] + extra[extra.index("--") + 1:] if "--" in extra else extra
    elif extra:
        top.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if getattr(arguments, "db", None):
            check_gradebook(arguments.db, create=arguments.function is cmd_build)  # one sentence before any work
        return arguments.function(arguments)
    except (CourseError, DataError) as error:
        print(say("Galat: {sentence}", sentence=error), file=sys.stderr)
        return 2
    except OSError as error:
        print(say("Galat: {sentence}", sentence=_os_sentence(error)) + ".", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(say("Dihentikan."), file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 (a bug of ours: one sentence here, the traceback in a file)
        if os.environ.get("KURSUS_DEBUG"):
            raise
        print(_unexpected(error), file=sys.stderr)
        return 1
