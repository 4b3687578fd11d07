"""Text shown to people, in Bahasa Indonesia (default) and English."""

import os
from typing import NamedTuple


class Plural(NamedTuple):
    """A text with a singular and a plural form, chosen by the number named ``count`` ("1 point", "2 points")."""

    one: str
    other: str
    count: str


_LANGUAGES = ("id", "en")
_current = os.environ.get("KURSUS_LANG", "id") if os.environ.get("KURSUS_LANG", "id") in _LANGUAGES else "id"

MESSAGES = {
    "saved": {"id": "Jawaban tersimpan ({time})", "en": "Answer saved ({time})"},
    "not_answered": {"id": "Belum dijawab", "en": "Not answered yet"},
    "check": {"id": "Periksa", "en": "Check"},
    "right": {"id": "Benar", "en": "Right"},
    "partly_right": {"id": "Sebagian benar", "en": "Partly right"},
    "wrong": {"id": "Belum tepat", "en": "Not right yet"},
    "explanation": {"id": "Pembahasan", "en": "Explanation"},
    "why_not": {"id": "Mengapa pilihan Anda belum tepat", "en": "Why your choice is not right"},
    "practice": {"id": "Latihan", "en": "Practice"},
    "graded": {"id": "Soal penilaian", "en": "Graded item"},
    "tag_reflection": {"id": "Refleksi", "en": "Reflection"},
    "points": {"id": "{points:g} poin", "en": Plural("{points:g} point", "{points:g} points", "points")},
    "objective": {"id": "Tujuan pembelajaran {objective}", "en": "Learning objective {objective}"},
    "choose": {"id": "— pilih —", "en": "— choose —"},
    "move_up": {"id": "Naik", "en": "Up"},
    "move_down": {"id": "Turun", "en": "Down"},
    "confirm_order": {"id": "Simpan urutan ini", "en": "Save this order"},
    "answer_first": {"id": "Jawab dulu, lalu tekan Periksa.", "en": "Answer first, then press Check."},
    "not_a_number": {
        "id": "Belum tersimpan: \u201c{text}\u201d bukan angka. Tulis misalnya 1796 atau 2,5.",
        "en": "Not saved: \u201c{text}\u201d is not a number. Write e.g. 1796 or 2.5.",
    },
    "too_long": {
        "id": "Belum tersimpan: jawaban terlalu panjang (maksimal {limit} karakter).",
        "en": Plural("Not saved: the answer is too long (at most {limit} character).",
                     "Not saved: the answer is too long (at most {limit} characters).", "limit"),
    },
    "store_full": {
        "id": "Belum tersimpan: berkas jawaban sudah mencapai batas ukuran. Hubungi instruktur.",
        "en": "Not saved: the answer file has reached its size limit. Contact the instructor.",
    },
    "store_unwritable": {  # {reason}: one of the store_reason_* texts below, never the raw OS error
        "id": "Belum tersimpan: berkas jawaban tidak dapat ditulis ({reason}). Hubungi instruktur.",
        "en": "Not saved: the answer file cannot be written ({reason}). Contact the instructor.",
    },
    "store_unreadable": {
        "id": (
            "Berkas jawaban tidak dapat dibaca ({reason}): jawaban Anda belum dapat dipulihkan dan "
            "jawaban baru belum dapat disimpan. Hubungi instruktur."
        ),
        "en": (
            "The answer file cannot be read ({reason}): your answers cannot be restored yet and new answers "
            "cannot be saved yet. Contact the instructor."
        ),
    },
    "store_unreadable_status": {
        "id": "Jawaban belum dapat dipulihkan: berkas jawaban tidak dapat dibaca ({reason}). Hubungi instruktur.",
        "en": "Answer not restored: the answer file cannot be read ({reason}). Contact the instructor.",
    },
    "store_reason_permission": {"id": "izin ditolak", "en": "permission denied"},
    "store_reason_disk_full": {"id": "disk penuh", "en": "disk full"},
    "store_reason_read_only": {"id": "disk hanya-baca", "en": "read-only disk"},
    "store_reason_is_directory": {"id": "{name} adalah folder, bukan berkas", "en": "{name} is a folder, not a file"},
    "store_reason_other": {"id": "terjadi gangguan sistem", "en": "a system error occurred"},
    # why an answer file gives no answers (store.inspect_store): feedback, report notes, nilai.csv, audit
    "store_missing": {"id": "tidak ada berkas jawaban", "en": "no answer file"},
    "store_too_large": {"id": "berkas jawaban lebih besar dari {size} KB",
                        "en": "the answer file is larger than {size} KB"},
    "store_not_json": {"id": "berkas jawaban bukan JSON yang sah", "en": "the answer file is not valid JSON"},
    "store_too_deep": {"id": "berkas jawaban bersarang terlalu dalam", "en": "the answer file is nested too deeply"},
    "store_long_number": {"id": "berkas jawaban memuat angka yang terlalu panjang",
                          "en": "the answer file holds a number with too many digits"},
    "store_no_answers": {"id": "berkas jawaban tidak berisi daftar jawaban",
                         "en": "the answer file holds no list of answers"},
    "store_schema": {"id": "berkas jawaban memakai versi skema {shown!r}, bukan {expected}",
                     "en": "the answer file uses schema version {shown!r}, not {expected}"},
    "store_is_folder": {"id": "{name} adalah folder, bukan berkas jawaban",
                        "en": "{name} is a folder, not an answer file"},
    "store_cannot_read": {"id": "berkas jawaban tidak dapat dibaca ({reason})",
                          "en": "the answer file cannot be read ({reason})"},
    # what the OS refused (store.OS_REASONS: errno -> reason), in `kursus` errors and unreadable answer files
    "os_permission": {"id": "izin ditolak", "en": "permission denied"},
    "os_disk_full": {"id": "disk penuh", "en": "disk full"},
    "os_quota": {"id": "kuota disk habis", "en": "disk quota exceeded"},
    "os_read_only": {"id": "sistem berkas hanya-baca", "en": "read-only file system"},
    "os_missing": {"id": "tidak ada", "en": "does not exist"},
    "os_exists": {"id": "sudah ada", "en": "already exists"},
    "os_not_directory": {"id": "bukan folder", "en": "not a folder"},
    "os_is_directory": {"id": "adalah folder", "en": "is a folder"},
    "store_corrupt": {
        "id": (
            "Berkas jawaban {name} rusak dan tidak dapat dibaca. Berkas itu tidak dihapus: "
            "disimpan sebagai {aside}. Jawaban baru disimpan di berkas baru. "
            "Beri tahu instruktur agar jawaban lama dapat dipulihkan."
        ),
        "en": (
            "The answer file {name} is damaged and cannot be read. It was not deleted: it was kept as "
            "{aside}. New answers go to a new file. Tell the instructor so the old answers can be recovered."
        ),
    },
    "words": {"id": "{count} kata (minimal {minimum})",
              "en": Plural("{count} word (at least {minimum})", "{count} words (at least {minimum})", "count")},
    "correct_count": {"id": "{right} dari {total} tepat.", "en": "{right} of {total} right."},
    "unknown_item": {
        "id": "Soal \u201c{item_id}\u201d tidak ditemukan di bank soal. Hubungi instruktur.",
        "en": "Item \u201c{item_id}\u201d is not in any question bank. Contact the instructor.",
    },
    "graded_later": {
        "id": "Soal ini dinilai setelah tugas dikumpulkan.",
        "en": "This item is graded after submission.",
    },
    "stored_answer": {"id": "Jawaban peserta", "en": "Participant's answer"},
    "no_answer": {"id": "(tidak ada jawaban)", "en": "(no answer)"},
    "tag_actor_map": {"id": "Peta aktor", "en": "Actor map"},
    "add_actor": {"id": "Tambah aktor", "en": "Add an actor"},
    "remove": {"id": "Hapus", "en": "Remove"},
    "actor_name": {"id": "Nama aktor, mis. JICA", "en": "Actor's name, e.g. JICA"},
    "actor_role": {"id": "Perannya bagi daerah Anda (boleh dikosongkan)", "en": "Its role for your region (optional)"},
    "influence": {"id": "Pengaruh", "en": "Influence"},
    "interest": {"id": "Kepentingan", "en": "Interest"},
    "rows_full": {"id": "Peta ini memuat paling banyak {limit} aktor.",
                  "en": Plural("This map holds at most {limit} actor.", "This map holds at most {limit} actors.", "limit")},
    "actor_category": {"id": "Kategori", "en": "Category"},
    "own_region_name": {"id": "Nama daerah Anda (boleh dikosongkan)", "en": "Your region's name (optional)"},
    "tag_explorer": {"id": "Eksplorasi", "en": "Exploration"},
    "unknown_table": {
        "id": "Tabel \u201c{name}\u201d tidak dikenal. Hubungi instruktur.",
        "en": "Table \u201c{name}\u201d is unknown. Contact the instructor.",
    },
    "tag_nego": {"id": "Permainan peran", "en": "Role-play"},
    "nego_pick": {"id": "Pilih tim dan skenario Anda untuk melihat lembar peran.",
                  "en": "Choose your team and scenario to see your role sheet."},
    "nego_pick_solo": {"id": "Pilih skenario untuk mulai berunding dengan komputer.",
                       "en": "Choose a scenario to start negotiating with the computer."},
    "nego_enter": {"id": "Hasil perundingan: pilih opsi yang disepakati untuk setiap isu.",
                   "en": "Outcome: choose the agreed option for every issue."},
    "nego_save_deal": {"id": "Simpan kesepakatan", "en": "Save the agreement"},
    "nego_no_deal": {"id": "Tidak sepakat", "en": "No agreement"},
    "nego_points_deal": {"id": "Kesepakatan tercatat: {points} poin bagi Anda.",
                         "en": Plural("Agreement recorded: {points} point for you.",
                                      "Agreement recorded: {points} points for you.", "points")},
    "nego_points_no_deal": {"id": "Tidak ada kesepakatan: Anda mendapat nilai batas {points} poin.",
                            "en": Plural("No agreement: you get your walk-away value of {points} point.",
                                         "No agreement: you get your walk-away value of {points} points.", "points")},
    "nego_incomplete": {"id": "Belum tersimpan: pilih satu opsi untuk setiap isu.",
                        "en": "Not saved: choose one option for every issue."},
    "nego_propose": {"id": "Ajukan tawaran", "en": "Make the offer"},
    "nego_accept": {"id": "Terima tawaran balasan", "en": "Accept the counter-offer"},
    "nego_walk_away": {"id": "Akhiri tanpa kesepakatan", "en": "End without agreement"},
    "nego_round": {"id": "Putaran {number} dari {total}: susun tawaran Anda", "en": "Round {number} of {total}: make your offer"},
    "nego_below_walkaway": {"id": "\u26a0 lebih rendah dari nilai batas Anda ({walkaway} poin)",
                            "en": Plural("\u26a0 below your walk-away value ({walkaway} point)",
                                         "\u26a0 below your walk-away value ({walkaway} points)", "walkaway")},
    "nego_restart": {"id": "Mulai lagi", "en": "Start again"},
    "nego_team": {"id": "Tim Anda", "en": "Your team"},
    "nego_pair_code": {"id": "Kode pasangan/meja (sama dengan pasangan Anda)",
                       "en": "Pair/table code (the same as your partner's)"},
    "nego_pair_code_placeholder": {"id": "misalnya A1 (dari fasilitator)", "en": "e.g. A1 (from the facilitator)"},
    "nego_pair_code_invalid": {
        "id": "Kode belum terbaca: pakai huruf, angka, atau tanda minus saja, paling banyak {limit} karakter "
              "(misalnya A1 atau MEJA-3).",
        "en": "Not a code yet: use only letters, digits or a minus sign, at most {limit} characters "
              "(e.g. A1 or TABLE-3).",
    },
    "nego_team_marvel": {"id": "Marvel \u2014 pemerintah daerah", "en": "Marvel \u2014 regional government"},
    "nego_team_batman": {"id": "Batman \u2014 mitra", "en": "Batman \u2014 partner"},
    "nego_scenario": {"id": "Skenario", "en": "Scenario"},
    "nego_you_are": {"id": "Anda", "en": "You"},
    "nego_sheet": {"id": "Lembar peran (rahasia)", "en": "Role sheet (confidential)"},
    "nego_issue": {"id": "Isu", "en": "Issue"},
    "nego_option": {"id": "Pilihan", "en": "Option"},
    "nego_your_points": {"id": "Poin Anda", "en": "Your points"},
    "nego_walkaway_note": {
        "id": "Jika tidak sepakat, Anda mendapat {walkaway} poin (nilai batas). Paket terbaik bagi Anda bernilai 100 poin.",
        "en": Plural("Without an agreement you get {walkaway} point (your walk-away value). "
                     "Your best package is worth 100 points.",
                     "Without an agreement you get {walkaway} points (your walk-away value). "
                     "Your best package is worth 100 points.", "walkaway"),
    },
    "nego_log_round": {"id": "Putaran {number}.", "en": "Round {number}."},
    "nego_log_offer": {"id": "Tawaran Anda ({points} poin bagi Anda).",
                       "en": Plural("Your offer ({points} point for you).", "Your offer ({points} points for you).",
                                    "points")},
    "nego_log_counter": {"id": "Tawaran balasan: {options} ({points} poin bagi Anda)",
                         "en": Plural("Counter-offer: {options} ({points} point for you)",
                                      "Counter-offer: {options} ({points} points for you)", "points")},
    "nego_accepted": {"id": "Tawaran ini cukup bagi kami. Kami sepakat.", "en": "This offer is enough for us. We agree."},
    "nego_counter_keeping": {
        "id": "Kami bisa menerima usulan Anda tentang {kept}, tetapi untuk {issue} kami memerlukan \u201c{option}\u201d, "
              "karena isu itu lebih penting bagi kami.",
        "en": "We can accept your proposal on {kept}, but on {issue} we need \u201c{option}\u201d, "
              "because that issue matters more to us.",
    },
    "nego_counter": {
        "id": "Usulan Anda belum cukup bagi kami: untuk {issue} kami memerlukan \u201c{option}\u201d, "
              "karena isu itu lebih penting bagi kami.",
        "en": "Your proposal is not enough for us yet: on {issue} we need \u201c{option}\u201d, "
              "because that issue matters more to us.",
    },
    "unknown_figure": {
        "id": "Gambar \u201c{name}\u201d tidak dikenal. Hubungi instruktur.",
        "en": "Figure \u201c{name}\u201d is unknown. Contact the instructor.",
    },
    "warning": {"id": "Perhatian", "en": "Warning"},
    "answer_label": {"id": "Jawaban Anda", "en": "Your answer"},
    "move_up_entry": {"id": "Naikkan: {entry}", "en": "Move up: {entry}"},
    "move_down_entry": {"id": "Turunkan: {entry}", "en": "Move down: {entry}"},
    "order_hint": {
        "id": "Susun dengan tombol Naik/Turun. Urutan tersimpan setiap kali Anda memindahkan baris.",
        "en": "Arrange with the Up/Down buttons. The order is saved every time you move a row.",
    },
    # figures (course/plots.py): titles, axes, legends and descriptions; the data they draw stays as it is
    "fig_cycle_centre": {"id": "<b>Siklus proyek</b><br>lembaga pembangunan<br>internasional",
                         "en": "<b>Project cycle</b><br>of international<br>development agencies"},
    "fig_cycle_title": {"id": "Enam tahap siklus proyek (arahkan kursor ke tahap untuk penjelasan)",
                        "en": "The six stages of the project cycle (point at a stage to read about it)"},
    "fig_cycle_description": {"id": "Siklus proyek: {stages} \u2192 kembali ke 1.",
                              "en": "Project cycle: {stages} \u2192 back to 1."},
    "fig_actor_title": {"id": "Peta aktor daerah Anda", "en": "Your region's actor map"},
    "fig_actor_x": {"id": "Kepentingan terhadap kerja sama (1\u20135)", "en": "Interest in the cooperation (1\u20135)"},
    "fig_actor_y": {"id": "Pengaruh (1\u20135)", "en": "Influence (1\u20135)"},
    "fig_actor_influence": {"id": "pengaruh", "en": "influence"},
    "fig_actor_interest": {"id": "kepentingan", "en": "interest"},
    "fig_actor_manage": {"id": "Kelola dengan erat", "en": "Manage closely"},
    "fig_actor_satisfy": {"id": "Jaga kepuasannya", "en": "Keep satisfied"},
    "fig_actor_inform": {"id": "Beri informasi", "en": "Keep informed"},
    "fig_actor_monitor": {"id": "Pantau", "en": "Monitor"},
    "fig_actor_empty": {"id": "Peta aktor masih kosong.", "en": "The actor map is still empty."},
    "fig_actor_description": {"id": "Peta aktor ({count}):", "en": "Actor map ({count}):"},
    "fig_coupling_title": {
        "id": "Skor strategic coupling (data ilustratif) \u2014 bingkai jingga: skor tertinggi",
        "en": "Strategic coupling scores (illustrative data) \u2014 orange frame: highest score",
    },
    "fig_coupling_scale": {"id": "skor<br>0\u20135", "en": "score<br>0\u20135"},
    "fig_coupling_description": {"id": "Skor strategic coupling (data ilustratif, 0\u20135):",
                                 "en": "Strategic coupling scores (illustrative data, 0\u20135):"},
    "fig_coupling_own": {"id": " (dapat Anda ubah)", "en": " (you can change it)"},
    "fig_model_title": {"id": "Model paradiplomasi {region}", "en": "Paradiplomacy model: {region}"},
    "fig_model_planning_basis": {"id": "Dasar perencanaan", "en": "Planning basis"},
    "fig_model_strategy_vision": {"id": "Strategi dan visi", "en": "Strategy and vision"},
    "fig_model_theory_data": {"id": "Teori dan data", "en": "Theory and data"},
    "fig_model_model_summary": {"id": "Model", "en": "Model"},
    "fig_model_goal": {"id": "Tujuan", "en": "Goal"},
    "fig_model_cooperation": {"id": "Kerja sama", "en": "Cooperation"},
    "fig_gpn_title": {"id": "Gambar 3.1 (digambar ulang): GPN di sebuah teritori",
                      "en": "Figure 3.1 (redrawn): a GPN in a territory"},
    "fig_gpn_lead": {"id": "Perusahaan pemimpin (lead firm) global", "en": "Global lead firm"},
    "fig_gpn_lead_body": {"id": "Mengoordinasikan jaringan yang memproduksi barang atau jasa untuk pasar global.",
                          "en": "Coordinates the network that produces goods or services for the global market."},
    "fig_gpn_elsewhere": {"id": "Wilayah lain", "en": "Other places"},
    "fig_gpn_elsewhere_body": {"id": "Lokasi lain dari jaringan yang sama, di negara lain.",
                               "en": "Other locations of the same network, in other countries."},
    "fig_gpn_market": {"id": "Pasar global", "en": "Global market"},
    "fig_gpn_market_body": {"id": "Tujuan barang dan jasa yang diproduksi jaringan.",
                            "en": "Where the network's goods and services go."},
    "fig_gpn_ways": {"id": "subkontrak \u00b7 aliansi \u00b7 kemitraan \u00b7 hubungan non-ekuitas (bukan terutama "
                           "kepemilikan)",
                     "en": "subcontracting \u00b7 alliances \u00b7 partnerships \u00b7 non-equity ties (not mainly "
                           "ownership)"},
    "fig_gpn_territory": {"id": "Teritori (wilayah subnasional)", "en": "Territory (subnational region)"},
    "fig_gpn_economic": {"id": "Aktor ekonomi", "en": "Economic actors"},
    "fig_gpn_economic_body": {"id": "pemasok, produsen, penyedia layanan",
                              "en": "suppliers, producers, service providers"},
    "fig_gpn_non_economic": {"id": "Aktor non-ekonomi", "en": "Non-economic actors"},
    "fig_gpn_non_economic_body": {"id": "badan pengatur seperti pemerintah daerah; organisasi sosial dan politik",
                                  "en": "regulators such as the regional government; social and political "
                                        "organisations"},
    "fig_gpn_note": {"id": "Setiap teritori memiliki karakter institusi, politik, ekonomi, dan sosialnya sendiri; para "
                           "aktor saling terkait dan menyesuaikan strateginya ketika jaringan berubah. Disederhanakan "
                           "dari Gambar 3.1 modul (sumber: Coe & Yeung, 2015).",
                     "en": "Each territory has its own institutions, politics, economy and society; the actors are "
                           "linked and adapt their strategies when the network changes. Simplified from the module's "
                           "Figure 3.1 (source: Coe & Yeung, 2015)."},
    "fig_gpn_description": {"id": "{lead} mengoordinasikan para aktor sebuah teritori (wilayah subnasional) lewat "
                                  "{ways}. Di dalam teritori: aktor ekonomi ({economic}) dan aktor non-ekonomi "
                                  "({non_economic}). "
                                  "Jaringan yang sama berada juga di wilayah lain dan memproduksi untuk pasar global.",
                            "en": "The {lead} coordinates the actors of a territory (a subnational region) through "
                                  "{ways}. Inside the territory: economic actors ({economic}) and non-economic actors "
                                  "({non_economic}). The same network also sits in other places and produces for the "
                                  "global market."},
    "fig_bargain_title": {"id": "Gambar 3.2 (digambar ulang): proses dan tujuan bargaining and cooperation",
                          "en": "Figure 3.2 (redrawn): the process and goals of bargaining and cooperation"},
    "fig_bargain_firm": {"id": "Perusahaan multinasional", "en": "Multinational firm"},
    "fig_bargain_firm_body": {"id": "Kepentingan: daya saing. Membawa kebutuhan strategisnya.",
                              "en": "Interest: competitiveness. Brings its strategic needs."},
    "fig_bargain_region": {"id": "Wilayah subnasional (pemerintah daerah)",
                           "en": "Subnational region (regional government)"},
    "fig_bargain_region_body": {"id": "Kepentingan: pertumbuhan ekonomi. Menyusun strategi pembangunan daerah dan "
                                      "membangun aset regional bersama: teknologi dan pengetahuan, organisasi "
                                      "industri, politik teritorial dan relasi sosial.",
                                "en": "Interest: economic growth. Sets a regional development strategy and builds "
                                      "shared regional assets: technology and knowledge, industrial organisation, "
                                      "territorial politics and social relations."},
    "fig_bargain_process": {"id": "tawar-menawar dan kerja sama, melibatkan lembaga lokal, nasional/supranasional, dan "
                                  "dari luar wilayah",
                            "en": "bargaining and cooperation, involving local, national/supranational and "
                                  "extra-local institutions"},
    "fig_bargain_coupling": {"id": "Strategic coupling", "en": "Strategic coupling"},
    "fig_bargain_coupling_body": {"id": "Terjadi bila kebutuhan strategis perusahaan selaras dengan aset regional; "
                                        "bergantung pada konteks, sementara, tidak otomatis, tidak selalu berhasil.",
                                  "en": "Happens when the firm's strategic needs match the regional assets; "
                                        "context-dependent, temporary, not automatic, not always successful."},
    "fig_bargain_leads_to": {"id": "menghasilkan", "en": "leads to"},
    "fig_bargain_development": {"id": "Pembangunan regional", "en": "Regional development"},
    "fig_bargain_outcome_1": {"id": "Value capture (penangkapan nilai)", "en": "Value capture"},
    "fig_bargain_outcome_2": {"id": "Industrial and social upgrading (peningkatan industri dan sosial)",
                              "en": "Industrial and social upgrading"},
    "fig_bargain_outcome_3": {"id": "Sustainable growth trajectory (pertumbuhan berkelanjutan)",
                              "en": "Sustainable growth trajectory"},
    "fig_bargain_note": {"id": "Disederhanakan dari Gambar 3.2 modul (sumber: Coe & Yeung, 2015).",
                         "en": "Simplified from the module's Figure 3.2 (source: Coe & Yeung, 2015)."},
    "fig_bargain_description": {"id": "Perusahaan multinasional (kepentingan: daya saing) dan wilayah subnasional "
                                      "(kepentingan: pertumbuhan ekonomi) saling tawar-menawar dan bekerja sama; bila "
                                      "kebutuhan strategis perusahaan selaras dengan aset regional, terjadi strategic "
                                      "coupling, yang menghasilkan pembangunan regional: {outcomes}.",
                                "en": "A multinational firm (interest: competitiveness) and a subnational region "
                                      "(interest: economic growth) bargain and cooperate; when the firm's strategic "
                                      "needs match the regional assets, strategic coupling follows and leads to "
                                      "regional development: {outcomes}."},
    "fig_sister_title": {"id": "Berapa kota kembar (sister city) Jakarta? Tergantung tanggalnya",
                         "en": "How many sister cities does Jakarta have? It depends on the date"},
    "fig_sister_officials": {"id": "Pernyataan pejabat / media", "en": "Statements by officials / the media"},
    "fig_sister_module": {"id": "Angka dalam modul", "en": "The module's number"},
    "fig_sister_confidence": {"id": "keyakinan", "en": "confidence"},
    "fig_sister_x": {"id": "Tanggal pernyataan", "en": "Date of the statement"},
    "fig_sister_y": {"id": "Jumlah yang disebut", "en": "Number stated"},
    "fig_sister_description": {"id": "Jumlah kota kembar Jakarta menurut tanggal: ",
                               "en": "Number of Jakarta's sister cities by date: "},
    "fig_sister_no_date": {"id": "(tanpa tanggal)", "en": "(no date)"},
    "fig_nego_zone": {"id": "<i>zona kesepakatan</i>", "en": "<i>zone of agreement</i>"},
    "fig_nego_all": {"id": "Semua paket yang mungkin", "en": "Every possible package"},
    "fig_nego_frontier": {
        "id": "Paket terbaik bersama (tidak bisa ditingkatkan untuk satu pihak tanpa merugikan pihak lain)",
        "en": "Best joint packages (none can be improved for one side without a loss for the other)",
    },
    "fig_nego_middle": {"id": "Membagi dua di setiap isu", "en": "Splitting the difference on every issue"},
    "fig_nego_deal": {"id": "Hasil Anda", "en": "Your outcome"},
    "fig_nego_no_deal": {"id": "Tidak sepakat (nilai batas)", "en": "No agreement (walk-away values)"},
    "fig_nego_marker": {"id": "hasil Anda", "en": "your outcome"},
    "fig_nego_title": {"id": "{title}: di mana hasil perundingan Anda?", "en": "{title}: where does your outcome lie?"},
    "fig_nego_x": {"id": "Poin Marvel (pemerintah daerah)", "en": "Marvel's points (regional government)"},
    "fig_nego_y": {"id": "Poin Batman (mitra)", "en": "Batman's points (partner)"},
    "fig_nego_agreed": {"id": "sepakat", "en": "agreement"},
    "fig_nego_not_agreed": {"id": "tidak sepakat", "en": "no agreement"},
    "fig_nego_description": {
        "id": "{title}: {outcome}; Marvel {marvel}, Batman {batman}, gabungan {joint} (gabungan terbaik yang mungkin "
              "{best}); nilai batas Marvel {walk_marvel}, Batman {walk_batman}.",
        "en": "{title}: {outcome}; Marvel {marvel}, Batman {batman}, joint {joint} (best joint possible {best}); "
              "walk-away Marvel {walk_marvel}, Batman {walk_batman}.",
    },
}


def set_language(language: str) -> None:
    """Choose the language of widget texts: ``"id"`` (default) or ``"en"``."""
    global _current
    if language not in _LANGUAGES:
        raise ValueError(f"language must be one of {_LANGUAGES}, not {language!r}")
    _current = language


def get_language() -> str:
    """Return the current language code."""
    return _current


def message(key: str, **values) -> str:
    """Return the text for ``key`` in the current language, filled with ``values``.

    A ``Plural`` text takes its singular form when the value it names is 1 (English "1 point").
    """
    text = MESSAGES[key][_current]
    if isinstance(text, Plural):
        text = text.one if values[text.count] == 1 else text.other
    return text.format(**values)
