"""What the ``kursus`` command says, in Bahasa Indonesia (as written at each call) and English (KURSUS_LANG=en).

Each message is written once, in Indonesian, as a template with named fields (``say("Tugas {name} ...",
name=...)``); ``ENGLISH`` holds its English twin under the same template, as gettext keys on the source
text. ``tests/test_cli_english.py`` checks that every template used in the code has a twin.
"""

from __future__ import annotations

from .._messages import get_language

__all__ = ["say", "ENGLISH"]

ENGLISH = {
    # records: the course folder, assignments, gradebook
    "{here} bukan folder kursus: tidak ada {config} dan folder source/ di sini atau di atasnya. Jalankan perintah "
    "dari akar repositori kursus, atau beri --kursus /path/ke/kursus.":
        "{here} is not a course folder: no {config} and source/ folder here or above. Run the command from the "
        "course repository's root, or give --kursus /path/to/course.",
    "Tugas \u201c{assignment}\u201d tidak ada di {folder}. Tugas yang ada: {known}.":
        "Assignment \u201c{assignment}\u201d is not in {folder}. Assignments: {known}.",
    "Bank soal untuk tugas {assignment} tidak ditemukan di paket course.":
        "No question bank for assignment {assignment} in the course package.",
    "Gradebook {path} belum ada. Periksa jalurnya; gradebook dibuat oleh `kursus build`, lalu diisi oleh "
    "`kursus autograde`.":
        "Gradebook {path} does not exist. Check the path; `kursus build` creates the gradebook and "
        "`kursus autograde` fills it.",
    "Folder {folder} untuk gradebook {name} tidak ada.": "Folder {folder} for gradebook {name} does not exist.",
    "URL gradebook tidak dikenali: {url}. Bentuknya mis. sqlite:///gradebook.db atau "
    "postgresql://pengguna:katasandi@host:5432/nama_basis_data.":
        "Gradebook URL not recognised: {url}. It looks like sqlite:///gradebook.db or "
        "postgresql://user:password@host:5432/database_name.",
    "Driver basis data untuk {url} belum terpasang ({driver}). Untuk PostgreSQL: pip install "
    "'kursus-paradiplomasi[postgres]' (atau psycopg2-binary dan psycopg[binary]).":
        "The database driver for {url} is not installed ({driver}). For PostgreSQL: pip install "
        "'kursus-paradiplomasi[postgres]' (or psycopg2-binary and psycopg[binary]).",
    "Gradebook tidak dapat dibuka ({url}): {reason}. {hint}": "The gradebook cannot be opened ({url}): {reason}. {hint}",
    "Periksa jalur berkasnya.": "Check the file's path.",
    "Periksa host, port, nama pengguna, kata sandi, dan nama basis data di --db.":
        "Check host, port, user name, password and database name in --db.",
    "Gradebook tidak dapat dibuka ({url}): {reason}": "The gradebook cannot be opened ({url}): {reason}",
    "Tugas {assignment} belum ada di gradebook: jalankan build dan autograde dulu.":
        "Assignment {assignment} is not in the gradebook yet: run build and autograde first.",
    # commands
    "release/{assignment}/{assignment}.ipynb belum ada: jalankan `kursus build {assignment}` dulu.":
        "release/{assignment}/{assignment}.ipynb does not exist yet: run `kursus build {assignment}` first.",
    "{assignment}: release/ sudah sinkron": "{assignment}: release/ is in sync",
    "{assignment}: release/ diperbarui ({files}); commit perubahannya":
        "{assignment}: release/ updated ({files}); commit the changes",
    "nbgrader generate_assignment {assignment} gagal:\n{log}": "nbgrader generate_assignment {assignment} failed:\n{log}",
    "Tidak ada kiriman {assignments} dari: {missing}.": "No submission of {assignments} from: {missing}.",
    "Tidak ada kiriman untuk dinilai di {folder}: jalankan `nbgrader collect` dulu.":
        "No submission to grade in {folder}: run `nbgrader collect` first.",
    "Tidak ada kiriman untuk {assignment} di {folder}: jalankan `nbgrader collect` dulu.":
        "No submission of {assignment} in {folder}: run `nbgrader collect` first.",
    "{graded} dari {total} kiriman dinilai ({assignments}).": "{graded} of {total} submissions graded ({assignments}).",
    " setelah {attempts} percobaan": " after {attempts} attempts",
    "GAGAL {assignment}/{student}{tries}: {reason}": "FAILED {assignment}/{student}{tries}: {reason}",
    "Peserta yang gagal tetap tercantum di audit, umpan balik, dan laporan dengan alasannya.":
        "Participants who failed are still listed in the audit, feedback and report, with the reason.",
    "Tidak ada temuan: setiap nilai cocok dengan hitungan ulang dari jawaban tersimpan.":
        "No findings: every score matches the score recomputed from the stored answers.",
    "Tidak ada sel yang perlu diperbaiki.": "No cell needs repair.",
    "{count} halaman umpan balik di {folder} (bagikan dengan `nbgrader release_feedback {assignment}`).":
        "{count} feedback pages in {folder} (release them with `nbgrader release_feedback {assignment}`).",
    "Tidak ada kiriman tugas {assignment} dari peserta: {missing}.": "No submission of {assignment} from: {missing}.",
    "Belum ada kiriman yang dinilai: jalankan autograde dulu.": "No graded submission yet: run autograde first.",
    "Laporan: {path}": "Report: {path}",
    "Tampilan debrief tersedia untuk: {known}.": "Debrief views exist for: {known}.",
    "Belum ada jawaban yang terkumpul.": "No answers collected yet.",
    "Halaman debrief: {path}": "Debrief page: {path}",
    "Folder {folder} sudah berisi berkas: pilih folder baru atau kosong untuk demo.":
        "Folder {folder} already holds files: choose a new or empty folder for the demo.",
    "Kursus demo: {course}\nLaporan: {report}\nUmpan balik contoh: {feedback}\nAudit: {audit} ({count} temuan)":
        "Demo course: {course}\nReport: {report}\nSample feedback: {feedback}\nAudit: {audit} ({count} findings)",
    "Folder kerja {folder} tidak ada: buka kursus dulu (scripts/buka-kursus.sh).":
        "Work folder {folder} does not exist: open the course first (scripts/buka-kursus.sh).",
    "{assignment}: {earned} dari {maximum} poin otomatis. Umpan balik: {path}":
        "{assignment}: {earned} of {maximum} automatic points. Feedback: {path}",
    # kursus kelas
    "Papan kelas tidak mengenal tugas \u201c{assignment}\u201d. Tugas yang ada: {known}.":
        "The class board does not know assignment \u201c{assignment}\u201d. Assignments: {known}.",
    "Pilih satu sumber jawaban: --folder FOLDER, --terkumpul, atau --hub.":
        "Choose one source of answers: --folder FOLDER, --terkumpul or --hub.",
    "Folder jawaban {folder} tidak ada.": "Answer folder {folder} does not exist.",
    "Belum ada kiriman terkumpul di {folder}: jalankan `nbgrader collect` dulu.":
        "No collected submissions in {folder} yet: run `nbgrader collect` first.",
    "--hub membaca jawaban dengan token layanan JupyterHub, tetapi {names} tidak ada di lingkungan.":
        "--hub reads the answers with a JupyterHub service token, but {names} is not in the environment.",
    "Papan kelas {assignment}: {url}": "Class board {assignment}: {url}",
    "Alamat itu memuat kunci akses: buka hanya di peramban instruktur. Hentikan dengan Ctrl+C.":
        "That address holds the access key: open it only in the instructor's browser. Stop with Ctrl+C.",
    "Papan kelas ditutup.": "Class board closed.",
    # kursus buka
    "release/{notebook} tidak ada di {root}: repositori kursus ini tidak lengkap.":
        "release/{notebook} is not in {root}: this course repository is incomplete.",
    "Jawaban Anda tersimpan di {folder} (tidak pernah ditimpa saat kursus dibuka lagi).":
        "Your answers are kept in {folder} (never overwritten when the course is opened again).",
    "Tugas baru disalin ke {folder}/: {assignments}.": "New assignments copied to {folder}/: {assignments}.",
    "Menyalakan JupyterLab ...": "Starting JupyterLab ...",
    "JupyterLab tidak dapat dinyalakan; catatan lengkapnya ada di {log}.":
        "JupyterLab could not start; its full log is in {log}.",
    "Kursus siap: {url}": "The course is ready: {url}",
    "Bila peramban tidak terbuka sendiri, salin alamat itu ke peramban. Tutup kursus dengan Ctrl+C di sini.":
        "If no browser opens by itself, copy that address into a browser. Close the course with Ctrl+C here.",
    "Kursus ditutup. Jawaban Anda tetap tersimpan di {folder}.": "Course closed. Your answers stay in {folder}.",
    "JupyterLab berhenti dengan kode {code}; catatan lengkapnya ada di {log}.":
        "JupyterLab stopped with code {code}; its full log is in {log}.",
    "JupyterLab berhenti. Jawaban Anda tetap tersimpan di {folder}.": "JupyterLab stopped. Your answers stay in {folder}.",
    # errors
    "Galat: {sentence}": "Error: {sentence}",
    "berkas atau folder {where} tidak dapat dipakai ({reason})": "file or folder {where} cannot be used ({reason})",
    "Dihentikan.": "Stopped.",
    "Galat tak terduga ({kind}); rinciannya tersimpan di {path}.":
        "Unexpected error ({kind}); the details are kept in {path}.",
    "{message}. Lihat `{prog} --help`.": "{message}. See `{prog} --help`.",
    "argumen ini wajib diisi: {0}": "these arguments are required: {0}",
    "argumen tidak dikenal: {0}": "unrecognised arguments: {0}",
    "{0}: pilihan {1} tidak ada (pilih dari {2})": "{0}: no choice {1} (choose from {2})",
    "{0}: {2} bukan nilai yang sah": "{0}: {2} is not a valid value",
    "{0}: perlu satu nilai": "{0}: needs one value",
    "{0}: {1}": "{0}: {1}",
    "opsi {0} tidak jelas: bisa berarti {1}": "option {0} is ambiguous: it could mean {1}",
    "\u201c{text}\u201d bukan bilangan bulat": "\u201c{text}\u201d is not a whole number",
    "paling sedikit {minimum}, bukan {value}": "at least {minimum}, not {value}",
    # kursus --help and kursus <command> --help: descriptions, help texts and value names (option names stay)
    "Alat instruktur Kursus Paradiplomasi (di atas nbgrader).":
        "The Paradiplomacy Course's instructor tools (on top of nbgrader).",
    "KURSUS": "FOLDER", "PERINTAH": "COMMAND", "tugas": "assignment", "TUGAS": "ASSIGNMENT",
    "PESERTA": "PARTICIPANT", "PROSES": "N", "ULANG": "N", "KELUAR": "PATH",
    "folder kursus (default: folder ini atau induknya yang berisi nbgrader_config.py)":
        "the course folder (default: this folder or the parent folder that holds nbgrader_config.py)",
    "URL gradebook (default sqlite:///gradebook.db; mis. postgresql://...)":
        "gradebook URL (default sqlite:///gradebook.db; e.g. postgresql://...)",
    "membuat release/ dari source/ untuk semua tugas (atau yang disebut) dan memeriksa sinkron":
        "builds release/ from source/ for every assignment (or the ones named) and checks they are in sync",
    "menilai kiriman secara paralel (satu proses per inti), dengan ulangan bila gagal":
        "grades the submissions in parallel (one process per core), retrying one that fails",
    "tugas yang dinilai (default: setiap tugas yang memiliki kiriman)":
        "assignments to grade (default: every assignment with submissions)",
    "hanya peserta ini": "only these participants",
    "jumlah proses paralel (default: jumlah inti)": "number of parallel processes (default: number of cores)",
    "berapa kali mengulang penilaian yang gagal karena gangguan sesaat (default 1)":
        "how many times to retry a grading that failed because of a passing glitch (default 1)",
    "menghitung ulang setiap nilai di luar kernel dan mencari pemalsuan serta kerusakan":
        "recomputes every score outside the kernel and looks for forged scores and damage",
    "berkas CSV hasil (default laporan/audit_<tugas>.csv)": "CSV file to write (default laporan/audit_<assignment>.csv)",
    "memulihkan sel terkunci yang dihapus dan membuang sel ganda sebelum penilaian":
        "restores deleted locked cells and drops duplicated cells before grading",
    "hanya melaporkan, tidak mengubah berkas": "only report, change no file",
    "menulis umpan balik HTML tanpa kunci untuk setiap peserta":
        "writes HTML feedback, without the answer key, for every participant",
    "tampilkan jawaban benar (setelah tenggat)": "show the right answers (after the deadline)",
    "laporan HTML dan CSV: analisis butir, penguasaan T1-T5, gain pre-post, nilai":
        "HTML and CSV report: item analysis, mastery of T1-T5, pre-post gain, grades",
    "folder hasil (default laporan/)": "folder to write to (default laporan/)",
    "buka laporan di peramban": "open the report in a browser",
    "tampilan diskusi kelas dari jawaban yang terkumpul (sm1, sm3, sm5)":
        "class discussion views from the collected answers (sm1, sm3, sm5)",
    "berkas HTML hasil": "HTML file to write",
    "papan kelas langsung untuk proyektor: jawaban terkini semua peserta, diperbarui sendiri":
        "live class board for the projector: every participant's current answers, refreshed by itself",
    "FOLDER": "FOLDER", "PORT": "PORT",
    "folder berisi folder peserta: <FOLDER>/<peserta>/<tugas>/jawaban.json":
        "folder of participant folders: <FOLDER>/<participant>/<assignment>/jawaban.json",
    "kiriman yang sudah dikumpulkan (submitted/)": "the collected submissions (submitted/)",
    "server peserta di JupyterHub, dengan token layanan dari lingkungan":
        "the participants' servers on JupyterHub, with the service token from the environment",
    "tampilkan nama peserta (default: nomor)": "show participants' names (default: numbers)",
    "port di 127.0.0.1 (default: port bebas)": "port on 127.0.0.1 (default: a free port)",
    "jangan membuka peramban": "do not open a browser",
    "menjalankan seluruh siklus pada kohort sintetis di salinan kursus":
        "runs the whole cycle on a synthetic cohort in a copy of the course",
    "folder salinan kursus (default: folder sementara baru)":
        "folder for the copy of the course (default: a new temporary folder)",
    "tugas yang dipakai (default sm0, sm1, sm6)": "assignments to use (default sm0, sm1, sm6)",
    "untuk belajar mandiri: menilai jawaban Anda sendiri dan membuka umpan balik":
        "for self-study: grades your own answers and opens the feedback",
    "folder kerja Anda (default kerja/<tugas>)": "your work folder (default kerja/<assignment>)",
    "untuk peserta: menyalin tugas baru ke kerja/ lalu membuka kursus di JupyterLab":
        "for participants: copies new assignments to kerja/, then opens the course in JupyterLab",
    "Menyalin setiap tugas di release/ yang belum ada ke kerja/ (jawaban yang sudah ada tidak pernah ditimpa), lalu "
    "membuka JupyterLab dengan profil peserta di sm0_orientasi. Argumen lain (atau sesudah --) diteruskan ke "
    "JupyterLab, mis. `kursus buka --no-browser --port 8899`.":
        "Copies every assignment of release/ that is not in kerja/ yet to kerja/ (answers already there are never "
        "overwritten), then opens JupyterLab with the participant profile at sm0_orientasi. Other arguments (or "
        "those after --) go to JupyterLab, e.g. `kursus buka --no-browser --port 8899`.",
    # grading: why a notebook cannot be graded
    "buku kerja {name} tidak ada di kiriman; yang ada {others} (nama berkasnya diubah?)":
        "notebook {name} is not in the submission; it holds {others} (was the file renamed?)",
    "kiriman tidak berisi buku kerja {name}": "the submission holds no notebook {name}",
    "buku kerja {name} rusak (tidak dapat dibaca sebagai notebook)": "notebook {name} is damaged (not a readable notebook)",
    "tugas ini belum ada di gradebook: jalankan `kursus build` dulu":
        "this assignment is not in the gradebook yet: run `kursus build` first",
    "kiriman tidak berisi buku kerja tugas ini": "the submission holds no notebook of this assignment",
    "buku kerja rusak (tidak dapat dibaca sebagai notebook)": "the notebook is damaged (not a readable notebook)",
    "metadata nbgrader buku kerja ini terlalu lama": "this notebook's nbgrader metadata is too old",
    "metadata nbgrader buku kerja ini terlalu baru": "this notebook's nbgrader metadata is too new",
    "{text} (nbgrader: {message})": "{text} (nbgrader: {message})",
    "penilaian otomatis gagal (nbgrader: {message})": "autograding failed (nbgrader: {message})",
    # records: why a submission has no grades in the gradebook (results' status, report notes, nilai.csv, feedback)
    "belum di gradebook: {reason}": "not in the gradebook: {reason}",
    "penilaian otomatis gagal; jalankan `kursus autograde` lagi": "autograding failed; run `kursus autograde` again",
    "belum dinilai otomatis; jalankan `kursus autograde`": "not autograded yet; run `kursus autograde`",
    # audit: the details of findings about the answer file
    "{reason}: semua soal bernilai 0": "{reason}: every item scores 0",
    "{status}; berkas jawaban bernilai {points} poin otomatis":
        "{status}; automatic points from the answer file: {points}",
}


def say(template: str, **values) -> str:
    """``template`` filled with ``values``, in English when the language is "en" and a twin exists."""
    if get_language() == "en":
        template = ENGLISH.get(template, template)
    return template.format(**values) if values else template
