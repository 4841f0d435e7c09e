"""The coded lists of Indonesian village population systems, in one place.

Codes follow Dukcapil as used by OpenSID (the common open-source village system), so that files
exported from OpenSID import without translation and our exports read back into it. Labels are
the official Indonesian terms; they are data, not interface text, and stay in Indonesian.
"""

from django.db import models


class Sex(models.TextChoices):
    MALE = "L", "Laki-laki"
    FEMALE = "P", "Perempuan"


class Religion(models.IntegerChoices):
    ISLAM = 1, "Islam"
    KRISTEN = 2, "Kristen"
    KATOLIK = 3, "Katolik"
    HINDU = 4, "Hindu"
    BUDHA = 5, "Budha"
    KHONGHUCU = 6, "Khonghucu"
    LAINNYA = 7, "Kepercayaan Terhadap Tuhan YME / Lainnya"


class Education(models.IntegerChoices):
    """Education as written on the Kartu Keluarga (pendidikan dalam KK)."""

    NONE = 1, "Tidak/Belum Sekolah"
    SD_NOT_DONE = 2, "Belum Tamat SD/Sederajat"
    SD = 3, "Tamat SD/Sederajat"
    SLTP = 4, "SLTP/Sederajat"
    SLTA = 5, "SLTA/Sederajat"
    D1_D2 = 6, "Diploma I/II"
    D3 = 7, "Akademi/Diploma III/S. Muda"
    D4_S1 = 8, "Diploma IV/Strata I"
    S2 = 9, "Strata II"
    S3 = 10, "Strata III"


OCCUPATIONS = [
    "Belum/Tidak Bekerja", "Mengurus Rumah Tangga", "Pelajar/Mahasiswa", "Pensiunan",
    "Pegawai Negeri Sipil (PNS)", "Tentara Nasional Indonesia (TNI)", "Kepolisian RI (POLRI)",
    "Perdagangan", "Petani/Pekebun", "Peternak", "Nelayan/Perikanan", "Industri", "Konstruksi",
    "Transportasi", "Karyawan Swasta", "Karyawan BUMN", "Karyawan BUMD", "Karyawan Honorer",
    "Buruh Harian Lepas", "Buruh Tani/Perkebunan", "Buruh Nelayan/Perikanan", "Buruh Peternakan",
    "Pembantu Rumah Tangga", "Tukang Cukur", "Tukang Listrik", "Tukang Batu", "Tukang Kayu",
    "Tukang Sol Sepatu", "Tukang Las/Pandai Besi", "Tukang Jahit", "Tukang Gigi", "Penata Rias",
    "Penata Busana", "Penata Rambut", "Mekanik", "Seniman", "Tabib", "Paraji", "Perancang Busana",
    "Penterjemah", "Imam Masjid", "Pendeta", "Pastor", "Wartawan", "Ustadz/Mubaligh",
    "Juru Masak", "Promotor Acara", "Anggota DPR-RI", "Anggota DPD", "Anggota BPK", "Presiden",
    "Wakil Presiden", "Anggota Mahkamah Konstitusi", "Anggota Kabinet Kementerian", "Duta Besar",
    "Gubernur", "Wakil Gubernur", "Bupati", "Wakil Bupati", "Walikota", "Wakil Walikota",
    "Anggota DPRD Provinsi", "Anggota DPRD Kabupaten/Kota", "Dosen", "Guru", "Pilot",
    "Pengacara", "Notaris", "Arsitek", "Akuntan", "Konsultan", "Dokter", "Bidan", "Perawat",
    "Apoteker", "Psikiater/Psikolog", "Penyiar Televisi", "Penyiar Radio", "Pelaut", "Peneliti",
    "Sopir", "Pialang", "Paranormal", "Pedagang", "Perangkat Desa", "Kepala Desa", "Biarawati",
    "Wiraswasta", "Lainnya",
]  # fmt: skip
OCCUPATION_CHOICES = [(i, label) for i, label in enumerate(OCCUPATIONS, start=1)]
assert len(OCCUPATIONS) == 89  # noqa: S101 (the Dukcapil list has exactly 89)


class MaritalStatus(models.IntegerChoices):
    SINGLE = 1, "Belum Kawin"
    MARRIED = 2, "Kawin"
    DIVORCED = 3, "Cerai Hidup"
    WIDOWED = 4, "Cerai Mati"


class FamilyRelationship(models.IntegerChoices):
    """Relationship to the head of the family, as on the Kartu Keluarga."""

    HEAD = 1, "Kepala Keluarga"
    SPOUSE = 2, "Suami"
    WIFE = 3, "Istri"
    CHILD = 4, "Anak"
    CHILD_IN_LAW = 5, "Menantu"
    GRANDCHILD = 6, "Cucu"
    PARENT = 7, "Orang Tua"
    PARENT_IN_LAW = 8, "Mertua"
    OTHER_FAMILY = 9, "Famili Lain"
    HELPER = 10, "Pembantu"
    OTHER = 11, "Lainnya"


class Citizenship(models.IntegerChoices):
    WNI = 1, "WNI"
    WNA = 2, "WNA"
    DUAL = 3, "Dua Kewarganegaraan"


class Disability(models.IntegerChoices):
    NONE = 0, "Tidak ada"
    PHYSICAL = 1, "Cacat Fisik"
    BLIND = 2, "Cacat Netra/Buta"
    DEAF_MUTE = 3, "Cacat Rungu/Wicara"
    MENTAL = 4, "Cacat Mental/Jiwa"
    PHYSICAL_MENTAL = 5, "Cacat Fisik dan Mental"
    OTHER = 6, "Cacat Lainnya"


class BasicStatus(models.IntegerChoices):
    """Status dasar in OpenSID: whether the person is still counted in the village."""

    ALIVE = 1, "Hidup"
    DEAD = 2, "Mati"
    MOVED = 3, "Pindah"
    MISSING = 4, "Hilang"
    GONE = 6, "Pergi"
    INVALID = 9, "Tidak Valid"


class Whereabouts(models.TextChoices):
    """Where the person is now (SIGAP's own: migration is what the programme watches)."""

    VILLAGE = "desa", "Di desa"
    INDONESIA = "indonesia", "Di tempat lain di Indonesia"
    ABROAD = "luar_negeri", "Di luar negeri"


class NoNikReason(models.TextChoices):
    """Why a resident has no NIK: itself a risk factor for trafficking."""

    NOT_REGISTERED = "belum_terdaftar", "Belum terdaftar di Dukcapil"
    LOST = "hilang", "Dokumen hilang"
    UNDOCUMENTED = "tidak_berdokumen", "Tidak berdokumen"


class IncomeBand(models.IntegerChoices):
    """Household income per month."""

    BELOW_1M = 1, "< Rp 1 juta"
    FROM_1M = 2, "Rp 1–2 juta"
    FROM_2M = 3, "Rp 2–3 juta"
    FROM_3M = 4, "Rp 3–5 juta"
    ABOVE_5M = 5, "≥ Rp 5 juta"


class Livelihood(models.IntegerChoices):
    FARMING = 1, "Pertanian"
    PLANTATION_LABOUR = 2, "Buruh tani/perkebunan"
    FISHING = 3, "Perikanan"
    LIVESTOCK = 4, "Peternakan"
    TRADE = 5, "Perdagangan"
    CRAFT = 6, "Kerajinan/industri rumah tangga"
    CONSTRUCTION = 7, "Bangunan"
    TRANSPORT = 8, "Transportasi"
    SERVICES = 9, "Jasa"
    SALARIED = 10, "Pegawai/karyawan"
    REMITTANCES = 11, "Kiriman dari anggota yang bekerja di luar"
    OTHER = 12, "Lainnya"


class HouseCondition(models.IntegerChoices):
    PERMANENT = 1, "Permanen"
    SEMI_PERMANENT = 2, "Semi permanen"
    NON_PERMANENT = 3, "Tidak permanen/darurat"


class LifeEventKind(models.TextChoices):
    BIRTH = "lahir", "Kelahiran"
    DEATH = "mati", "Kematian"
    MOVE_IN = "datang", "Pindah datang"
    MOVE_OUT = "pindah", "Pindah keluar"
    MARRIAGE = "kawin", "Perkawinan"
    HOUSEHOLD_CHANGE = "ganti_kk", "Pindah KK"
    DEPARTURE_ABROAD = "ke_luar_negeri", "Berangkat ke luar negeri"
    RETURN = "kembali", "Kembali ke desa"
