"""Programmes (courses of skills training and legal outreach), their sessions, who was invited and
who came, the knowledge tests and their answers, the outcomes after a skills course, and the
trainings that qualify the village's facilitators and kader.

``__str__`` never carries a person's name (audit entries and page titles keep it). Money is whole
rupiah in ``BigIntegerField``.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.core.models import Dusun, TimeStampedModel, Village
from sigap.partners.models import Organisation
from sigap.registry.models import Resident

USER = settings.AUTH_USER_MODEL


class Topic(models.TextChoices):
    """What a programme teaches; a question bank and a facilitator's qualification are per topic."""

    SEWING = "menjahit", _("Menjahit dan busana")
    COOKING = "olahan_pangan", _("Olahan pangan dan memasak")
    FARMING = "pertanian", _("Pertanian dan peternakan")
    DIGITAL = "digital", _("Keterampilan digital")
    LANGUAGE = "bahasa", _("Bahasa asing")
    TPPO_LAW = "uu_tppo", _("UU TPPO dan hak korban")
    SAFE_MIGRATION = "migrasi_aman", _("Migrasi aman")
    CHILD_MARRIAGE = "perkawinan_anak", _("Pencegahan perkawinan anak")
    DOMESTIC_VIOLENCE = "kdrt", _("Pencegahan KDRT")
    PARENTING = "pengasuhan", _("Pengasuhan anak pekerja migran")
    FACILITATION = "fasilitasi", _("Pelatihan fasilitator dan kader")


class Programme(TimeStampedModel):
    """One course of a programme: a run of sessions for one target group, e.g. "Pelatihan
    menjahit angkatan 1 2026". The catalogue is the list of these, by kind and topic."""

    class Kind(models.TextChoices):
        SKILLS = "keterampilan", _("Pelatihan keterampilan")
        LEGAL = "penyuluhan_hukum", _("Penyuluhan hukum")
        PARENTING = "pengasuhan", _("Pengasuhan")
        CAPACITY = "peningkatan_kapasitas", _("Pelatihan fasilitator dan kader")

    class Funding(models.TextChoices):
        DANA_DESA = "dana_desa", _("Dana Desa")
        APBD = "apbd", _("APBD kabupaten/provinsi")
        APBN = "apbn", _("APBN (kementerian)")
        NGO = "lsm", _("LSM / donor")
        CSR = "csr", _("CSR perusahaan")
        BAZNAS = "baznas", _("BAZNAS / zakat")
        SELF = "swadaya", _("Swadaya masyarakat")
        OTHER = "lainnya", _("Lainnya")

    village = models.ForeignKey(Village, verbose_name=_("desa"), on_delete=models.PROTECT)
    title = models.CharField(_("nama program"), max_length=150)
    kind = models.CharField(_("jenis program"), max_length=24, choices=Kind.choices)
    topic = models.CharField(_("topik"), max_length=20, choices=Topic.choices)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("penyelenggara"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    description = models.TextField(_("uraian"), blank=True)
    target_group = models.CharField(
        _("kelompok sasaran"),
        max_length=200,
        help_text=_("Misalnya: perempuan 18–35 tahun dari keluarga pekerja migran."),
    )
    # The target group as registry filters: who "should" come, for reach and never-reached.
    target_sex = models.CharField(_("jenis kelamin sasaran"), max_length=1, blank=True)
    target_age_band = models.CharField(_("umur sasaran"), max_length=8, blank=True)
    target_dusun = models.ForeignKey(
        Dusun,
        verbose_name=_("dusun sasaran"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target_at_risk = models.BooleanField(
        _("hanya keluarga rentan"),
        default=False,
        help_text=_(
            "Penghasilan terendah, penerima bantuan sosial, atau ada anggota keluarga yang "
            "merantau."
        ),
    )
    budget_line = models.CharField(
        _("mata anggaran"),
        max_length=150,
        blank=True,
        help_text=_("Misalnya: APBDes 2026 Bidang Pemberdayaan Masyarakat, kegiatan pelatihan."),
    )
    budget_amount = models.BigIntegerField(_("anggaran (Rp)"), default=0)
    funding_source = models.CharField(_("sumber dana"), max_length=12, choices=Funding.choices)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"), null=True, blank=True)
    pass_mark = models.PositiveSmallIntegerField(_("nilai lulus tes"), default=70)
    coordinator = models.ForeignKey(
        USER, verbose_name=_("penanggung jawab"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["village", "starts_on"], name="programme_village_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(budget_amount__gte=0), name="programme_budget_gte0"),
            models.CheckConstraint(
                condition=Q(pass_mark__gte=1, pass_mark__lte=100), name="programme_pass_mark"
            ),
        ]

    def __str__(self) -> str:
        return self.title


def new_checkin_token() -> str:
    return secrets.token_urlsafe(12)


class Session(TimeStampedModel):
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="sessions",
        db_index=False,  # the first column of a declared index
    )
    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("jam mulai"))
    end_time = models.TimeField(_("jam selesai"))
    place = models.CharField(_("tempat"), max_length=150)
    topic = models.CharField(_("materi"), max_length=200)
    facilitator = models.ForeignKey(
        USER,
        verbose_name=_("fasilitator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    guest_facilitator = models.CharField(
        _("fasilitator dari luar"),
        max_length=150,
        blank=True,
        help_text=_("Narasumber yang tidak memakai SIGAP, misalnya dari Disnaker atau LBH."),
    )
    capacity = models.PositiveSmallIntegerField(_("kapasitas"), default=30)
    checkin_token = models.CharField(max_length=32, unique=True, default=new_checkin_token)
    cancelled = models.BooleanField(_("dibatalkan"), default=False)

    class Meta:
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        ordering = ["date", "start_time"]
        indexes = [
            models.Index(fields=["programme", "date"], name="session_programme_idx"),
            models.Index(fields=["date", "start_time"], name="session_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_gte1"),
        ]

    def __str__(self) -> str:
        return f"Sesi #{self.pk}"


class Invitation(models.Model):
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="invitations",
        db_index=False,  # the first column of a declared index
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("penduduk"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the first column of a declared index
    )
    invited_by = models.ForeignKey(
        USER, verbose_name=_("diundang oleh"), on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(_("diundang"), auto_now_add=True)

    class Meta:
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")
        constraints = [
            models.UniqueConstraint(fields=["programme", "resident"], name="invitation_once"),
        ]
        indexes = [models.Index(fields=["resident"], name="invitation_resident_idx")]

    def __str__(self) -> str:
        return f"Undangan #{self.pk}"


class Attendance(models.Model):
    """One person at one session: ticked from the invitation list, added as a walk-in, or checked
    in by themselves with the session's QR code. ``programme`` copies the session's (a session
    never changes programme) so that the analytics count a programme's people from one index."""

    class Method(models.TextChoices):
        LIST = "daftar", _("Dicentang dari daftar undangan")
        WALK_IN = "datang_langsung", _("Datang tanpa undangan")
        QR = "qr", _("Hadir mandiri dengan kode QR")

    session = models.ForeignKey(
        Session,
        verbose_name=_("sesi"),
        on_delete=models.PROTECT,
        related_name="attendances",
        db_index=False,  # the first column of a declared index
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the first column of a declared index
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("penduduk"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the first column of a declared index
    )
    method = models.CharField(_("cara"), max_length=16, choices=Method.choices)
    recorded_by = models.ForeignKey(
        USER,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["session", "resident"], name="attendance_once"),
        ]
        indexes = [
            models.Index(fields=["programme", "resident"], name="attendance_programme_idx"),
            models.Index(fields=["resident"], name="attendance_resident_idx"),
        ]

    def __str__(self) -> str:
        return f"Kehadiran #{self.pk}"


class Question(TimeStampedModel):
    """An item of the question bank: multiple choice (2–5 options) or true/false."""

    class Kind(models.TextChoices):
        MULTIPLE_CHOICE = "pilihan_ganda", _("Pilihan ganda")
        TRUE_FALSE = "benar_salah", _("Benar/salah")

    topic = models.CharField(_("topik"), max_length=20, choices=Topic.choices)
    kind = models.CharField(_("jenis soal"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("pertanyaan"))
    options = models.JSONField(_("pilihan jawaban"), default=list)
    correct = models.PositiveSmallIntegerField(_("jawaban benar"))
    active = models.BooleanField(_("dipakai"), default=True)

    class Meta:
        verbose_name = _("soal")
        verbose_name_plural = _("soal")
        ordering = ["topic", "pk"]
        indexes = [models.Index(fields=["topic", "active"], name="question_topic_idx")]

    def __str__(self) -> str:
        return f"Soal #{self.pk}"


class KnowledgeTest(TimeStampedModel):
    """The pre-test, post-test or delayed test of a programme, with its items in order."""

    class Kind(models.TextChoices):
        PRE = "pre", _("Tes awal (pre-test)")
        POST = "post", _("Tes akhir (post-test)")
        DELAYED = "tunda", _("Tes tunda (3 bulan setelahnya)")

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.PROTECT, related_name="tests"
    )
    kind = models.CharField(_("jenis tes"), max_length=8, choices=Kind.choices)
    given_on = models.DateField(_("tanggal tes"))
    questions = models.ManyToManyField(
        Question, verbose_name=_("soal"), through="TestItem", related_name="+"
    )

    class Meta:
        verbose_name = _("tes pengetahuan")
        verbose_name_plural = _("tes pengetahuan")
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="test_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"Tes #{self.pk}"


class TestItem(models.Model):
    test = models.ForeignKey(KnowledgeTest, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["test", "question"], name="testitem_once"),
        ]

    def __str__(self) -> str:
        return f"Butir {self.position} tes #{self.test_id}"


class Answer(models.Model):
    """One person's answer to one item of a test; ``chosen`` None = left blank (counts wrong)."""

    test = models.ForeignKey(
        KnowledgeTest,
        verbose_name=_("tes"),
        on_delete=models.PROTECT,
        related_name="answers",
        db_index=False,  # the first column of a declared index
    )
    resident = models.ForeignKey(
        Resident, verbose_name=_("penduduk"), on_delete=models.PROTECT, related_name="+"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("soal"), on_delete=models.PROTECT, related_name="+"
    )
    chosen = models.PositiveSmallIntegerField(_("jawaban"), null=True, blank=True)
    is_correct = models.BooleanField(_("benar"))

    class Meta:
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        constraints = [
            models.UniqueConstraint(
                fields=["test", "resident", "question"], name="answer_once_per_item"
            ),
        ]

    def __str__(self) -> str:
        return f"Jawaban #{self.pk}"


class Outcome(TimeStampedModel):
    """What a participant did after a skills course, recorded at follow-up."""

    class Kind(models.TextChoices):
        EMPLOYED = "bekerja", _("Bekerja (upah/gaji)")
        BUSINESS = "usaha", _("Memulai usaha")
        COOPERATIVE = "koperasi", _("Bergabung dengan koperasi")
        STUDYING = "belajar", _("Melanjutkan pelatihan/sekolah")
        NONE_YET = "belum", _("Belum ada perubahan")

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.PROTECT, related_name="outcomes"
    )
    resident = models.ForeignKey(
        Resident, verbose_name=_("penduduk"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("hasil"), max_length=10, choices=Kind.choices)
    recorded_on = models.DateField(_("tanggal tindak lanjut"))
    note = models.CharField(_("keterangan"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        USER, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("hasil tindak lanjut")
        verbose_name_plural = _("hasil tindak lanjut")
        ordering = ["-recorded_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "resident", "kind"], name="outcome_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"Hasil #{self.pk}"


class StaffTraining(TimeStampedModel):
    """A training that a facilitator or kader (a SIGAP user) took; ``qualifies_for`` is the topic
    it qualifies them to deliver, if any."""

    user = models.ForeignKey(
        USER, verbose_name=_("pengguna"), on_delete=models.PROTECT, related_name="trainings"
    )
    title = models.CharField(_("nama pelatihan"), max_length=150)
    organiser = models.CharField(_("penyelenggara"), max_length=150)
    completed_on = models.DateField(_("tanggal selesai"))
    hours = models.PositiveSmallIntegerField(_("jumlah jam"), null=True, blank=True)
    qualifies_for = models.CharField(
        _("berhak menyampaikan topik"), max_length=20, choices=Topic.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        USER, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("pelatihan fasilitator")
        verbose_name_plural = _("pelatihan fasilitator")
        ordering = ["-completed_on", "-pk"]

    def __str__(self) -> str:
        return self.title
