"""Households (Kartu Keluarga) and residents (NIK), with their history.

Designed for a district (about a million residents): every filter the lists offer has an index,
the dusun and village are kept on the resident (so a Kader's dusun restriction and the district's
village partition are one indexed column), and name search goes through ``ResidentNameKey``
(folded name tokens, see ``names.py``) instead of ``LIKE '%…%'`` over the whole table.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.core.models import Dusun, RukunTetangga, TimeStampedModel, Village
from sigap.registry import codes


class Household(TimeStampedModel):
    """A family as on its Kartu Keluarga. The KK number is the current card's; earlier numbers
    stay in each member's ``Membership`` history."""

    village = models.ForeignKey(Village, verbose_name=_("desa"), on_delete=models.PROTECT)
    dusun = models.ForeignKey(Dusun, verbose_name=_("dusun"), on_delete=models.PROTECT)
    rt = models.ForeignKey(
        RukunTetangga, verbose_name=_("RT"), on_delete=models.PROTECT, null=True, blank=True
    )
    kk_number = models.CharField(_("No. KK"), max_length=16, null=True, blank=True)
    address = models.CharField(_("alamat"), max_length=200, blank=True)
    head = models.ForeignKey(
        "Resident",
        verbose_name=_("kepala keluarga"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    income_band = models.PositiveSmallIntegerField(
        _("penghasilan per bulan"), choices=codes.IncomeBand.choices, null=True, blank=True
    )
    main_livelihood = models.PositiveSmallIntegerField(
        _("mata pencaharian utama"), choices=codes.Livelihood.choices, null=True, blank=True
    )
    house_condition = models.PositiveSmallIntegerField(
        _("kondisi rumah"), choices=codes.HouseCondition.choices, null=True, blank=True
    )
    social_assistance = models.BooleanField(
        _("penerima bantuan sosial"),
        null=True,
        blank=True,
        help_text=_("PKH, BPNT, BLT dan lain-lain"),
    )
    dependants = models.PositiveSmallIntegerField(_("jumlah tanggungan"), null=True, blank=True)
    dissolved_at = models.DateField(_("bubar sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("keluarga")
        verbose_name_plural = _("keluarga")
        constraints = [
            models.UniqueConstraint(
                fields=["kk_number"],
                condition=Q(kk_number__isnull=False),
                name="household_unique_kk_number",
            ),
        ]
        indexes = [models.Index(fields=["dusun", "id"], name="household_dusun_idx")]

    def __str__(self) -> str:
        # No names: audit entries and page titles must not carry personal data.
        return f"Keluarga #{self.pk}"


class ResidentQuerySet(models.QuerySet):
    def living_here(self):
        return self.filter(basic_status=codes.BasicStatus.ALIVE)


class Resident(TimeStampedModel):
    """A person of the village, with the Dukcapil fields and coded lists."""

    village = models.ForeignKey(Village, verbose_name=_("desa"), on_delete=models.PROTECT)
    dusun = models.ForeignKey(Dusun, verbose_name=_("dusun"), on_delete=models.PROTECT)
    household = models.ForeignKey(
        Household,
        verbose_name=_("keluarga"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    relationship = models.PositiveSmallIntegerField(
        _("hubungan dalam keluarga"), choices=codes.FamilyRelationship.choices, null=True
    )
    nik = models.CharField(_("NIK"), max_length=16, null=True, blank=True)
    no_nik_reason = models.CharField(
        _("alasan tanpa NIK"), max_length=20, choices=codes.NoNikReason.choices, blank=True
    )
    temp_number = models.CharField(_("nomor sementara"), max_length=16, null=True, blank=True)
    nik_anomaly_confirmed = models.BooleanField(
        _("perbedaan NIK sudah dikonfirmasi"), default=False
    )
    name = models.CharField(_("nama"), max_length=100)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=codes.Sex.choices)
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    religion = models.PositiveSmallIntegerField(
        _("agama"), choices=codes.Religion.choices, null=True, blank=True
    )
    education = models.PositiveSmallIntegerField(
        _("pendidikan"), choices=codes.Education.choices, null=True, blank=True
    )
    occupation = models.PositiveSmallIntegerField(
        _("pekerjaan"), choices=codes.OCCUPATION_CHOICES, null=True, blank=True
    )
    marital_status = models.PositiveSmallIntegerField(
        _("status perkawinan"), choices=codes.MaritalStatus.choices, null=True, blank=True
    )
    citizenship = models.PositiveSmallIntegerField(
        _("kewarganegaraan"), choices=codes.Citizenship.choices, default=codes.Citizenship.WNI
    )
    father_name = models.CharField(_("nama ayah"), max_length=100, blank=True)
    mother_name = models.CharField(_("nama ibu"), max_length=100, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    disability = models.PositiveSmallIntegerField(
        _("disabilitas"), choices=codes.Disability.choices, default=codes.Disability.NONE
    )
    in_school = models.BooleanField(_("masih sekolah"), null=True, blank=True)
    whereabouts = models.CharField(
        _("keberadaan sekarang"),
        max_length=12,
        choices=codes.Whereabouts.choices,
        default=codes.Whereabouts.VILLAGE,
    )
    abroad_country = models.CharField(_("negara"), max_length=60, blank=True)
    whereabouts_detail = models.CharField(_("keterangan keberadaan"), max_length=200, blank=True)
    basic_status = models.PositiveSmallIntegerField(
        _("status dasar"), choices=codes.BasicStatus.choices, default=codes.BasicStatus.ALIVE
    )

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penduduk")
        verbose_name_plural = _("penduduk")
        constraints = [
            models.UniqueConstraint(
                fields=["nik"], condition=Q(nik__isnull=False), name="resident_unique_nik"
            ),
            models.UniqueConstraint(
                fields=["temp_number"],
                condition=Q(temp_number__isnull=False),
                name="resident_unique_temp_number",
            ),
            models.CheckConstraint(
                condition=Q(nik__isnull=False) | ~Q(no_nik_reason=""),
                name="resident_nik_or_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["dusun", "basic_status", "name"], name="resident_dusun_idx"),
            models.Index(fields=["village", "basic_status", "name"], name="resident_village_idx"),
            # With the id, the index is the list's whole order (name, then id): a page of a common
            # name stops at its last row instead of sorting a group of namesakes.
            models.Index(fields=["basic_status", "name", "id"], name="resident_name_idx"),
            models.Index(fields=["birth_date"], name="resident_birth_idx"),
            # In list order too: "who is abroad" (a few percent of a district) is read in name
            # order from here instead of walking the whole name index for the matches.
            models.Index(
                fields=["whereabouts", "basic_status", "name", "id"], name="resident_where_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Penduduk #{self.pk}"

    @property
    def identity_number(self) -> str:
        return self.nik or self.temp_number or ""


class ResidentNameKey(models.Model):
    """Search index: one row per folded name token (and joined pair) of a resident."""

    # Indexed below with the key: "does this resident have a key starting with …" is then read
    # from the index alone, and the table has no second index on the same column.
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="name_keys", db_index=False
    )
    key = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "resident"], name="namekey_unique_key_resident")
        ]
        indexes = [models.Index(fields=["resident", "key"], name="namekey_resident_idx")]

    def __str__(self) -> str:
        return self.key


class Membership(models.Model):
    """A period of a person on a family card: the KK history the issue asks to keep."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="memberships")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    kk_number = models.CharField(_("No. KK"), max_length=16, blank=True)
    relationship = models.PositiveSmallIntegerField(
        _("hubungan dalam keluarga"), choices=codes.FamilyRelationship.choices, null=True
    )
    started_on = models.DateField(_("mulai"), null=True, blank=True)
    ended_on = models.DateField(_("berakhir"), null=True, blank=True)
    end_reason = models.CharField(_("sebab berakhir"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("riwayat KK")
        verbose_name_plural = _("riwayat KK")
        indexes = [models.Index(fields=["resident", "started_on"], name="membership_resident_idx")]

    def __str__(self) -> str:
        return f"Riwayat KK #{self.pk}"


class LifeEvent(TimeStampedModel):
    """Birth, death, moving in or out, marriage, change of household, going abroad, return."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("peristiwa"), max_length=20, choices=codes.LifeEventKind.choices)
    occurred_on = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat / tujuan"), max_length=200, blank=True)
    country = models.CharField(_("negara"), max_length=60, blank=True)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("peristiwa kependudukan")
        verbose_name_plural = _("peristiwa kependudukan")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["resident", "occurred_on"], name="event_resident_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class ImportBatch(TimeStampedModel):
    """One uploaded file on its way into the registry: checked (dry run), then written or not."""

    class Status(models.TextChoices):
        QUEUED = "antre", _("Menunggu")
        CHECKING = "memeriksa", _("Sedang diperiksa")
        CHECKED = "diperiksa", _("Sudah diperiksa")
        WRITING = "menyimpan", _("Sedang disimpan")
        DONE = "selesai", _("Selesai")
        FAILED = "gagal", _("Gagal")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(Village, verbose_name=_("desa"), on_delete=models.PROTECT)
    file_name = models.CharField(_("nama berkas"), max_length=200)
    content = models.BinaryField(_("isi berkas"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    written_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("impor penduduk")
        verbose_name_plural = _("impor penduduk")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Impor #{self.pk}"

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))

    @property
    def busy(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.CHECKING, self.Status.WRITING}
