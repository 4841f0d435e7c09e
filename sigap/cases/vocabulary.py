"""The coded lists of case work in one place, in the Human Trafficking Case Data Standard's
(HTCDS) terms where it has them: status, recruitment, the 17 means of control, exploitation,
labour sector, relationship to the trafficker and trafficking events. Each choice's value is
SIGAP's own (Indonesian) code; the exports map them to the standard's names.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    """Every yes/no question also allows "not known" and "declined"; neither counts as no."""

    YES = "ya", _("Ya")
    NO = "tidak", _("Tidak")
    UNKNOWN = "tidak_tahu", _("Tidak diketahui")
    DECLINED = "menolak", _("Menolak menjawab")


class CaseType(models.TextChoices):
    VICTIM = "korban", _("Korban TPPO")
    AT_RISK = "berisiko", _("Orang berisiko")
    RETURNEE = "purna", _("Pekerja migran yang kembali")
    FAMILY = "keluarga_korban", _("Keluarga korban")


class IntakeSource(models.TextChoices):
    SCREENING = "skrining", _("Skrining")
    REPORT = "laporan", _("Laporan warga")
    REFERRAL_IN = "rujukan_masuk", _("Rujukan dari lembaga lain")
    OUTREACH = "penjangkauan", _("Penjangkauan")
    WALK_IN = "datang_sendiri", _("Datang sendiri")


class RiskLevel(models.TextChoices):
    LOW = "rendah", _("Rendah")
    MEDIUM = "sedang", _("Sedang")
    HIGH = "tinggi", _("Tinggi")
    URGENT = "darurat", _("Darurat")


class TraffickingStatus(models.TextChoices):
    """HTCDS ``traffickingStatus``."""

    POSSIBLE = "mungkin", _("Kemungkinan korban")
    ACTUAL = "korban", _("Korban (terkonfirmasi)")
    NOT_VICTIM = "bukan", _("Bukan korban")


class RecruitmentMethod(models.TextChoices):
    JOB_OFFER = "tawaran_kerja", _("Tawaran kerja")
    MARRIAGE = "janji_nikah", _("Janji pernikahan / hubungan asmara")
    EDUCATION = "tawaran_sekolah", _("Tawaran sekolah atau pelatihan")
    TRAVEL = "tawaran_perjalanan", _("Tawaran perjalanan (umrah, wisata)")
    FAMILY_SOLD = "dijual_keluarga", _("Diserahkan atau dijual keluarga")
    ABDUCTION = "penculikan", _("Penculikan")
    DEBT = "utang", _("Pinjaman atau utang")
    OTHER = "lainnya", _("Lainnya")


class RecruitmentChannel(models.TextChoices):
    IN_PERSON = "langsung", _("Bertemu langsung")
    SPONSOR = "calo", _("Sponsor / calo perorangan")
    AGENCY = "p3mi", _("Perusahaan penempatan (P3MI)")
    FAMILY_FRIEND = "keluarga_teman", _("Keluarga atau teman")
    FACEBOOK = "facebook", "Facebook"
    WHATSAPP = "whatsapp", "WhatsApp"
    TIKTOK = "tiktok", "TikTok"
    TELEGRAM = "telegram", "Telegram"
    INSTAGRAM = "instagram", "Instagram"
    OTHER_ONLINE = "daring_lain", _("Media daring lain")


class MeansOfControl(models.TextChoices):
    """The 17 means of control of HTCDS/CTDC (``meansOfControl…``)."""

    DEBT_BONDAGE = "jeratan_utang", _("Jeratan utang")
    TAKES_EARNINGS = "mengambil_upah", _("Upah diambil")
    RESTRICTS_FINANCIAL_ACCESS = "batasi_keuangan", _("Akses keuangan dibatasi")
    THREATS = "ancaman", _("Ancaman")
    PSYCHOLOGICAL_ABUSE = "kekerasan_psikis", _("Kekerasan psikis")
    PHYSICAL_ABUSE = "kekerasan_fisik", _("Kekerasan fisik")
    SEXUAL_ABUSE = "kekerasan_seksual", _("Kekerasan seksual")
    FALSE_PROMISES = "janji_palsu", _("Janji palsu")
    PSYCHOACTIVE_SUBSTANCES = "zat_psikoaktif", _("Dipaksa memakai zat psikoaktif")
    RESTRICTS_MOVEMENT = "batasi_gerak", _("Gerak dibatasi")
    RESTRICTS_MEDICAL_CARE = "batasi_kesehatan", _("Perawatan kesehatan dibatasi")
    EXCESSIVE_WORKING_HOURS = "jam_kerja_berlebih", _("Jam kerja berlebihan")
    USES_CHILDREN = "ancam_anak", _("Memanfaatkan atau mengancam anak")
    THREAT_OF_LAW_ENFORCEMENT = "ancam_aparat", _("Ancaman dilaporkan ke aparat")
    WITHHOLDS_NECESSITIES = "tahan_kebutuhan", _("Kebutuhan pokok ditahan")
    WITHHOLDS_DOCUMENTS = "tahan_dokumen", _("Dokumen (paspor, KTP) ditahan")
    OTHER = "lainnya", _("Cara lain")


class Exploitation(models.TextChoices):
    FORCED_LABOUR = "kerja_paksa", _("Kerja paksa")
    SEXUAL = "seksual", _("Eksploitasi seksual")
    FORCED_CRIMINALITY = "kejahatan_paksa", _("Dipaksa berbuat kejahatan (penipuan daring)")
    FORCED_MARRIAGE = "kawin_paksa", _("Perkawinan paksa")
    SLAVERY = "perbudakan", _("Perbudakan atau praktik serupa")
    ORGAN_REMOVAL = "organ", _("Pengambilan organ")
    OTHER = "lainnya", _("Lainnya")


class LabourSector(models.TextChoices):
    AGRICULTURE = "perkebunan", _("Pertanian / perkebunan")
    FISHING = "perikanan", _("Perikanan / awak kapal")
    CONSTRUCTION = "konstruksi", _("Konstruksi")
    DOMESTIC_WORK = "rumah_tangga", _("Pekerja rumah tangga")
    CARE = "perawatan", _("Perawat lansia / anak")
    HOSPITALITY = "perhotelan", _("Perhotelan / rumah makan")
    MANUFACTURING = "pabrik", _("Pabrik")
    ONLINE_SCAM = "penipuan_daring", _("Penipuan daring (scam)")
    BEGGING = "mengemis", _("Mengemis")
    OTHER = "lainnya", _("Lainnya")


class TraffickerRelation(models.TextChoices):
    PARTNER = "pasangan", _("Pasangan / pacar")
    FAMILY = "keluarga", _("Anggota keluarga")
    FRIEND = "teman", _("Teman / tetangga")
    EMPLOYER = "majikan", _("Majikan")
    RECRUITER = "perekrut", _("Perekrut / calo")
    STRANGER = "orang_asing", _("Orang tidak dikenal")
    OTHER = "lainnya", _("Lainnya")


class EventKind(models.TextChoices):
    RECRUITMENT = "perekrutan", _("Perekrutan")
    TRANSIT = "transit", _("Transit")
    EXPLOITATION = "eksploitasi", _("Eksploitasi")
