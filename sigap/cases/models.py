"""Pendampingan: a case for a resident, its team, consent, assessment, sessions, plan and
referrals.

Every free text that may tell someone's story (narratives, notes, reasons) is an
``EncryptedTextField``. ``__str__`` never carries a name: auditlog keeps it in the log, which
people without access to the case may read.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sigap.cases import vocabulary as v
from sigap.cases.workflow import Pending, Stage
from sigap.core.fields import EncryptedTextField
from sigap.core.models import TimeStampedModel
from sigap.partners.models import NeedArea, Organisation, Service
from sigap.registry.models import Resident

USER = settings.AUTH_USER_MODEL


class StageChoices(models.TextChoices):
    NEW = Stage.NEW.value, _("Baru")
    ASSESSMENT = Stage.ASSESSMENT.value, _("Asesmen")
    PLAN = Stage.PLAN.value, _("Rencana kasus")
    SERVICES = Stage.SERVICES.value, _("Layanan")
    FOLLOW_UP = Stage.FOLLOW_UP.value, _("Pemantauan")
    CLOSED = Stage.CLOSED.value, _("Ditutup")


class PendingChoices(models.TextChoices):
    NONE = Pending.NONE.value, _("Tidak ada")
    ASSESSMENT = Pending.ASSESSMENT.value, _("Asesmen menunggu persetujuan")
    PLAN = Pending.PLAN.value, _("Rencana menunggu persetujuan")
    CLOSURE = Pending.CLOSURE.value, _("Penutupan menunggu persetujuan")


class Case(TimeStampedModel):
    resident = models.ForeignKey(
        Resident, verbose_name=_("penduduk"), on_delete=models.PROTECT, related_name="cases"
    )
    case_type = models.CharField(_("jenis kasus"), max_length=20, choices=v.CaseType.choices)
    intake_source = models.CharField(_("asal kasus"), max_length=20, choices=v.IntakeSource.choices)
    risk_level = models.CharField(_("tingkat risiko"), max_length=10, choices=v.RiskLevel.choices)
    trafficking_status = models.CharField(
        _("status TPPO"),
        max_length=10,
        choices=v.TraffickingStatus.choices,
        default=v.TraffickingStatus.POSSIBLE,
    )
    status_decided_by = models.ForeignKey(
        Organisation,
        verbose_name=_("status diputuskan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    stage = models.CharField(
        _("tahap"), max_length=12, choices=StageChoices.choices, default=Stage.NEW.value
    )
    pending = models.CharField(
        _("menunggu persetujuan"),
        max_length=12,
        choices=PendingChoices.choices,
        blank=True,
        default="",
    )
    stage_since = models.DateTimeField(_("di tahap ini sejak"))
    opened_on = models.DateField(_("tanggal dibuka"))
    closed_on = models.DateField(_("tanggal ditutup"), null=True, blank=True)
    summary = EncryptedTextField(_("ringkasan kasus"), blank=True)
    supervisor = models.ForeignKey(
        USER,
        verbose_name=_("koordinator"),
        on_delete=models.PROTECT,
        related_name="supervised_cases",
    )
    created_by = models.ForeignKey(
        USER, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    # The current consent per purpose, kept by the consent services (the history is Consent).
    consent_services = models.BooleanField(_("setuju menerima layanan"), default=False)
    consent_referral = models.BooleanField(_("setuju dirujuk"), default=False)
    consent_reporting = models.BooleanField(_("setuju dilaporkan (tanpa identitas)"), default=False)
    # Kept by the services so that caseload counts read only the cases (services.refresh_counters).
    next_action_due = models.DateField(_("tenggat tindakan terdekat"), null=True, blank=True)
    referrals_waiting = models.PositiveIntegerField(_("rujukan menunggu jawaban"), default=0)

    class Meta:
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        indexes = [
            models.Index(fields=["supervisor", "stage"]),
            models.Index(fields=["stage", "stage_since"]),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return f"KS-{self.pk:06d}" if self.pk else "KS-baru"

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED


class CaseWorker(TimeStampedModel):
    """A Pendamping assigned to a case; a transfer ends one assignment and starts another."""

    case = models.ForeignKey(
        Case, verbose_name=_("kasus"), on_delete=models.CASCADE, related_name="workers"
    )
    user = models.ForeignKey(
        USER, verbose_name=_("pendamping"), on_delete=models.PROTECT, related_name="case_work"
    )
    assigned_by = models.ForeignKey(
        USER, verbose_name=_("ditugaskan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(_("berakhir"), null=True, blank=True)

    class Meta:
        verbose_name = _("penugasan pendamping")
        verbose_name_plural = _("penugasan pendamping")
        indexes = [models.Index(fields=["user", "ended_at", "case"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="case_worker_active_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.code} · {self.user_id}"


class BreakGlass(TimeStampedModel):
    """An emergency view of a case by someone not on its team, with the reason, for a while."""

    case = models.ForeignKey(
        Case, verbose_name=_("kasus"), on_delete=models.CASCADE, related_name="break_glass"
    )
    user = models.ForeignKey(USER, verbose_name=_("pengguna"), on_delete=models.PROTECT)
    reason = EncryptedTextField(_("alasan"))
    expires_at = models.DateTimeField(_("berlaku sampai"))

    class Meta:
        verbose_name = _("akses darurat")
        verbose_name_plural = _("akses darurat")
        indexes = [models.Index(fields=["user", "expires_at", "case"])]

    def __str__(self) -> str:
        return f"{self.case.code} · {self.user_id}"


class CaseStep(models.Model):
    """The case's workflow history: each action, who took it, when, and an optional note."""

    case = models.ForeignKey(
        Case, verbose_name=_("kasus"), on_delete=models.CASCADE, related_name="steps"
    )
    action = models.CharField(_("tindakan"), max_length=40)
    from_stage = models.CharField(_("dari tahap"), max_length=12, choices=StageChoices.choices)
    to_stage = models.CharField(_("ke tahap"), max_length=12, choices=StageChoices.choices)
    pending = models.CharField(_("menunggu"), max_length=12, blank=True)
    actor = models.ForeignKey(USER, verbose_name=_("oleh"), on_delete=models.PROTECT)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    note = EncryptedTextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("langkah kasus")
        verbose_name_plural = _("langkah kasus")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case.code} · {self.action}"


class Consent(TimeStampedModel):
    class Purpose(models.TextChoices):
        SERVICES = "layanan", _("Menerima layanan")
        REFERRAL = "rujukan", _("Rujukan ke lembaga lain")
        REPORTING = "pelaporan", _("Dilaporkan tanpa identitas")

    class Method(models.TextChoices):
        SIGNED = "tanda_tangan", _("Tanda tangan")
        THUMBPRINT = "cap_jempol", _("Cap jempol")
        VERBAL_WITNESS = "lisan_saksi", _("Lisan dengan saksi")

    case = models.ForeignKey(
        Case, verbose_name=_("kasus"), on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("keperluan"), max_length=12, choices=Purpose.choices)
    given = models.BooleanField(_("setuju"))
    method = models.CharField(_("cara"), max_length=14, choices=Method.choices)
    given_by = EncryptedTextField(
        _("diberikan oleh"), help_text=_("Orang itu sendiri, atau orang tua/wali untuk anak.")
    )
    witness = EncryptedTextField(_("saksi"), blank=True)
    recorded_on = models.DateField(_("tanggal"))
    recorded_by = models.ForeignKey(
        USER, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("dicabut pada"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        USER,
        verbose_name=_("pencabutan dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("persetujuan")
        verbose_name_plural = _("persetujuan")
        ordering = ["-recorded_on", "-pk"]
        indexes = [models.Index(fields=["case", "purpose"])]

    def __str__(self) -> str:
        return f"{self.case.code} · {self.purpose}"

    @property
    def in_force(self) -> bool:
        return self.given and self.withdrawn_on is None


class Assessment(TimeStampedModel):
    """The intake assessment in HTCDS terms. Answers to yes/no items are ``Answer`` codes kept
    in a JSON object keyed by item, so "not known" and "declined" are never read as "no"."""

    case = models.OneToOneField(
        Case, verbose_name=_("kasus"), on_delete=models.CASCADE, related_name="assessment"
    )
    recruitment_method = models.CharField(
        _("cara perekrutan"), max_length=20, choices=v.RecruitmentMethod.choices, blank=True
    )
    recruitment_channels = models.JSONField(_("saluran perekrutan"), default=list, blank=True)
    means_of_control = models.JSONField(_("cara pengendalian"), default=dict, blank=True)
    exploitation = models.JSONField(_("jenis eksploitasi"), default=list, blank=True)
    labour_sector = models.CharField(
        _("sektor kerja"), max_length=20, choices=v.LabourSector.choices, blank=True
    )
    trafficker_relation = models.CharField(
        _("hubungan dengan pelaku"), max_length=20, choices=v.TraffickerRelation.choices, blank=True
    )
    needs = models.JSONField(_("kebutuhan"), default=dict, blank=True)
    narrative = EncryptedTextField(_("kronologi"), blank=True)
    assessed_on = models.DateField(_("tanggal asesmen"))
    assessed_by = models.ForeignKey(
        USER, verbose_name=_("asesor"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("asesmen")
        verbose_name_plural = _("asesmen")

    def __str__(self) -> str:
        return f"{self.case.code} · asesmen"


class TraffickingEvent(TimeStampedModel):
    case = models.ForeignKey(
        Case, verbose_name=_("kasus"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("peristiwa"), max_length=12, choices=v.EventKind.choices)
    place = EncryptedTextField(_("tempat"), blank=True)
    country = models.CharField(_("negara"), max_length=100, blank=True)
    started_on = models.DateField(_("mulai"), null=True, blank=True)
    ended_on = models.DateField(_("selesai"), null=True, blank=True)
    details = EncryptedTextField(
        _("keterangan (siapa, bagaimana)"), blank=True, help_text=_("Disimpan terenkripsi.")
    )

    class Meta:
        verbose_name = _("peristiwa perdagangan orang")
        verbose_name_plural = _("peristiwa perdagangan orang")
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case.code} · {self.kind}"


class Session(TimeStampedModel):
    """A psychosocial session with its WHO-5 wellbeing check."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individu", _("Individu")
        FAMILY = "keluarga", _("Bersama keluarga")
        GROUP = "kelompok", _("Kelompok")

    case = models.ForeignKey(
        Case, verbose_name=_("kasus"), on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200)
    kind = models.CharField(_("jenis sesi"), max_length=10, choices=Kind.choices)
    facilitator = models.ForeignKey(
        USER, verbose_name=_("fasilitator"), on_delete=models.PROTECT, related_name="+"
    )
    wellbeing_answers = models.JSONField(_("jawaban WHO-5"), default=list, blank=True)
    wellbeing_score = models.PositiveSmallIntegerField(
        _("skor kesejahteraan (0–100)"), null=True, blank=True
    )
    notes = EncryptedTextField(_("catatan sesi"), blank=True)

    class Meta:
        verbose_name = _("sesi psikososial")
        verbose_name_plural = _("sesi psikososial")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["case", "held_on"])]

    def __str__(self) -> str:
        return f"{self.case.code} · {self.held_on}"


class Goal(TimeStampedModel):
    case = models.ForeignKey(
        Case, verbose_name=_("kasus"), on_delete=models.CASCADE, related_name="goals"
    )
    area = models.CharField(_("bidang"), max_length=20, choices=NeedArea.choices)
    description = EncryptedTextField(_("tujuan rencana"))

    class Meta:
        verbose_name = _("tujuan rencana")
        verbose_name_plural = _("tujuan rencana")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.case.code} · {self.area}"


class PlanAction(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "direncanakan", _("Direncanakan")
        IN_PROGRESS = "berjalan", _("Berjalan")
        DONE = "selesai", _("Selesai")
        CANCELLED = "batal", _("Dibatalkan")

    goal = models.ForeignKey(
        Goal, verbose_name=_("tujuan rencana"), on_delete=models.CASCADE, related_name="actions"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("kasus"), on_delete=models.CASCADE, related_name="plan_actions"
    )
    description = EncryptedTextField(_("tindakan"))
    owner = models.ForeignKey(
        USER, verbose_name=_("penanggung jawab"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("tenggat"))
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("tindakan rencana")
        verbose_name_plural = _("tindakan rencana")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["owner", "status", "due_on"]),
            models.Index(fields=["case", "status", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.case.code} · {self.due_on}"

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Referral(TimeStampedModel):
    class Status(models.TextChoices):
        SENT = "dikirim", _("Dikirim")
        ACCEPTED = "diterima", _("Diterima")
        DECLINED = "ditolak", _("Ditolak")
        COMPLETED = "selesai", _("Selesai")
        REVOKED = "dibatalkan", _("Dibatalkan")

    case = models.ForeignKey(
        Case, verbose_name=_("kasus"), on_delete=models.CASCADE, related_name="referrals"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lembaga tujuan"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("layanan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    area = models.CharField(_("bidang kebutuhan"), max_length=20, choices=NeedArea.choices)
    urgent = models.BooleanField(_("mendesak"), default=False)
    reason = EncryptedTextField(_("alasan rujukan"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SENT
    )
    sent_at = models.DateTimeField(_("dikirim"))
    sent_by = models.ForeignKey(
        USER, verbose_name=_("dikirim oleh"), on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(_("ditanggapi"), null=True, blank=True)
    responded_by = models.ForeignKey(
        USER,
        verbose_name=_("ditanggapi oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decline_reason = EncryptedTextField(_("alasan penolakan"), blank=True)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    outcome = EncryptedTextField(_("hasil layanan"), blank=True)
    revoked_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)
    revoke_reason = EncryptedTextField(_("alasan pembatalan"), blank=True)
    consent_override = EncryptedTextField(
        _("alasan rujukan tanpa persetujuan"),
        blank=True,
        help_text=_("Diisi Koordinator bila rujukan dikirim tanpa persetujuan; dicatat di log."),
    )

    class Meta:
        verbose_name = _("rujukan")
        verbose_name_plural = _("rujukan")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status", "sent_at"]),
            models.Index(fields=["case", "status"]),
            models.Index(fields=["status", "sent_at"]),
        ]

    def __str__(self) -> str:
        return f"RJ-{self.pk:06d}" if self.pk else "RJ-baru"

    @property
    def code(self) -> str:
        return str(self)

    @property
    def days_to_service(self) -> int | None:
        """Days from sending to acceptance (the time to service), when accepted."""
        if self.responded_at and self.status in (self.Status.ACCEPTED, self.Status.COMPLETED):
            return (self.responded_at - self.sent_at).days
        return None
