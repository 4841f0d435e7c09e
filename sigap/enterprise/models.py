"""Entrepreneurship groups: members, household income before and after, funds received, monthly
figures and mentoring visits. Money is whole rupiah in ``BigIntegerField``. ``__str__`` never
carries a person's name (audit entries and page titles keep it)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.core.fields import EncryptedTextField
from sigap.core.models import TimeStampedModel, Village
from sigap.registry.codes import IncomeBand
from sigap.registry.models import Household, Resident

USER = settings.AUTH_USER_MODEL


class Group(TimeStampedModel):
    class Kind(models.TextChoices):
        KUBE = "kube", _("KUBE (Kelompok Usaha Bersama)")
        UMKM = "umkm", _("UMKM")
        FARMERS = "kelompok_tani", _("Kelompok tani/ternak")
        OTHER = "lainnya", _("Lainnya")

    class Sector(models.TextChoices):
        FOOD = "makanan", _("Makanan dan minuman")
        WEAVING = "tenun", _("Tenun dan kerajinan")
        SEWING = "jahit", _("Jahit dan busana")
        TRADE = "dagang", _("Warung dan perdagangan")
        FARMING = "tani", _("Pertanian dan perkebunan")
        LIVESTOCK = "ternak", _("Peternakan")
        FISHERY = "ikan", _("Perikanan")
        SERVICES = "jasa", _("Jasa")
        OTHER = "lainnya", _("Lainnya")

    class Stage(models.TextChoices):
        """The maturity ladder (see the app's docstring for what each step means)."""

        STARTING = "rintisan", _("Rintisan")
        GROWING = "tumbuh", _("Tumbuh")
        SELF_RELIANT = "mandiri", _("Mandiri")

    village = models.ForeignKey(Village, verbose_name=_("desa"), on_delete=models.PROTECT)
    name = models.CharField(_("nama kelompok"), max_length=150)
    kind = models.CharField(_("jenis kelompok"), max_length=16, choices=Kind.choices)
    sector = models.CharField(_("bidang usaha"), max_length=12, choices=Sector.choices)
    description = models.TextField(_("uraian usaha"), blank=True)
    started_on = models.DateField(_("mulai usaha"))
    stage = models.CharField(
        _("tahap"), max_length=10, choices=Stage.choices, default=Stage.STARTING
    )
    facilitator = models.ForeignKey(
        USER, verbose_name=_("pendamping usaha"), on_delete=models.PROTECT, related_name="+"
    )
    ended_on = models.DateField(_("berhenti sejak"), null=True, blank=True)
    end_reason = models.CharField(_("alasan berhenti"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kelompok usaha")
        verbose_name_plural = _("kelompok usaha")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["village", "name"], name="group_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.ended_on is None


class GroupMember(TimeStampedModel):
    """A resident in a group for a period. Their household is ``resident.household``."""

    class Position(models.TextChoices):
        CHAIR = "ketua", _("Ketua")
        SECRETARY = "sekretaris", _("Sekretaris")
        TREASURER = "bendahara", _("Bendahara")
        MEMBER = "anggota", _("Anggota")

    group = models.ForeignKey(
        Group, verbose_name=_("kelompok"), on_delete=models.PROTECT, related_name="members"
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("penduduk"),
        on_delete=models.PROTECT,
        related_name="enterprise_memberships",
    )
    position = models.CharField(
        _("jabatan"), max_length=10, choices=Position.choices, default=Position.MEMBER
    )
    joined_on = models.DateField(_("tanggal bergabung"))
    left_on = models.DateField(_("tanggal keluar"), null=True, blank=True)

    class Meta:
        verbose_name = _("anggota kelompok")
        verbose_name_plural = _("anggota kelompok")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "resident"],
                condition=Q(left_on__isnull=True),
                name="groupmember_active_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Anggota kelompok #{self.pk}"


class HouseholdIncome(TimeStampedModel):
    """A member household's income band (the registry's ``IncomeBand``) when it joined the group,
    and later: the programme's measure of change."""

    group = models.ForeignKey(
        Group, verbose_name=_("kelompok"), on_delete=models.PROTECT, related_name="incomes"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("keluarga"), on_delete=models.PROTECT, related_name="+"
    )
    before = models.PositiveSmallIntegerField(
        _("penghasilan sebelum bergabung"), choices=IncomeBand.choices
    )
    before_on = models.DateField(_("dicatat sebelum"))
    after = models.PositiveSmallIntegerField(
        _("penghasilan sekarang"), choices=IncomeBand.choices, null=True, blank=True
    )
    after_on = models.DateField(_("dicatat sesudah"), null=True, blank=True)

    class Meta:
        verbose_name = _("penghasilan keluarga anggota")
        verbose_name_plural = _("penghasilan keluarga anggota")
        constraints = [
            models.UniqueConstraint(fields=["group", "household"], name="income_once_per_group"),
        ]

    def __str__(self) -> str:
        return f"Penghasilan keluarga #{self.household_id}"

    @property
    def change(self) -> int | None:
        """Bands moved up (positive) or down; None until the later band is recorded."""
        return None if self.after is None else self.after - self.before


class Funding(TimeStampedModel):
    """A grant or a loan the group received."""

    class Source(models.TextChoices):
        DANA_DESA = "dana_desa", _("Dana Desa")
        DINAS_KOPERASI = "dinas_koperasi", _("Dinas Koperasi dan UKM")
        DINAS_SOSIAL = "dinas_sosial", _("Dinas Sosial")
        BAZNAS = "baznas", _("BAZNAS")
        CSR = "csr", _("CSR perusahaan")
        COOPERATIVE = "koperasi", _("Koperasi desa")
        BANK = "bank", _("Bank (KUR)")
        OTHER = "lainnya", _("Lainnya")

    class Kind(models.TextChoices):
        GRANT = "hibah", _("Hibah")
        LOAN = "pinjaman", _("Pinjaman")

    group = models.ForeignKey(
        Group, verbose_name=_("kelompok"), on_delete=models.PROTECT, related_name="fundings"
    )
    source = models.CharField(_("sumber dana"), max_length=16, choices=Source.choices)
    source_name = models.CharField(_("nama pemberi"), max_length=150, blank=True)
    kind = models.CharField(_("jenis dana"), max_length=10, choices=Kind.choices)
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    received_on = models.DateField(_("tanggal diterima"))
    note = models.CharField(_("keterangan"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        USER, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("dana kelompok")
        verbose_name_plural = _("dana kelompok")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"Dana #{self.pk}"


class MonthlyFigure(TimeStampedModel):
    """Turnover (omzet) and profit (laba, negative for a loss) of one month; ``month`` is the
    month's first day. One row per group and month."""

    group = models.ForeignKey(
        Group, verbose_name=_("kelompok"), on_delete=models.PROTECT, related_name="figures"
    )
    month = models.DateField(_("bulan"))
    turnover = models.BigIntegerField(_("omzet (Rp)"))
    profit = models.BigIntegerField(_("laba (Rp)"))
    recorded_by = models.ForeignKey(
        USER, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("omzet dan laba bulanan")
        verbose_name_plural = _("omzet dan laba bulanan")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["group", "month"], name="figure_once_per_month"),
            models.CheckConstraint(
                condition=Q(turnover__gte=0) & Q(profit__lte=models.F("turnover")),
                name="figure_profit_within_turnover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_id} · {self.month:%Y-%m}"


class MentoringVisit(TimeStampedModel):
    """A facilitator's visit to the group; notes and next steps are encrypted at rest."""

    group = models.ForeignKey(
        Group, verbose_name=_("kelompok"), on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField(_("tanggal kunjungan"))
    facilitator = models.ForeignKey(
        USER, verbose_name=_("pendamping usaha"), on_delete=models.PROTECT, related_name="+"
    )
    notes = EncryptedTextField(_("catatan"))
    next_steps = EncryptedTextField(_("langkah berikutnya"), blank=True)
    next_visit_on = models.DateField(_("kunjungan berikutnya"), null=True, blank=True)

    class Meta:
        verbose_name = _("kunjungan pendampingan usaha")
        verbose_name_plural = _("kunjungan pendampingan usaha")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["group", "visited_on"], name="visit_group_idx")]

    def __str__(self) -> str:
        return f"Kunjungan #{self.pk}"
