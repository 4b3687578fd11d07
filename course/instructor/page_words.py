"""The words of the pages the instructor's tools write, in Bahasa Indonesia (default) and English.

The participant's feedback page, the course report (laporan.html, its charts, warnings and notes, and the notes
of its CSV tables, with the statistics' reasons from stats.py) and the debrief pages follow the widgets' language
(``course.set_language`` / ``KURSUS_LANG``). Course material (prompts, options, explanations, scenario titles)
stays in Bahasa Indonesia in both, and so do identifiers: file names (nilai.csv), CSV column names, assignment
and item ids. An English text may be a ``Plural`` ("1 item", "2 items"), chosen by the value it names.
"""

from __future__ import annotations

from .._messages import Plural, get_language

__all__ = ["words", "number", "decimal", "points", "separators"]

WORDS = {
    "page_title": ("Umpan balik", "Feedback"),
    "participant": ("Peserta", "Participant"),
    "assignment": ("Tugas", "Assignment"),
    "grade": ("Nilai", "Score"),
    "auto": ("Dinilai otomatis", "Graded automatically"),
    "hand": ("Dinilai instruktur", "Graded by the instructor"),
    "provisional": ("(sementara: {count} soal senilai {points} belum dinilai instruktur)",
                    Plural("(provisional: {count} item worth {points} not yet graded by the instructor)",
                           "(provisional: {count} items worth {points} not yet graded by the instructor)", "count")),
    "hand_none": ("belum dinilai ({points})", "not graded yet ({points})"),
    "hand_some": (" (sebagian belum dinilai)", " (partly not graded yet)"),
    "store_problem": ("Berkas jawaban Anda tidak dapat dibaca: {reason}. Karena itu semua soal bernilai 0. "
                      "Hubungi instruktur: berkas aslinya tetap tersimpan.",
                      "Your answer file could not be read: {reason}. Every item therefore scores 0. "
                      "Contact the instructor: the original file is kept."),
    "not_graded": ("Kiriman Anda belum masuk gradebook: {reason}. Poin di halaman ini dihitung dari berkas jawaban "
                   "Anda dan belum final; instruktur akan menindaklanjutinya.",
                   "Your submission is not in the gradebook yet: {reason}. The points on this page come from your "
                   "answer file and are not final; the instructor will follow up."),
    "legend": ("Tanda hasil: {legend}. Soal latihan hanya menampilkan jawaban Anda; umpan baliknya sudah Anda "
               "terima saat mengerjakan.",
               "Result marks: {legend}. Practice items show only your answer; you saw their feedback while "
               "working."),
    "item": ("Soal {number}", "Item {number}"),
    "your_answer": ("Jawaban Anda", "Your answer"),
    "right_answer": ("Jawaban yang benar:", "The right answer:"),
    "overridden": (" (nilai ditetapkan instruktur)", " (score set by the instructor)"),
    "hand_score": ("Nilai instruktur: {points}", "Instructor's score: {points}"),
    "hand_pending": ("Belum dinilai \u2014 soal ini dinilai instruktur ({points})",
                     "Not graded yet \u2014 the instructor grades this item ({points})"),
    "comment": ("Komentar instruktur", "Instructor's comment"),
    "withheld": ("Pembahasan soal ini belum ditampilkan agar kunci jawaban tetap terjaga. Pelajari lagi materi "
                 "untuk tujuan pembelajaran {objective}, atau tanyakan kepada instruktur.",
                 "The explanation of this item is not shown yet, to keep the answer key safe. Study the material "
                 "for learning objective {objective} again, or ask the instructor."),
    "items_and_answers": ("Soal dan jawaban", "Items and answers"),
    "of": ("{earned} dari {maximum} poin", "{earned} of {maximum} points"),
    "points": ("{points} poin", "{points} points"),
    "one_point": ("{points} poin", "{points} point"),

    # stats.py: why a number is not shown, and the warnings on items and cohorts (report and its CSV tables)
    "stats_too_few": ("n terlalu kecil (n = {n} < {minimum})", "n too small (n = {n} < {minimum})"),
    "stats_same_score": ("tidak terdefinisi: semua peserta memperoleh skor yang sama",
                         "undefined: every participant has the same score"),
    "stats_same_rest": ("tidak terdefinisi: skor sisa tes sama untuk semua peserta",
                        "undefined: the rest-of-test score is the same for every participant"),
    "stats_no_rest": ("tidak terdefinisi: tidak ada butir lain yang dinilai untuk semua peserta",
                      "undefined: no other item is graded for every participant"),
    "stats_same_total": ("tidak terdefinisi: jumlah skor sama untuk semua peserta",
                         "undefined: every participant has the same total score"),
    "stats_too_few_items": ("tidak terdefinisi: kurang dari 2 butir yang dinilai untuk semua peserta",
                            "undefined: fewer than 2 items are graded for every participant"),
    "stats_negative": ("Daya beda negatif (r = {r}): periksa kunci dan rumusan soal",
                       "Negative discrimination (r = {r}): check the key and the wording of the item"),
    "stats_weak": ("Daya beda lemah (r = {r} < {line})", "Weak discrimination (r = {r} < {line})"),
    "stats_small_cohort": ("Kohort kecil (n={n}): daya beda dan alfa tidak ditampilkan (perlu n \u2265 {minimum})",
                           "Small cohort (n={n}): discrimination and alpha are not shown (n \u2265 {minimum} needed)"),

    # the course report (report.py): laporan.html and the notes of nilai.csv and gain.csv
    "report_title": ("Laporan kursus", "Course report"),
    "report_participants": ("{count} peserta", Plural("{count} participant", "{count} participants", "count")),
    "report_assignments": ("{count} tugas", Plural("{count} assignment", "{count} assignments", "count")),
    "report_items": ("{count} butir bernilai", Plural("{count} graded item", "{count} graded items", "count")),
    "report_empty_left_out": ("{count} kiriman kosong tidak ikut statistik",
                              Plural("{count} empty submission left out of the statistics",
                                     "{count} empty submissions left out of the statistics", "count")),
    "report_made": ("dibuat {date}", "made on {date}"),
    "report_date": ("%d-%m-%Y", "%Y-%m-%d"),
    "report_gain_undefined": ("g kelas tidak terdefinisi: rata-rata pra-tes 100 %",
                              "class g undefined: the mean pre-test is 100 %"),
    "report_gain_perfect": ("{count} peserta dengan pra-tes 100 % tidak ikut g individu",
                            Plural("{count} participant with a 100 % pre-test has no individual g",
                                   "{count} participants with a 100 % pre-test have no individual g", "count")),
    "report_empty": ("kiriman kosong", "empty submission"),
    "report_empty_because": ("kiriman kosong ({reason})", "empty submission ({reason})"),
    "report_not_graded": ("{item}: {missing} dari {total} jawaban belum dinilai; yang belum dinilai tidak ikut statistik",
                          Plural("{item}: {missing} of {total} answer not graded yet; answers not graded yet are "
                                 "left out of the statistics",
                                 "{item}: {missing} of {total} answers not graded yet; answers not graded yet are "
                                 "left out of the statistics", "total")),
    "report_left_out": ("; tidak ikut statistik butir, tetap dihitung di nilai.csv",
                        "; left out of the item statistics, still counted in nilai.csv"),
    "report_unanswered": ("(tidak dijawab)", "(not answered)"),  # opsi.csv option_text of kinds.UNANSWERED
    "report_facility": ("Kemudahan", "Facility"),
    "report_discrimination": ("Daya beda", "Discrimination"),
    "report_no_discrimination": ("{assignment} (tanpa daya beda)", "{assignment} (no discrimination)"),
    "report_band": ("tanpa daya beda (lihat catatan)", "no discrimination (see the notes)"),
    "report_weak_line": ("batas lemah {line}", "weak below {line}"),
    "report_facility_axis": ("Tingkat kemudahan (rata-rata proporsi skor)", "Facility (mean fraction of the points)"),
    "report_discrimination_axis": ("Daya beda (korelasi poin butir-sisa)",
                                   "Discrimination (item-rest correlation of points)"),
    "report_assignment": ("Tugas", "Assignment"),
    "report_mastery": ("Penguasaan", "Mastery"),
    "report_participant": ("Peserta", "Participant"),
    "report_objective": ("Tujuan", "Objective"),
    "report_objectives": ("Tujuan pembelajaran", "Learning objective"),
    "report_pre_test": ("Pra-tes (sm0)", "Pre-test (sm0)"),
    "report_post_test": ("Pasca-tes (sm6)", "Post-test (sm6)"),
    "report_class_g_is": ("g kelas = {g}", "class g = {g}"),
    "report_mean_fraction": ("Rata-rata proporsi skor", "Mean fraction of the points"),
    "report_col_participants": ("Peserta", "Participants"),
    "report_col_items": ("Butir", "Items"),
    "report_col_alpha": ("Alfa Cronbach", "Cronbach's alpha"),
    "report_col_item": ("Butir", "Item"),
    "report_col_note": ("Catatan", "Note"),
    "report_col_pre": ("Pra-tes", "Pre-test"),
    "report_col_post": ("Pasca-tes", "Post-test"),
    "report_col_class_g": ("g kelas", "class g"),
    "report_col_individual_g": ("Rata-rata g individu", "Mean individual g"),
    "report_col_n_individual_g": ("n g individu", "n individual g"),
    "report_col_perfect_pre": ("Pra-tes 100 % (tanpa g individu)", "Pre-test 100 % (no individual g)"),
    "report_all_discriminate": ("Semua butir memiliki daya beda.", "Every item has a discrimination."),
    "report_none_discriminate": ("Tidak ada butir dengan daya beda: {notes}. Grafik hanya menunjukkan kemudahan tiap "
                                 "butir (lingkaran kosong).",
                                 "No item has a discrimination: {notes}. The chart shows only each item's facility "
                                 "(open circles)."),
    "report_same_items": ("{count} butir yang skornya (atau skor sisa tesnya) sama untuk semua peserta, sehingga daya "
                          "beda tidak terdefinisi",
                          Plural("{count} item whose score (or rest-of-test score) is the same for every participant, "
                                 "so its discrimination is undefined",
                                 "{count} items whose scores (or rest-of-test scores) are the same for every "
                                 "participant, so their discrimination is undefined", "count")),
    "report_small_items": ("{count} butir dengan n &lt; {minimum}",
                           Plural("{count} item with n &lt; {minimum}", "{count} items with n &lt; {minimum}", "count")),
    "report_other_items": ("{count} butir tanpa butir lain untuk dibandingkan",
                           Plural("{count} item without another item to compare it with",
                                  "{count} items without another item to compare them with", "count")),
    "report_band_sentence": ("Di pita abu-abu di bawah sumbu (lingkaran kosong): {parts}. Butir ini tidak digambar "
                             "pada r = 0; alasannya ada di kolom Catatan tabel butir.",
                             "In the grey band below the axis (open circles): {parts}. These items are not drawn at "
                             "r = 0; the reason is in the Note column of the item table."),
    "report_warnings": ("Peringatan", "Warnings"),
    "report_warnings_count": ("Peringatan ({count})", "Warnings ({count})"),
    "report_no_warnings": ("Tidak ada peringatan.", "No warnings."),
    "report_participant_notes": ("Catatan peserta ({count})", "Notes on participants ({count})"),
    "report_empty_note": ("Kiriman kosong = tidak ada jawaban tersimpan untuk satu pun soal penilaian (termasuk berkas "
                          "jawaban yang tidak ada atau tidak terbaca). Kiriman itu tidak ikut statistik butir, opsi, "
                          "alfa, gain, dan penguasaan, tetapi tetap dihitung di nilai.csv (kolom keterangan).",
                          "Empty submission = no stored answer for any graded item (an answer file that is missing "
                          "or unreadable included). Such submissions are left out of the item, option, alpha, gain "
                          "and mastery statistics, but still counted in nilai.csv (column keterangan)."),
    "report_reliability": ("Reliabilitas per tugas", "Reliability per assignment"),
    "report_alpha_note": (
        "Alfa Cronbach dihitung dalam poin (seperti koefisien konsistensi internal Moodle), dengan varians\n"
        "sampel (ddof = 1), atas butir yang sudah dinilai untuk semua peserta; kiriman kosong tidak dihitung. Alfa hanya\n"
        "ditampilkan bila n \u2265 {minimum}, dengan alasan yang sama seperti daya beda (lihat catatan analisis butir): "
        "alfa\nadalah rasio varians yang ditaksir dari peserta yang sama, dan dengan kurang dari {minimum} peserta "
        "taksiran itu\nterlalu goyah untuk dibaca.",
        "Cronbach's alpha is computed on points (as Moodle's coefficient of internal consistency), with sample\n"
        "variances (ddof = 1), over the items graded for every participant; empty submissions are not counted. Alpha\n"
        "is shown only when n \u2265 {minimum}, for the same reason as discrimination (see the note of the item "
        "analysis): alpha\nis a ratio of variances estimated from the same participants, and with fewer than {minimum} "
        "participants that estimate\nis too unsteady to read."),
    "report_item_analysis": ("Analisis butir", "Item analysis"),
    "report_item_note": (
        "Kemudahan = rata-rata proporsi skor. Daya beda = indeks diskriminasi Moodle: korelasi poin butir\n"
        "dengan jumlah poin butir lain pada tugas yang sama, dihitung dalam poin (bobot butir ikut), bukan dalam "
        "proporsi.\nDi bawah 0,2 lemah; di bawah 0 berarti peserta yang kuat justru lebih sering salah. Daya beda hanya "
        "ditampilkan bila\nn \u2265 {minimum}: di bawahnya galat baku korelasi (\u2248 1/\u221a(n \u2212 3)) lebih "
        "dari 0,38, hampir dua\nkali batas 0,2, sehingga angka itu tidak dapat membedakan butir lemah dari butir baik. "
        "{undrawn}\nKiriman kosong tidak dihitung.",
        "Facility = mean fraction of the points. Discrimination = Moodle's discrimination index: the correlation of an\n"
        "item's points with the sum of the points of the other items of the same assignment, computed on points (the "
        "items'\nweights count), not on fractions. Below 0.2 is weak; below 0 means that the stronger participants got "
        "the item wrong more often.\nDiscrimination is shown only when n \u2265 {minimum}: below that the standard "
        "error of a correlation (\u2248 1/\u221a(n \u2212 3)) is more than 0.38,\nalmost twice the 0.2 line, so the "
        "number cannot tell a weak item from a good one. {undrawn}\nEmpty submissions are not counted."),
    "report_mastery_heading": ("Penguasaan tujuan pembelajaran", "Mastery of the learning objectives"),
    "report_mastery_note": (
        "Proporsi poin yang diperoleh atas butir penilaian untuk setiap tujuan, dari tugas sm1\u2013sm6\n(sumatif). "
        "Pra-tes (sm0_orientasi) tidak dihitung karena mengukur bekal awal, bukan penguasaan; soal latihan tidak\n"
        "pernah dihitung; kiriman kosong dan butir yang belum dinilai juga tidak.",
        "The fraction of the points earned on graded items for each objective, from assignments sm1\u2013sm6\n"
        "(summative). The pre-test (sm0_orientasi) is not counted, as it measures what participants brought, not "
        "mastery;\npractice items are never counted; nor are empty submissions and items not graded yet."),
    "report_gain_heading": ("Gain pra-tes ke pasca-tes", "Gain from pre-test to post-test"),
    "report_gain_note": (
        "Angka utama: g kelas (Hake) = (rata-rata pasca \u2212 rata-rata pra) / (1 \u2212 rata-rata pra),\natas n "
        "peserta yang mengerjakan kedua tes (kiriman kosong tidak dihitung); butir sm6 dipasangkan dengan kembarannya\n"
        "di sm0. Rata-rata g individu, (pasca \u2212 pra) / (1 \u2212 pra) per peserta, hanya terdefinisi bila pra-tes "
        "di bawah\n100 %: peserta dengan pra-tes 100 % tidak ikut (kolom \u201c{column}\u201d), sehingga rata-rata itu "
        "bisa positif\nwalaupun kelas turun. Karena itu yang ditampilkan di grafik adalah g kelas.",
        "The headline: class g (Hake) = (mean post \u2212 mean pre) / (1 \u2212 mean pre),\nover the n participants "
        "who took both tests (empty submissions not counted); each sm6 item is paired with its twin\nin sm0. The mean "
        "of individual g, (post \u2212 pre) / (1 \u2212 pre) per participant, is defined only for a pre-test below\n"
        "100 %: participants with a 100 % pre-test are left out (column \u201c{column}\u201d), so that mean can be "
        "positive\nwhile the class falls. That is why the chart shows the class g."),
    "report_all_items": ("Tabel semua butir", "Table of all items"),
    "report_no_pairs": ("Belum ada pasangan pra-tes (sm0_orientasi) dan pasca-tes (sm6_evaluasi) yang dinilai untuk "
                        "peserta yang sama.",
                        "No participant has a graded pre-test (sm0_orientasi) and post-test (sm6_evaluasi) yet."),

    # the debrief pages (debrief.py): titles, notes, column headings and the values the package writes
    "debrief_sm1_diplomasi": ("Matriks definisi diplomasi peserta (Sub-modul 1, langkah 2\u20133)",
                              "The participants' definitions of diplomacy (Sub-module 1, steps 2\u20133)"),
    "debrief_sm3_model": ("Praktik kerja sama daerah: keuntungan dan kelemahan (Sub-modul 3, kerja kelompok)",
                          "Regional cooperation in practice: advantages and weaknesses (Sub-module 3, group work)"),
    "debrief_sm5_negosiasi": ("Hasil permainan peran Marvel\u2013Batman (Sub-modul 5, langkah 3)",
                              "Outcomes of the Marvel\u2013Batman role-play (Sub-module 5, step 3)"),
    "debrief_nothing": ("Belum ada jawaban yang terkumpul.", "No answers collected yet."),
    "debrief_rows": ("{count} baris dari jawaban yang dikumpulkan (submitted/).",
                     Plural("{count} row from the collected answers (submitted/).",
                            "{count} rows from the collected answers (submitted/).", "count")),
    "debrief_not_checked": ("(belum memeriksa)", "(not checked yet)"),
    "debrief_pair": ("berpasangan", "in pairs"),
    "debrief_solo": ("sendiri", "alone"),
    "debrief_col_peserta": ("peserta", "participant"),
    "debrief_col_definisi": ("definisi", "definition"),
    "debrief_col_pola": ("pola", "pattern"),
    "debrief_col_mode": ("mode", "mode"),
    "debrief_col_skenario": ("skenario", "scenario"),
    "debrief_col_catatan": ("catatan", "records"),
    "debrief_col_sepakat": ("sepakat", "agreed"),
    "debrief_col_tidak_sepakat": ("tidak_sepakat", "not agreed"),
    "debrief_col_rata2_poin_marvel": ("rata2_poin_marvel", "mean points Marvel"),
    "debrief_col_rata2_poin_batman": ("rata2_poin_batman", "mean points Batman"),
    "debrief_col_rata2_gabungan": ("rata2_gabungan", "mean joint points"),
    "debrief_col_gabungan_terbaik": ("gabungan_terbaik", "best joint points"),

    # the class board's views (course/board/views.py): titles, notes, axes and table headings
    "board_progress_answered": ("sudah menjawab", "answered"),
    "board_progress_not_yet": ("belum menjawab", "not yet"),
    "board_graded_hidden": ("sebaran jawaban soal penilaian tampil setelah tugas dikumpulkan (kursus kelas --terkumpul)",
                            "how the class answered a graded item shows once the work is collected (kursus kelas --terkumpul)"),
    "board_answered": ("{answered} dari {total} peserta sudah menjawab",
                       Plural("{answered} of {total} participant has answered",
                              "{answered} of {total} participants have answered", "total")),
    "board_written": ("{answered} dari {total} peserta sudah menulis",
                      Plural("{answered} of {total} participant has written",
                             "{answered} of {total} participants have written", "total")),
    "board_mapped": ("{answered} dari {total} peserta sudah memetakan aktor",
                     Plural("{answered} of {total} participant has mapped actors",
                            "{answered} of {total} participants have mapped actors", "total")),
    "board_entered": ("{answered} dari {total} peserta sudah mengisi hasil perundingan",
                      Plural("{answered} of {total} participant has entered the outcome",
                             "{answered} of {total} participants have entered the outcome", "total")),
    "board_played": ("{answered} dari {total} peserta sudah berunding dengan komputer",
                     Plural("{answered} of {total} participant has negotiated with the computer",
                            "{answered} of {total} participants have negotiated with the computer", "total")),
    "board_unreadable": ("{count} jawaban tidak terbaca",
                         Plural("{count} answer could not be read", "{count} answers could not be read", "count")),
    "board_failed": ("Tampilan ini belum dapat dibuat ({error}); tampilan lain tetap berjalan.",
                     "This view could not be made ({error}); the other views still work."),
    "board_practice": ("Latihan", "Practice"),
    "board_graded": ("Soal penilaian", "Graded item"),
    "board_col_option": ("Pilihan", "Option"),
    "board_col_participants": ("Peserta", "Participants"),
    "board_col_share": ("Persentase", "Share"),
    "board_col_entry": ("Pernyataan", "Statement"),
    "board_axis_participants": ("Jumlah peserta", "Participants"),
    "board_axis_category": ("Kategori yang dipilih", "Category chosen"),
    "board_axis_position": ("Posisi dalam urutan", "Position in the order"),
    "board_col_step": ("Langkah", "Step"),
    "board_col_mean_position": ("Rata-rata posisi", "Mean position"),
    "board_axis_answer": ("Jawaban", "Answer"),
    "board_col_answer": ("Jawaban", "Answer"),
    "board_distinct": ("{count} jawaban berbeda", Plural("{count} distinct answer", "{count} distinct answers", "count")),
    "board_more_rows": ("{count} lainnya tidak ditampilkan", "{count} more not shown"),
    "board_no_category": ("Tanpa kategori", "No category"),
    "board_col_actor": ("Aktor", "Actor"),
    "board_col_times": ("Disebut", "Named"),
    "board_actors": ("{count} aktor", Plural("{count} actor", "{count} actors", "count")),
    "board_by_category": ("aktor per kategori", "actors per category"),
    "board_axis_actors": ("Jumlah aktor", "Actors"),
    "board_col_category": ("Kategori", "Category"),
    "board_col_actors": ("Aktor", "Actors"),
    "board_col_mappers": ("Peserta yang menyebutnya", "Participants naming one"),
    "board_col_asset": ("Aset daerah", "Regional asset"),
    "board_col_mean": ("Rata-rata", "Mean"),
    "board_col_median": ("Median", "Median"),
    "board_axis_score": ("Skor (0\u20135)", "Score (0\u20135)"),
    "board_per_group": ("praktik per kelompok", "practice per group"),
    "board_definitions_title": ("Definisi diplomasi menurut peserta, dikelompokkan fasilitator (Sub-modul 1, "
                                "langkah 1\u20133)",
                                "The participants' definitions of diplomacy, grouped by the facilitator "
                                "(Sub-module 1, steps 1\u20133)"),
    "board_ungrouped": ("belum dikelompokkan", "not grouped yet"),
    "board_grouped": ("{count} sudah dikelompokkan", "{count} grouped"),
    "board_col_source": ("Rujukan modul", "The module's source"),
    "board_col_definition": ("Inti definisi", "Core of the definition"),
    "board_per_table": ("hasil per pasangan/meja", "outcome per pair/table"),
    "board_no_code": ("tanpa kode", "no code"),
    "board_state_deal": ("sepakat", "agreed"),
    "board_state_no_deal": ("tidak sepakat", "no agreement"),
    "board_state_differ": ("isian berbeda", "entries differ"),
    "board_state_waiting": ("belum mengisi", "not entered yet"),
    "board_state_playing": ("masih berunding", "still negotiating"),
    "board_remark_teams": ("komposisi tim tidak lazim: {marvel} Marvel, {batman} Batman",
                           "unusual teams: {marvel} Marvel, {batman} Batman"),
    "board_remark_differ": ("isian anggota berbeda (skenario, hasil, atau paket): cocokkan bersama",
                            "the members' entries differ (scenario, outcome or package): check them together"),
    "board_remark_waiting": ("{count} anggota belum mengisi hasil",
                             Plural("{count} member has not entered the outcome yet",
                                    "{count} members have not entered the outcome yet", "count")),
    "board_col_code": ("Kode", "Code"),
    "board_col_members": ("Anggota", "Members"),
    "board_col_scenario": ("Skenario", "Scenario"),
    "board_col_result": ("Hasil", "Outcome"),
    "board_col_points_marvel": ("Poin Marvel", "Marvel's points"),
    "board_col_points_batman": ("Poin Batman", "Batman's points"),
    "board_col_joint": ("Gabungan", "Joint"),
    "board_col_best": ("Gabungan terbaik", "Best joint"),
    "board_col_remark": ("Catatan", "Note"),
    "board_tables": ("{count} pasangan/meja: {deal} sepakat, {no_deal} tidak sepakat",
                     Plural("{count} pair/table: {deal} agreed, {no_deal} no agreement",
                            "{count} pairs/tables: {deal} agreed, {no_deal} no agreement", "count")),
    "board_tables_differ": ("{count} dengan isian berbeda", "{count} with differing entries"),
    "board_without_code": ("{count} peserta tanpa kode",
                           Plural("{count} participant without a code", "{count} participants without a code", "count")),
    "board_frontier": ("Paket terbaik (tidak ada paket lain yang lebih baik bagi kedua pihak)",
                       "Frontier (no other package is better for both sides)"),
    "board_deals": ("Kesepakatan (kode pasangan/meja)", "Agreements (pair/table codes)"),
    "board_no_deals": ("Tidak sepakat (nilai batas)", "No agreement (walk-away values)"),
    "board_no_deal_count": ("{count} tidak sepakat", "{count} no agreement"),
    "board_scenario_tables": ("{count} pasangan/meja memainkan skenario ini, {deal} sepakat",
                              Plural("{count} pair/table played this scenario, {deal} agreed",
                                     "{count} pairs/tables played this scenario, {deal} agreed", "count")),
    "board_mean_joint": ("rata-rata gabungan {mean} dari terbaik {best} poin",
                         "mean joint points {mean} of the best {best}"),
    "board_best_joint": ("gabungan terbaik {best} poin", "best joint points {best}"),
    "board_pairs_title": ("Permainan peran berpasangan", "The role-play in pairs"),
    "board_solo_title": ("Negosiasi melawan komputer: hasil per skenario", "Negotiating with the computer: outcomes "
                                                                             "per scenario"),
    "board_differ_not_drawn": ("{count} pasangan/meja dengan isian berbeda tidak digambar",
                               Plural("{count} pair/table with differing entries not drawn",
                                      "{count} pairs/tables with differing entries not drawn", "count")),
    "board_axis_tables": ("Jumlah pasangan/meja", "Pairs/tables"),
    "board_debrief_title": ("Tanya jawab permainan peran, dengan angka kelas ini (Sub-modul 5, langkah 3)",
                            "Debrief of the role-play, with this class's numbers (Sub-module 5, step 3)"),
    "board_col_question": ("Pertanyaan fasilitator", "The facilitator's question"),
    "board_col_class": ("Kelas ini", "This class"),
    "board_q_a": ("Berapa pasangan/meja yang berhasil mencapai dan menandatangani kesepakatan?",
                  "How many pairs/tables reached and signed an agreement?"),
    "board_q_b": ("Berapa yang tidak berhasil?", "How many did not?"),
    "board_q_c": ("Mengapa ada yang berhasil, dan mengapa ada yang tidak?", "Why did some succeed, and others not?"),
    "board_q_d": ("Bagaimana perasaan Anda selama berunding?", "How did you feel while negotiating?"),
    "board_q_e": ("Apa saja yang terjadi selama perundingan, dan mengapa?",
                  "What happened during the negotiation, and why?"),
    "board_q_f": ("Apa yang dapat kita pelajari dari proses ini?", "What can we learn from this process?"),
    "board_q_a_answer": ("{deal} dari {count} pasangan/meja sepakat",
                         Plural("{deal} of {count} pair/table agreed", "{deal} of {count} pairs/tables agreed",
                                "count")),
    "board_q_b_answer": ("{no_deal} tidak sepakat; {differ} dengan isian berbeda, {waiting} belum mengisi; "
                         "{alone} peserta tanpa kode",
                         "{no_deal} did not agree; {differ} with differing entries, {waiting} not entered yet; "
                         "{alone} participants without a code"),
    "board_q_c_answer": ("kesepakatan rata-rata mencapai {share} dari gabungan terbaik; {below} kesepakatan memberi "
                         "satu pihak kurang dari nilai batasnya; {written} peserta menulis alasannya",
                         "agreements reach on average {share} of the best joint points; {below} gave one side less "
                         "than its walk-away value; {written} participants wrote why"),
    "board_q_written": ("{written} peserta sudah menuliskannya di refleksi",
                        Plural("{written} participant has written about it in the reflection",
                               "{written} participants have written about it in the reflection", "written")),
    "board_q_f_answer": ("{best} kesepakatan mencapai gabungan terbaik; {written} peserta menulis pelajarannya",
                         "{best} agreements reached the best joint points; {written} participants wrote their "
                         "lesson"),
    "board_col_mean_marvel": ("Rata-rata poin Marvel (sepakat)", "Marvel's mean points (agreed)"),

    # the live class board (course/board: `kursus kelas`); its script fills the fields in braces
    "kelas_title": ("Papan kelas", "Class board"),
    "kelas_previous": ("Sebelumnya", "Previous"),
    "kelas_next": ("Berikutnya", "Next"),
    "kelas_menu": ("Pilih tampilan", "Choose a view"),
    "kelas_updated": ("diperbarui {time}", "updated {time}"),
    "kelas_answered": ("{answered} dari {total} peserta menjawab", "{answered} of {total} participants answered"),
    "kelas_loading": ("Memuat jawaban peserta ...", "Loading the participants' answers ..."),
    "kelas_error": ("Jawaban peserta belum dapat dibaca; dicoba lagi setiap {seconds} detik.",
                    "The participants' answers cannot be read yet; trying again every {seconds} seconds."),
    "kelas_no_views": ("Belum ada tampilan untuk tugas ini.", "There is no view for this assignment yet."),
    "kelas_no_answers": ("Belum ada jawaban.", "No answers yet."),
    "kelas_category": ("Kategori", "Category"),
    "kelas_no_category": ("Belum dikategorikan", "Not categorised yet"),
    "kelas_category_failed": ("Kategori belum tersimpan; coba lagi.", "The category was not saved; try again."),
    "kelas_view_of": ("Tampilan {number} dari {count}", "View {number} of {count}"),
    "kelas_keys": ("Tampilan kelas: panah kiri dan kanan berpindah tampilan",
                   "Class view: the left and right arrow keys move between views"),
}


def _english() -> bool:
    return get_language() == "en"


def words(key: str, **values) -> str:
    """The text of ``key`` in the current language, filled with ``values``.

    A ``Plural`` text takes its singular form when the value it names is 1 (English "1 item").
    """
    text = WORDS[key][_english()]
    if isinstance(text, Plural):
        text = text.one if values[text.count] == 1 else text.other
    return text.format(**values)


def number(value: float) -> str:
    """Points as people write them: 1,5 in Bahasa Indonesia, 1.5 in English; at most two decimals."""
    shown = f"{round(float(value), 2):g}"
    return shown if _english() else shown.replace(".", ",")


def decimal(value: float, digits: int = 2) -> str:
    """``value`` with exactly ``digits`` decimals: 0,25 in Bahasa Indonesia, 0.25 in English."""
    shown = f"{value:.{digits}f}"
    return shown if _english() else shown.replace(".", ",")


def separators() -> str:
    """Plotly's ``separators`` (decimal mark, then thousands mark) for the current language."""
    return ".," if _english() else ",."


def points(earned: float | None, maximum: float) -> str:
    """ "3 dari 4 poin" / "3 of 4 points"; with no ``earned``: "4 poin" / "4 points" ("1 point")."""
    if earned is None:
        key = "one_point" if float(maximum) == 1 else "points"
        return words(key, points=number(maximum))
    return words("of", earned=number(earned), maximum=number(maximum))
