"""Demo programmes: a year of skills training and legal outreach in Desa Babussalam.

Ten programmes over the last eleven months and the coming weeks (sewing twice, food processing,
digital skills, the trafficking law, safe migration, child marriage, domestic violence, a
parenting class for those who raise migrants' children, and the village's kader training), run by
organisations of the demo service directory with their budget lines. The demo facilitators'
trainings are recorded first, so the sessions they lead are on topics they are qualified for;
other sessions have a guest speaker (BLK instructor, BP3MI officer, Unit PPA investigator).

Invitees come from each programme's target group in the registry. Turnout is uneven: some
invitees never come, some drop out, a rainy session is half empty, a few walk in, and some
young participants check themselves in with the session's QR code. Attendance is recorded only
for sessions up to today. Each topic has a question bank; most programmes have a pre-test and a
post-test whose results mostly improve (not every item: a few get worse, and one programme
barely moves), one has a delayed test three months later, and completers of the skills courses
have follow-up outcomes.

Everything goes through the services, as a user would enter it. Deterministic by the demo seed
(for a given day): the step draws from its own ``random.Random`` derived from the seed, so adding
it did not change the demo data of the steps that run after it. Skipped when programmes exist.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sigap.accounts.models import User
from sigap.core.demo import DEMO_USERNAMES, DemoContext
from sigap.core.roles import Role
from sigap.partners.models import Organisation
from sigap.programs import selectors, services
from sigap.programs.models import (
    Attendance,
    KnowledgeTest,
    Outcome,
    Programme,
    Question,
    Session,
    Topic,
)
from sigap.registry import codes
from sigap.registry.models import Resident

KOORDINATOR = DEMO_USERNAMES[Role.KOORDINATOR]
PENDAMPING = DEMO_USERNAMES[Role.PENDAMPING]
KADER = DEMO_USERNAMES[Role.KADER]

TF = Question.Kind.TRUE_FALSE
MC = Question.Kind.MULTIPLE_CHOICE
BENAR, SALAH = 0, 1  # positions of services.TRUE_FALSE_OPTIONS

# The question bank: (kind, text, options, correct). Multiple-choice options are written with
# the right answer first and shuffled when the question is created.
QUESTIONS: dict[str, list[tuple[str, str, list[str], int]]] = {
    Topic.TPPO_LAW: [
        (
            MC,
            "Menurut UU No. 21 Tahun 2007, perdagangan orang terdiri atas proses, cara dan "
            "tujuan. Manakah yang termasuk tujuannya?",
            [
                "Eksploitasi, misalnya kerja paksa atau eksploitasi seksual",
                "Mendapat pekerjaan sah dengan kontrak tertulis",
                "Merantau untuk melanjutkan sekolah",
                "Menikah secara sah di KUA",
            ],
            0,
        ),
        (
            TF,
            "Seseorang tetap dapat menjadi korban perdagangan orang walaupun awalnya ia setuju "
            "berangkat bekerja.",
            [],
            BENAR,
        ),
        (
            MC,
            "Berapa ancaman pidana penjara paling singkat bagi pelaku perdagangan orang menurut "
            "Pasal 2 UU 21/2007?",
            ["3 tahun", "6 bulan", "1 tahun", "20 tahun"],
            0,
        ),
        (
            TF,
            "Korban perdagangan orang berhak meminta restitusi (ganti kerugian) dari pelaku.",
            [],
            BENAR,
        ),
        (
            TF,
            "Majikan atau agen yang menahan paspor pekerja tidak melanggar apa pun selama gajinya "
            "dibayar.",
            [],
            SALAH,
        ),
        (
            MC,
            "Siapa yang dapat dipidana menurut UU TPPO?",
            [
                "Setiap orang yang melakukan, membantu atau mencoba, termasuk korporasi",
                "Hanya majikan di luar negeri",
                "Hanya orang asing",
                "Hanya calo yang menerima bayaran",
            ],
            0,
        ),
        (
            MC,
            "Ke mana warga dapat melaporkan dugaan perdagangan orang?",
            [
                "Unit PPA Polres, UPTD PPA, atau pos pengaduan desa",
                "Kepada sponsor yang memberangkatkan",
                "Tidak perlu dilaporkan bila korban sudah pulang",
                "Hanya ke kedutaan negara tujuan",
            ],
            0,
        ),
        (
            TF,
            "Korban yang terpaksa melakukan tindak pidana karena dipaksa pelaku tidak dipidana "
            "(Pasal 18 UU 21/2007).",
            [],
            BENAR,
        ),
    ],
    Topic.SAFE_MIGRATION: [
        (
            MC,
            "Perusahaan yang sah menempatkan pekerja migran Indonesia ke luar negeri disebut…",
            [
                "P3MI (Perusahaan Penempatan Pekerja Migran Indonesia) yang berizin",
                "Sponsor perorangan",
                "Agen perjalanan umrah",
                "Calo di pasar",
            ],
            0,
        ),
        (
            MC,
            "Berapa umur paling rendah calon pekerja migran menurut UU No. 18 Tahun 2017?",
            ["18 tahun", "15 tahun", "16 tahun", "21 tahun"],
            0,
        ),
        (
            TF,
            "Berangkat bekerja ke luar negeri dengan visa turis atau visa umrah adalah jalan "
            "yang aman dan sah.",
            [],
            SALAH,
        ),
        (
            MC,
            "Di mana calon pekerja migran dari Lombok Barat mengurus dokumen secara resmi?",
            [
                "LTSA (Layanan Terpadu Satu Atap) PMI",
                "Rumah sponsor",
                "Bandara pada hari keberangkatan",
                "Kantor imigrasi negara tujuan",
            ],
            0,
        ),
        (
            TF,
            "Izin P3MI dan keaslian job order dapat dicek ke BP3MI atau Disnaker sebelum "
            "berangkat.",
            [],
            BENAR,
        ),
        (
            MC,
            "Dokumen mana yang harus dipegang sendiri oleh pekerja migran?",
            [
                "Paspor dan perjanjian kerja",
                "Tidak ada, semua dititipkan ke agen",
                "Hanya tiket pesawat",
                "Hanya kartu keluarga",
            ],
            0,
        ),
        (
            TF,
            "Calon pekerja migran boleh dipungut biaya penempatan berapa pun asal dibayar di muka.",
            [],
            SALAH,
        ),
        (
            TF,
            "Pekerja migran yang berangkat resmi dilindungi BPJS sebelum, selama dan sesudah "
            "bekerja.",
            [],
            BENAR,
        ),
    ],
    Topic.CHILD_MARRIAGE: [
        (
            MC,
            "Menurut UU No. 16 Tahun 2019, umur paling rendah untuk menikah bagi perempuan dan "
            "laki-laki adalah…",
            ["19 tahun", "16 tahun", "17 tahun", "21 tahun"],
            0,
        ),
        (
            TF,
            "Sebelum UU 16/2019, batas umur menikah bagi perempuan adalah 16 tahun.",
            [],
            BENAR,
        ),
        (
            MC,
            "Bila seseorang ingin menikah di bawah umur, siapa yang dapat memberi dispensasi?",
            [
                "Pengadilan Agama, hanya dengan alasan sangat mendesak",
                "Kepala dusun",
                "Orang tua saja",
                "Tokoh adat setelah merariq",
            ],
            0,
        ),
        (
            TF,
            "Merariq (kawin lari adat Sasak) membuat perkawinan anak sah menurut hukum negara.",
            [],
            SALAH,
        ),
        (
            TF,
            "Perkawinan anak menaikkan risiko putus sekolah, kematian ibu dan bayi, serta "
            "kemiskinan.",
            [],
            BENAR,
        ),
        (
            MC,
            "Menurut UU No. 12 Tahun 2022 (TPKS), memaksa anak menikah…",
            [
                "Dapat dipidana, juga bila dilakukan orang tua atau wali",
                "Boleh bila keluarga sudah sepakat",
                "Hanya dilarang bila anak di bawah 12 tahun",
                "Urusan keluarga, bukan urusan hukum",
            ],
            0,
        ),
        (
            MC,
            "Ke mana warga melapor bila tahu ada rencana perkawinan anak?",
            [
                "Pemerintah desa, kader, atau UPTD PPA",
                "Tidak perlu melapor",
                "Hanya ke penghulu",
                "Ke sekolah anak itu saja",
            ],
            0,
        ),
    ],
    Topic.DOMESTIC_VIOLENCE: [
        (
            MC,
            "Menurut UU No. 23 Tahun 2004, kekerasan dalam rumah tangga meliputi…",
            [
                "Kekerasan fisik, psikis, seksual dan penelantaran rumah tangga",
                "Hanya pukulan yang meninggalkan luka",
                "Hanya kekerasan terhadap anak",
                "Hanya pertengkaran di depan umum",
            ],
            0,
        ),
        (
            TF,
            "Suami yang menelantarkan keluarganya tanpa nafkah dapat dipidana karena KDRT.",
            [],
            BENAR,
        ),
        (
            TF,
            "KDRT adalah urusan pribadi keluarga, jadi tetangga tidak boleh melapor.",
            [],
            SALAH,
        ),
        (
            MC,
            "Dalam berapa lama polisi wajib memberi perlindungan sementara setelah mengetahui "
            "atau menerima laporan KDRT?",
            ["1 × 24 jam", "7 hari", "30 hari", "Setelah ada putusan pengadilan"],
            0,
        ),
        (
            TF,
            "Menghina, membentak dan mengancam terus-menerus termasuk kekerasan psikis.",
            [],
            BENAR,
        ),
        (
            MC,
            "Layanan apa yang diberikan UPTD PPA kepada korban KDRT?",
            [
                "Pengaduan, pendampingan hukum, konseling dan rumah aman",
                "Pinjaman uang",
                "Lowongan kerja di luar negeri",
                "Tidak melayani KDRT",
            ],
            0,
        ),
    ],
    Topic.PARENTING: [
        (
            TF,
            "Anak yang orang tuanya bekerja di luar negeri tetap butuh kabar rutin dari mereka, "
            "misalnya lewat panggilan video.",
            [],
            BENAR,
        ),
        (
            MC,
            "Cara terbaik menanggapi anak yang marah atau menangis adalah…",
            [
                "Mendengarkan, menamai perasaannya, lalu menenangkan",
                "Memukul agar cepat diam",
                "Mengancam akan ditinggal",
                "Membiarkan tanpa berbicara",
            ],
            0,
        ),
        (
            TF,
            "Kiriman uang dari orang tua sudah cukup menggantikan perhatian dan kasih sayang.",
            [],
            SALAH,
        ),
        (
            MC,
            "Dokumen apa yang wajib dimiliki setiap anak dan dapat diurus lewat desa?",
            [
                "Akta kelahiran dan Kartu Identitas Anak (KIA)",
                "Paspor",
                "Kartu anggota koperasi",
                "SIM",
            ],
            0,
        ),
        (
            TF,
            "Anak usia sekolah di keluarga pekerja migran lebih berisiko putus sekolah dan perlu "
            "dipantau bersama guru.",
            [],
            BENAR,
        ),
        (
            MC,
            "Bila anak yang diasuh menunjukkan tanda kekerasan atau penelantaran, pengasuh "
            "sebaiknya…",
            [
                "Melapor ke kader, pendamping desa atau UPTD PPA",
                "Merahasiakannya sebagai aib keluarga",
                "Menunggu orang tuanya pulang",
                "Memindahkan anak tanpa memberi tahu siapa pun",
            ],
            0,
        ),
    ],
    Topic.FACILITATION: [
        (
            MC,
            "Manakah tanda perekrutan yang patut dicurigai?",
            [
                "Gaji sangat tinggi tanpa syarat, biaya ditanggung sponsor, berangkat minggu ini",
                "Lowongan diumumkan Disnaker",
                "Proses lewat LTSA",
                "Ada perjanjian kerja tertulis",
            ],
            0,
        ),
        (
            TF,
            "Kader boleh membagikan nama dan cerita korban di grup WhatsApp desa agar warga "
            "waspada.",
            [],
            SALAH,
        ),
        (
            MC,
            "Yang pertama dijaga ketika menerima cerita dari korban adalah…",
            [
                "Keselamatan dan kerahasiaan korban",
                "Mencari siapa yang salah",
                "Menghubungi pelaku",
                "Merekam cerita korban untuk disebarkan",
            ],
            0,
        ),
        (
            TF,
            "Sebelum dirujuk ke lembaga lain, korban perlu memberi persetujuan, kecuali dalam "
            "keadaan darurat yang mengancam nyawa.",
            [],
            BENAR,
        ),
        (
            MC,
            "Cara penyuluhan yang paling membantu warga belajar adalah…",
            [
                "Diskusi dan contoh kasus yang dekat dengan kehidupan warga",
                "Membacakan pasal undang-undang saja",
                "Ceramah dua jam tanpa tanya jawab",
                "Membagikan brosur lalu pulang",
            ],
            0,
        ),
        (
            TF,
            "Data warga di SIGAP hanya boleh dibuka untuk tugas kader, tidak untuk keperluan "
            "pribadi.",
            [],
            BENAR,
        ),
    ],
    Topic.SEWING: [
        (
            MC,
            "Alat untuk memindahkan garis pola ke kain adalah…",
            ["Rader dan karbon jahit", "Pendedel", "Gunting zig-zag", "Sepatu mesin"],
            0,
        ),
        (
            TF,
            "Kain katun sebaiknya dicuci dan disetrika sebelum dipotong agar tidak menyusut "
            "setelah dijahit.",
            [],
            BENAR,
        ),
        (
            MC,
            "Agar tepi kain di bagian dalam tidak bertiras, kampuh diselesaikan dengan…",
            ["Obras atau jahitan zig-zag", "Dibiarkan terbuka", "Lem kain", "Peniti"],
            0,
        ),
        (
            MC,
            "Ukuran yang diambil melingkar pada bagian dada yang paling besar disebut…",
            ["Lingkar badan", "Panjang punggung", "Lebar bahu", "Panjang lengan"],
            0,
        ),
        (
            TF,
            "Benang atas yang terlalu kencang membuat jahitan berkerut.",
            [],
            BENAR,
        ),
        (
            MC,
            "Harga jual mukena pesanan dihitung dari…",
            [
                "Bahan, benang, listrik dan upah kerja, ditambah keuntungan",
                "Harga kain saja",
                "Harga mukena di toko besar",
                "Berapa pun yang diberi pembeli",
            ],
            0,
        ),
        (
            TF,
            "Jarum mesin yang tumpul boleh terus dipakai selama masih bisa menembus kain.",
            [],
            SALAH,
        ),
    ],
    Topic.COOKING: [
        (
            TF,
            "Izin PIRT dari Dinas Kesehatan diperlukan agar olahan pangan rumahan dapat dijual "
            "di toko.",
            [],
            BENAR,
        ),
        (
            MC,
            "Cara menyimpan abon ikan agar tahan lama adalah…",
            [
                "Dikemas rapat kedap udara dan disimpan di tempat kering",
                "Dibiarkan terbuka agar tidak lembap",
                "Disimpan di dekat kompor",
                "Diperciki air sebelum dikemas",
            ],
            0,
        ),
        (
            MC,
            "Label kemasan pangan olahan paling sedikit memuat…",
            [
                "Nama produk, komposisi, berat bersih, produsen dan tanggal kedaluwarsa",
                "Nama produk saja",
                "Harga saja",
                "Foto pembuatnya",
            ],
            0,
        ),
        (
            TF,
            "Mencuci tangan dengan sabun sebelum mengolah makanan mencegah keracunan pangan.",
            [],
            BENAR,
        ),
        (
            TF,
            "Minyak goreng yang sudah hitam dan berbusa masih layak untuk menggoreng kerupuk "
            "yang dijual.",
            [],
            SALAH,
        ),
        (
            MC,
            "Sertifikat halal gratis bagi usaha mikro dapat diurus lewat program…",
            [
                "SEHATI (sertifikasi halal gratis, pernyataan pelaku usaha)",
                "Samsat",
                "BPJS Ketenagakerjaan",
                "Bea Cukai",
            ],
            0,
        ),
    ],
    Topic.DIGITAL: [
        (
            MC,
            "Kata sandi yang paling aman adalah…",
            [
                "Gabungan huruf besar, huruf kecil, angka dan simbol, tidak dipakai ulang",
                "Tanggal lahir sendiri",
                "123456",
                "Nama panggilan",
            ],
            0,
        ),
        (
            TF,
            "Kode OTP dari SMS boleh diberikan kepada orang yang mengaku petugas bank.",
            [],
            SALAH,
        ),
        (
            MC,
            "Lowongan kerja di media sosial yang patut dicurigai adalah yang…",
            [
                "Menjanjikan gaji sangat tinggi dan meminta uang pendaftaran",
                "Mencantumkan alamat kantor dan izin resmi",
                "Meminta pelamar datang ke LTSA",
                "Diumumkan di situs Kemnaker",
            ],
            0,
        ),
        (
            TF,
            "WhatsApp Business dapat dipakai untuk membuat katalog produk.",
            [],
            BENAR,
        ),
        (
            MC,
            "Foto produk untuk dijual daring paling baik diambil…",
            [
                "Di cahaya alami yang terang dengan latar polos",
                "Di ruang gelap dengan lampu kilat",
                "Dari jauh agar semua barang masuk",
                "Dengan gambar dari internet",
            ],
            0,
        ),
        (
            TF,
            "Berita yang dibagikan di grup WhatsApp pasti benar karena dikirim oleh kenalan.",
            [],
            SALAH,
        ),
    ],
}


@dataclass(frozen=True)
class Trainer:
    username: str
    title: str
    organiser: str
    days_ago: int
    hours: int
    topic: str


TRAININGS = [
    Trainer(
        KOORDINATOR,
        "Pelatihan fasilitator penyuluhan anti-TPPO",
        "UPTD PPA Kabupaten Lombok Barat",
        520,
        32,
        Topic.TPPO_LAW,
    ),
    Trainer(
        KOORDINATOR,
        "Training of trainers pelatihan kader desa",
        "DP3AP2KB Provinsi NTB",
        430,
        24,
        Topic.FACILITATION,
    ),
    Trainer(
        KOORDINATOR,
        "Bimtek migrasi aman dan layanan LTSA",
        "BP3MI Nusa Tenggara Barat",
        610,
        16,
        Topic.SAFE_MIGRATION,
    ),
    Trainer(
        PENDAMPING,
        "Sosialisasi penempatan PMI prosedural bagi pendamping desa",
        "BP3MI Nusa Tenggara Barat",
        400,
        16,
        Topic.SAFE_MIGRATION,
    ),
    Trainer(
        PENDAMPING,
        "Konseling dasar bagi korban KDRT",
        "UPTD PPA Kabupaten Lombok Barat",
        455,
        24,
        Topic.DOMESTIC_VIOLENCE,
    ),
    Trainer(
        PENDAMPING,
        "Fasilitator pencegahan perkawinan anak",
        "Yayasan Perlindungan Anak Lombok",
        300,
        20,
        Topic.CHILD_MARRIAGE,
    ),
    Trainer(KADER, "Orientasi kader SIGAP", "Pemerintah Desa Babussalam", 260, 8, ""),
    Trainer(
        KADER,
        "Pengasuhan positif bagi kader posyandu",
        "Serikat Buruh Migran Lombok Barat",
        210,
        12,
        Topic.PARENTING,
    ),
]


@dataclass(frozen=True)
class Plan:
    title: str  # "{year}" is the year of the first session
    kind: str
    topic: str
    organiser: str
    description: str
    target_group: str
    target_sex: str
    target_age_band: str
    target_dusun: int | None  # index into the demo dusun
    target_at_risk: bool
    budget_line: str
    budget_amount: int
    funding: str
    first_days_ago: int  # the first session (negative: in the future)
    weekday: int  # the sessions' day of the week (Monday = 0)
    sessions: int
    every_days: int
    start: time
    hours: int
    places: tuple[str, ...]  # cycled; "{dusun}" is the target dusun (or each dusun in turn)
    lessons: tuple[str, ...]  # the sessions' materi in order (cycled)
    facilitator: str  # a demo username, or "" when only guests lead
    guest: str
    guest_every: int  # the guest comes to every n-th session (0: never)
    invitees: int
    turnout: float  # a typical invitee's chance of coming to a session
    recorder: str
    qr_share: float = 0.0  # of the invitees present with a NIK, who check themselves in
    learning: float = 1.0  # how much the course moves the test scores
    tests: bool = True
    delayed: bool = False
    pass_mark: int = 70
    outcomes: bool = False
    cancel: int | None = None  # the session (index) cancelled before it was held


K = Programme.Kind
F = Programme.Funding
L, P = codes.Sex.MALE, codes.Sex.FEMALE

PLANS = [
    Plan(
        "Penyuluhan UU TPPO bagi warga dan tokoh masyarakat {year}",
        K.LEGAL,
        Topic.TPPO_LAW,
        "Unit PPA Satreskrim Polres Lombok Barat",
        "Empat pertemuan tentang UU 21/2007: apa itu perdagangan orang, modus perekrutan di "
        "Lombok, hak korban dan cara melapor.",
        "Warga dewasa 40–59 tahun: kepala keluarga, tokoh agama dan tokoh adat",
        "",
        "40-59",
        None,
        False,
        "APBDes {year} Bidang Pembinaan Kemasyarakatan, Sub-bidang Ketenteraman, Ketertiban dan "
        "Perlindungan Masyarakat",
        6_000_000,
        F.DANA_DESA,
        330,
        6,
        4,
        14,
        time(20, 0),
        2,
        ("Aula Kantor Desa Babussalam", "Masjid Nurul Huda Babussalam (ruang serbaguna)"),
        (
            "Apa itu perdagangan orang: proses, cara dan tujuan",
            "Modus perekrutan di Lombok: sponsor, visa umrah, lowongan daring",
            "Hak korban, restitusi dan perlindungan saksi",
            "Cara melapor dan peran desa",
        ),
        KOORDINATOR,
        "Penyidik Unit PPA Satreskrim Polres Lombok Barat",
        2,
        70,
        0.62,
        PENDAMPING,
        delayed=True,
    ),
    Plan(
        "Pelatihan kader anti-TPPO dusun {year}",
        K.CAPACITY,
        Topic.FACILITATION,
        "UPTD PPA Kabupaten Lombok Barat",
        "Lima pertemuan untuk calon kader dari setiap dusun: mengenali tanda perekrutan, "
        "menerima cerita korban, merujuk, dan memandu penyuluhan.",
        "Calon kader dusun, 25–39 tahun, dua sampai enam orang per dusun",
        "",
        "25-39",
        None,
        False,
        "APBDes {year} Bidang Pemberdayaan Masyarakat, Sub-bidang Peningkatan Kapasitas",
        15_000_000,
        F.DANA_DESA,
        290,
        5,
        5,
        7,
        time(9, 0),
        4,
        ("Aula Kantor Desa Babussalam",),
        (
            "Perdagangan orang dan migrasi tidak aman di desa kita",
            "Mendengarkan dan menerima cerita korban",
            "Merujuk: layanan UPTD PPA, polisi, Puskesmas dan LBH",
            "Memandu penyuluhan warga",
            "Praktik, rencana kerja kader dan ujian akhir",
        ),
        KOORDINATOR,
        "Konselor UPTD PPA Kabupaten Lombok Barat",
        2,
        26,
        0.86,
        KOORDINATOR,
        pass_mark=75,
    ),
    Plan(
        "Pelatihan menjahit busana muslim angkatan I {year}",
        K.SKILLS,
        Topic.SEWING,
        "Dinas Tenaga Kerja Kabupaten Lombok Barat",
        "Dua belas pertemuan praktik di mesin jahit: mengukur, membuat pola, memotong, "
        "menjahit mukena dan baju koko, menghitung harga jual. Peserta membawa pulang satu "
        "mukena dan satu baju koko.",
        "Perempuan 25–39 tahun dari keluarga rentan (penghasilan rendah, penerima bansos, "
        "atau ada anggota keluarga yang merantau)",
        P,
        "25-39",
        None,
        True,
        "APBDes {year} Bidang Pemberdayaan Masyarakat, Sub-bidang Perdagangan dan "
        "Perindustrian: pelatihan menjahit",
        38_500_000,
        F.DANA_DESA,
        250,
        2,
        12,
        7,
        time(9, 0),
        3,
        ("Gedung PKK Desa Babussalam",),
        (
            "Mengenal mesin jahit dan alat menjahit",
            "Mengukur badan",
            "Membuat pola dasar",
            "Memotong kain",
            "Menjahit kampuh dan obras",
            "Menjahit mukena (1)",
            "Menjahit mukena (2)",
            "Menjahit baju koko (1)",
            "Menjahit baju koko (2)",
            "Memasang kancing dan finishing",
            "Menghitung harga pokok dan harga jual",
            "Pameran hasil dan ujian akhir",
        ),
        "",
        "Instruktur menjahit BLK Lombok Barat",
        1,
        34,
        0.8,
        KOORDINATOR,
        learning=1.1,
        outcomes=True,
    ),
    Plan(
        "Sosialisasi migrasi aman bagi calon pekerja migran {year}",
        K.LEGAL,
        Topic.SAFE_MIGRATION,
        "BP3MI Nusa Tenggara Barat",
        "Jalur resmi bekerja ke luar negeri: P3MI berizin, LTSA, biaya yang boleh dan tidak "
        "boleh dipungut, dokumen, dan cara mengecek tawaran kerja.",
        "Pemuda 18–24 tahun dari keluarga rentan, calon pekerja migran",
        "",
        "18-24",
        None,
        True,
        "DIPA BP3MI NTB {year}: sosialisasi penempatan PMI prosedural",
        12_500_000,
        F.APBN,
        200,
        3,
        4,
        7,
        time(14, 0),
        2,
        ("Aula Kantor Desa Babussalam", "Berugak Dusun {dusun}"),
        (
            "Bekerja ke luar negeri: jalur resmi dan jalur calo",
            "P3MI, job order dan LTSA: cara mengecek",
            "Biaya, dokumen, dan hak pekerja migran",
            "Simulasi: menimbang tawaran kerja",
        ),
        PENDAMPING,
        "Petugas BP3MI Nusa Tenggara Barat",
        2,
        80,
        0.68,
        PENDAMPING,
        qr_share=0.3,
        learning=0.9,
    ),
    Plan(
        "Pelatihan olahan pangan: abon ikan, kerupuk dan kue kering {year}",
        K.SKILLS,
        Topic.COOKING,
        "Serikat Buruh Migran Lombok Barat",
        "Delapan pertemuan dua mingguan: abon ikan tongkol, kerupuk, kue kering Lebaran, "
        "kemasan dan label, izin PIRT dan sertifikat halal, pemasaran.",
        "Perempuan 40–59 tahun, purna pekerja migran dan istri pekerja migran",
        P,
        "40-59",
        None,
        True,
        "APBDes {year} Bidang Pemberdayaan Masyarakat, Sub-bidang Koperasi dan UMKM: pelatihan "
        "olahan pangan",
        24_750_000,
        F.DANA_DESA,
        170,
        1,
        8,
        14,
        time(9, 0),
        3,
        ("Dapur Gedung PKK Desa Babussalam",),
        (
            "Kebersihan dan keamanan pangan",
            "Abon ikan tongkol",
            "Kerupuk ikan dan kerupuk kulit",
            "Kue kering",
            "Kemasan dan label",
            "Izin PIRT dan sertifikat halal",
            "Menghitung harga jual",
            "Pemasaran dan titip jual",
        ),
        "",
        "Ibu Hj. Rohani, pelaku UMKM olahan pangan Gerung",
        1,
        40,
        0.74,
        KOORDINATOR,
        outcomes=True,
        cancel=4,
    ),
    Plan(
        "Penyuluhan pencegahan perkawinan anak bagi remaja {year}",
        K.LEGAL,
        Topic.CHILD_MARRIAGE,
        "Yayasan Perlindungan Anak Lombok",
        "Empat pertemuan di sekolah bersama remaja: UU 16/2019, merariq dan perkawinan anak, "
        "kesehatan reproduksi, cita-cita dan sekolah.",
        "Remaja 13–17 tahun",
        "",
        "13-17",
        None,
        False,
        "Hibah Yayasan Perlindungan Anak Lombok: program Stop Perkawinan Anak",
        9_000_000,
        F.NGO,
        120,
        5,
        4,
        7,
        time(10, 0),
        2,
        ("SMPN 3 Gerung (kelas IX)", "Aula Kantor Desa Babussalam"),
        (
            "Umur menikah menurut UU 16/2019",
            "Merariq, dispensasi dan perkawinan anak",
            "Kesehatan reproduksi remaja",
            "Cita-citaku: tetap sekolah",
        ),
        PENDAMPING,
        "Konselor Yayasan Perlindungan Anak Lombok",
        2,
        75,
        0.8,
        PENDAMPING,
        qr_share=0.15,
        learning=1.2,
    ),
    Plan(
        "Literasi digital dan pemasaran daring bagi pemuda {year}",
        K.SKILLS,
        Topic.DIGITAL,
        "Pemerintah Desa {village}",
        "Enam pertemuan dengan ponsel peserta: keamanan akun, mengenali lowongan palsu, "
        "WhatsApp Business, foto produk, menjual di marketplace.",
        "Pemuda 18–24 tahun",
        "",
        "18-24",
        None,
        False,
        "CSR PT Amman Mineral: program literasi digital pemuda desa",
        18_000_000,
        F.CSR,
        95,
        5,
        6,
        7,
        time(15, 30),
        2,
        ("Aula Kantor Desa Babussalam",),
        (
            "Keamanan akun dan kata sandi",
            "Mengenali lowongan kerja palsu dan penipuan daring",
            "WhatsApp Business dan katalog",
            "Memotret produk dengan ponsel",
            "Berjualan di marketplace",
            "Praktik: toko daring kelompok",
        ),
        "",
        "Relawan TIK Lombok Barat",
        1,
        45,
        0.72,
        KOORDINATOR,
        qr_share=0.45,
        outcomes=True,
    ),
    Plan(
        "Penyuluhan pencegahan KDRT Dusun {dusun} {year}",
        K.LEGAL,
        Topic.DOMESTIC_VIOLENCE,
        "UPTD PPA Kabupaten Lombok Barat",
        "Tiga pertemuan bersama pasangan suami istri: bentuk-bentuk KDRT, layanan bagi "
        "korban, dan menyelesaikan masalah keluarga tanpa kekerasan.",
        "Warga 25–39 tahun Dusun {dusun}",
        "",
        "25-39",
        4,
        False,
        "APBD Kabupaten Lombok Barat {year}, DP2KBP3A: penyuluhan pencegahan KDRT",
        4_500_000,
        F.APBD,
        60,
        0,
        3,
        14,
        time(19, 30),
        2,
        ("Berugak Dusun {dusun}",),
        (
            "Bentuk-bentuk KDRT menurut UU 23/2004",
            "Layanan bagi korban: UPTD PPA, polisi, desa",
            "Menyelesaikan masalah keluarga tanpa kekerasan",
        ),
        PENDAMPING,
        "Psikolog UPTD PPA Kabupaten Lombok Barat",
        1,
        60,
        0.74,
        PENDAMPING,
        learning=0.2,  # evening talks to a tired audience: the post-test barely moved
    ),
    Plan(
        "Kelas pengasuhan bagi pengasuh anak pekerja migran {year}",
        K.PARENTING,
        Topic.PARENTING,
        "Serikat Buruh Migran Lombok Barat",
        "Enam pertemuan dua mingguan untuk nenek, bibi dan ayah yang mengasuh anak ketika ibu "
        "bekerja di luar negeri: komunikasi dengan orang tua, emosi anak, sekolah, dokumen.",
        "Perempuan 40–59 tahun dari keluarga pekerja migran di Dusun {dusun}",
        P,
        "40-59",
        0,
        True,
        "APBDes {year} Bidang Pemberdayaan Masyarakat, Sub-bidang Pemberdayaan Perempuan, "
        "Perlindungan Anak dan Keluarga",
        8_400_000,
        F.DANA_DESA,
        35,
        3,
        6,
        14,
        time(15, 0),
        2,
        ("Posyandu Dusun {dusun}",),
        (
            "Anak yang ditinggal merantau: apa yang mereka rasakan",
            "Menjaga hubungan anak dengan orang tua di luar negeri",
            "Emosi anak dan disiplin tanpa kekerasan",
            "Sekolah dan belajar di rumah",
            "Akta kelahiran, KIA dan dokumen anak",
            "Tanda kekerasan dan ke mana melapor",
        ),
        KADER,
        "",
        0,
        32,
        0.7,
        KADER,
    ),
    Plan(
        "Pelatihan menjahit busana muslim angkatan II {year}",
        K.SKILLS,
        Topic.SEWING,
        "Dinas Tenaga Kerja Kabupaten Lombok Barat",
        "Angkatan kedua, dengan materi yang sama; diutamakan perempuan yang belum pernah ikut "
        "program apa pun.",
        "Perempuan 18–24 tahun dari keluarga rentan",
        P,
        "18-24",
        None,
        True,
        "APBDes {year} Bidang Pemberdayaan Masyarakat, Sub-bidang Perdagangan dan "
        "Perindustrian: pelatihan menjahit",
        41_000_000,
        F.DANA_DESA,
        -12,
        2,
        12,
        7,
        time(9, 0),
        3,
        ("Gedung PKK Desa Babussalam",),
        ("Mengenal mesin jahit dan alat menjahit", "Mengukur badan", "Membuat pola dasar"),
        "",
        "Instruktur menjahit BLK Lombok Barat",
        1,
        30,
        0.8,
        KOORDINATOR,
    ),
]

OUTCOME_NOTES = {
    Outcome.Kind.BUSINESS: [
        "Menerima pesanan dari tetangga",
        "Menitipkan produk di warung dan pasar Gerung",
        "Berjualan lewat WhatsApp",
    ],
    Outcome.Kind.EMPLOYED: [
        "Bekerja di konveksi di Mataram",
        "Bekerja harian di usaha katering",
        "Bekerja di toko di Gerung",
    ],
    Outcome.Kind.COOPERATIVE: ["Menjadi anggota koperasi desa"],
    Outcome.Kind.STUDYING: ["Ikut pelatihan lanjutan di BLK", "Melanjutkan kejar paket C"],
    Outcome.Kind.NONE_YET: ["Belum punya modal alat", "Sedang mengurus keluarga"],
}


def build_programmes(ctx: DemoContext) -> None:
    if ctx.village is None or Programme.objects.exists():
        return
    users = {
        u.username: u for u in User.objects.filter(username__in=[KOORDINATOR, PENDAMPING, KADER])
    }
    if len(users) < 3:
        return
    rng = random.Random(f"{ctx.seed}:programmes")  # noqa: S311 (demo data, not secrets)
    today = timezone.localdate()
    koordinator = users[KOORDINATOR]
    for trainer in TRAININGS:
        services.staff_training_add(
            actor=koordinator,
            user=users[trainer.username],
            title=trainer.title,
            organiser=trainer.organiser,
            completed_on=today - timedelta(days=trainer.days_ago),
            hours=trainer.hours,
            qualifies_for=trainer.topic,
        )
    bank = _question_bank(rng, koordinator)
    organisations = {o.name: o for o in Organisation.objects.all()}
    built = [
        _build(ctx, rng, plan, users, organisations, bank, today) for plan in PLANS if organisations
    ]
    programmes = [p for p in built if p is not None]
    ctx.notes.append(
        f"Demo programmes: {len(programmes)} programmes, "
        f"{Session.objects.filter(programme__in=programmes).count()} sessions, "
        f"{Attendance.objects.filter(programme__in=programmes).count()} attendances; "
        f"'{KOORDINATOR}' plans them, '{KADER}' and '{PENDAMPING}' take attendance."
    )


def _question_bank(rng: random.Random, actor) -> dict[str, list[Question]]:
    bank: dict[str, list[Question]] = {}
    for topic, items in QUESTIONS.items():
        bank[topic] = []
        for kind, text, options, correct in items:
            if kind == MC:
                order = list(range(len(options)))
                rng.shuffle(order)
                options, correct = [options[i] for i in order], order.index(correct)
            bank[topic].append(
                services.question_create(
                    actor=actor, topic=topic, kind=kind, text=text, options=options, correct=correct
                )
            )
    return bank


def _build(ctx, rng, plan: Plan, users, organisations, bank, today: date) -> Programme | None:
    koordinator = users[KOORDINATOR]
    dusun = ctx.dusun[plan.target_dusun] if plan.target_dusun is not None else None
    first = today - timedelta(days=plan.first_days_ago)
    first -= timedelta(days=(first.weekday() - plan.weekday) % 7)
    days = [first + timedelta(days=n * plan.every_days) for n in range(plan.sessions)]
    names = {"year": first.year, "dusun": dusun.name if dusun else "", "village": ctx.village.name}
    organiser = organisations.get(plan.organiser.format(**names)) or next(
        iter(sorted(organisations.values(), key=lambda o: o.name))
    )
    programme = services.programme_create(
        actor=koordinator,
        village=ctx.village,
        title=plan.title.format(**names),
        kind=plan.kind,
        topic=plan.topic,
        organiser=organiser,
        description=plan.description,
        target_group=plan.target_group.format(**names),
        target_sex=plan.target_sex,
        target_age_band=plan.target_age_band,
        target_dusun=dusun,
        target_at_risk=plan.target_at_risk,
        budget_line=plan.budget_line.format(**names),
        budget_amount=plan.budget_amount,
        funding_source=plan.funding,
        starts_on=first,
        ends_on=days[-1],
        pass_mark=plan.pass_mark,
        coordinator=koordinator,
    )
    sessions = _sessions(ctx, plan, programme, days, users, dusun)
    group = replace(selectors.target_filters_of(programme), whereabouts=codes.Whereabouts.VILLAGE)
    eligible = sorted(
        selectors.targets(user=koordinator, filters=group, today=today).values_list("pk", flat=True)
    )
    invited = sorted(rng.sample(eligible, min(plan.invitees, len(eligible))))
    services.invite(actor=koordinator, programme=programme, resident_ids=invited)
    held = [s for s in sessions if s.date <= today and not s.cancelled]
    if not held:
        return programme
    walk_in_pool = [pk for pk in eligible if pk not in set(invited)]
    present = _attendance(rng, plan, held, invited, walk_in_pool, users[plan.recorder], today)
    if plan.tests:
        _tests(rng, plan, programme, sessions, held, present, bank[plan.topic], koordinator, today)
    if plan.outcomes and held[-1] == sessions[-1] and (today - held[-1].date).days >= 30:
        _outcomes(rng, programme, koordinator, today)
    return programme


def _sessions(ctx, plan: Plan, programme, days, users, dusun) -> list[Session]:
    sessions = []
    end = (datetime.combine(days[0], plan.start) + timedelta(hours=plan.hours)).time()
    for n, day in enumerate(days):
        place = plan.places[n % len(plan.places)]
        place_dusun = dusun or ctx.dusun[(n + len(plan.title)) % len(ctx.dusun)]
        guest = plan.guest if plan.guest_every and n % plan.guest_every == 0 else ""
        facilitator = users.get(plan.facilitator) if plan.facilitator else None
        session = services.session_create(
            actor=users[KOORDINATOR],
            programme=programme,
            day=day,
            start_time=plan.start,
            end_time=end,
            place=place.format(dusun=place_dusun.name),
            topic=plan.lessons[n % len(plan.lessons)],
            facilitator=facilitator,
            guest_facilitator=guest or ("" if facilitator else plan.guest),
            capacity=max(30, plan.invitees // 10 * 10 + 10),
        )
        if n == plan.cancel:
            session = services.session_cancel(actor=users[KOORDINATOR], session=session)
        sessions.append(session)
    return sessions


def _attendance(rng, plan: Plan, held, invited, walk_in_pool, recorder, today) -> dict:
    """Who came to each held session: {session pk: set of resident pks}. Invitees have their own
    habits (some never come, some drop out); a session now and then is half empty (rain,
    harvest, a wedding in the dusun); a few people walk in and some of them come back."""
    habits = {}
    # About one invitee in eight never comes: a fixed share, so every programme has some.
    never = (
        set(rng.sample(sorted(invited), max(1, round(0.12 * len(invited))))) if invited else set()
    )
    for pk in invited:
        if pk in never:
            continue
        chance = min(0.98, max(0.25, rng.gauss(plan.turnout + 0.1, 0.15)))
        stops = rng.randint(1, len(held) - 1) if len(held) > 2 and rng.random() < 0.15 else None
        habits[pk] = (chance, stops)
    residents = Resident.objects.in_bulk(invited)
    walk_ins: list[int] = []
    present: dict[int, set[int]] = {}
    zone = timezone.get_current_timezone()
    for n, session in enumerate(held):
        # Now and then a session is half empty; not the first and last (the tests are announced).
        dip = 0 < n < len(held) - 1 and rng.random() < 0.15
        mood = 0.6 if dip else rng.uniform(0.9, 1.08)
        came = [
            pk
            for pk, (chance, stops) in habits.items()
            if (stops is None or n < stops) and rng.random() < chance * mood
        ]
        returning = [pk for pk in walk_ins if rng.random() < 0.45]
        # Word spreads in the first weeks; later a newcomer is rare.
        wanted = rng.choices([0, 1, 2, 3], [4, 3, 2, 1] if n < 3 else [8, 2, 0, 0])[0]
        fresh = rng.sample(walk_in_pool, min(wanted, len(walk_in_pool)))
        fresh = [pk for pk in fresh if pk not in walk_ins]
        walk_ins.extend(fresh)
        extra = Resident.objects.in_bulk([pk for pk in returning + fresh if pk not in residents])
        residents.update(extra)
        present[session.pk] = set()
        for pk in came:
            person = residents[pk]
            if plan.qr_share and person.nik and rng.random() < plan.qr_share:
                arrived = datetime.combine(session.date, session.start_time, tzinfo=zone)
                services.self_checkin(
                    session=session,
                    nik=person.nik,
                    birth_date=person.birth_date,
                    now=arrived - timedelta(minutes=rng.randint(0, 20)),
                )
            else:
                services.attendance_mark(
                    actor=recorder, session=session, resident=person, today=today
                )
            present[session.pk].add(pk)
        for pk in returning + fresh:
            services.attendance_mark(
                actor=recorder,
                session=session,
                resident=residents[pk],
                method=Attendance.Method.WALK_IN,
                today=today,
            )
            present[session.pk].add(pk)
    return present


def _tests(rng, plan, programme, sessions, held, present, questions, actor, today) -> None:
    """A pre-test at the first session; a post-test at the last, once it has been held; a
    delayed test three months later for ``plan.delayed``. Each person has an ability, each item
    a difficulty and a gain (a few items are taught confusingly and get worse); the course's
    ``learning`` scales every gain."""
    items = [q.pk for q in questions]
    ease = {pk: rng.uniform(0.35, 0.7) for pk in items}
    gain = {pk: rng.uniform(0.1, 0.45) for pk in items}
    for pk in rng.sample(items, 1 if rng.random() < 0.6 else 0):
        gain[pk] = -rng.uniform(0.05, 0.2)  # a confusing item: more wrong after the course
    ability: dict[int, float] = {}
    # One draw per person and item, shared by the tests: a person who guessed right before
    # still knows it after unless the course confused them, so a class's gain reflects the
    # course rather than the luck of two independent draws.
    luck: dict[tuple[int, int], float] = {}
    kinds = [(KnowledgeTest.Kind.PRE, held[0], 0.0)]
    if held[-1] == sessions[-1]:
        kinds.append((KnowledgeTest.Kind.POST, held[-1], 1.0))
        later = held[-1].date + timedelta(days=91)
        if plan.delayed and later <= today:
            kinds.append((KnowledgeTest.Kind.DELAYED, held[-1], 0.6))
    attended: dict[int, int] = {}
    for people in present.values():
        for pk in people:
            attended[pk] = attended.get(pk, 0) + 1
    post_takers: list[int] = []
    for kind, session, learnt in kinds:
        given_on = session.date
        if kind == KnowledgeTest.Kind.DELAYED:
            given_on = session.date + timedelta(days=91)
            takers = sorted(rng.sample(post_takers, int(len(post_takers) * 0.6)))
        else:
            takers = sorted(pk for pk in present[session.pk] if rng.random() < 0.95)
        test = services.test_create(
            actor=actor, programme=programme, kind=kind, given_on=given_on, questions=questions
        )
        if kind == KnowledgeTest.Kind.POST:
            post_takers = takers
        residents = Resident.objects.in_bulk(takers)
        for pk in takers:
            skill = ability.setdefault(pk, rng.gauss(0, 0.12))
            share = attended.get(pk, 0) / len(held)
            chosen = {}
            for question in questions:
                chance = ease[question.pk] + skill
                if learnt:
                    chance += learnt * plan.learning * gain[question.pk] * (0.5 + share / 2)
                if rng.random() < 0.03:
                    chosen[question.pk] = None  # left blank
                elif luck.setdefault((pk, question.pk), rng.random()) < min(
                    0.97, max(0.05, chance)
                ):
                    chosen[question.pk] = question.correct
                else:
                    wrong = [i for i in range(len(question.options)) if i != question.correct]
                    chosen[question.pk] = rng.choice(wrong)
            if all(value is None for value in chosen.values()):
                chosen[questions[0].pk] = questions[0].correct
            services.answers_record(actor=actor, test=test, resident=residents[pk], chosen=chosen)


def _outcomes(rng, programme, actor, today) -> None:
    """Follow-up of most completers one to three months after the course."""
    last = programme.sessions.filter(cancelled=False).order_by("-date").first().date
    kinds = list(OUTCOME_NOTES)
    weights = [30, 15, 12, 8, 35]
    for resident in selectors.completers(programme, today):
        if rng.random() < 0.25:
            continue  # not reached at follow-up
        kind = rng.choices(kinds, weights)[0]
        on = min(today, last + timedelta(days=rng.randint(30, 90)))
        services.outcome_record(
            actor=actor,
            programme=programme,
            resident=resident,
            kind=kind,
            recorded_on=on,
            note=rng.choice(OUTCOME_NOTES[kind]),
        )
