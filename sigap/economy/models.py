"""The village cooperative's members, loans and its append-only double-entry journal.

Money is whole rupiah in ``BigIntegerField``. A journal entry is never changed or deleted: a
mistake is corrected by a reversing entry (``reverses``). Member savings are journal lines on
the savings accounts that carry the member, so a passbook and the ledger can never disagree.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sigap.core.models import TimeStampedModel, Village
from sigap.economy.ledger import Account
from sigap.economy.schedules import Frequency, Method
from sigap.registry.models import Resident

ACCOUNT_CHOICES = [(account.value, account.value) for account in Account]


class Cooperative(TimeStampedModel):
    village = models.ForeignKey(Village, verbose_name=_("desa"), on_delete=models.PROTECT)
    name = models.CharField(_("nama koperasi"), max_length=200, unique=True)
    registration_number = models.CharField(_("nomor badan hukum"), max_length=100, blank=True)
    simpanan_pokok = models.BigIntegerField(
        _("simpanan pokok (Rp)"), help_text=_("Dibayar sekali saat menjadi anggota.")
    )
    simpanan_wajib = models.BigIntegerField(
        _("simpanan wajib per bulan (Rp)"), help_text=_("Dibayar setiap bulan oleh anggota.")
    )

    class Meta:
        verbose_name = _("koperasi")
        verbose_name_plural = _("koperasi")

    def __str__(self) -> str:
        return self.name


class Member(TimeStampedModel):
    class Status(models.TextChoices):
        ACTIVE = "aktif", _("Aktif")
        EXITED = "keluar", _("Keluar")

    cooperative = models.ForeignKey(
        Cooperative, verbose_name=_("koperasi"), on_delete=models.PROTECT, related_name="members"
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("penduduk"),
        on_delete=models.PROTECT,
        related_name="memberships_koperasi",
    )
    number = models.CharField(_("nomor anggota"), max_length=10)
    joined_on = models.DateField(_("tanggal masuk"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    exited_on = models.DateField(_("tanggal keluar"), null=True, blank=True)
    exit_reason = models.CharField(_("alasan keluar"), max_length=200, blank=True)
    exit_entry = models.OneToOneField(
        "JournalEntry",
        verbose_name=_("jurnal pengembalian simpanan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="member_exited",
    )

    class Meta:
        verbose_name = _("anggota koperasi")
        verbose_name_plural = _("anggota koperasi")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "number"], name="member_number_unique"),
            models.UniqueConstraint(
                fields=["cooperative", "resident"],
                condition=models.Q(status="aktif"),
                name="member_active_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Anggota {self.number}"


class JournalEntry(models.Model):
    cooperative = models.ForeignKey(
        Cooperative, verbose_name=_("koperasi"), on_delete=models.PROTECT, related_name="entries"
    )
    entry_date = models.DateField(_("tanggal"))
    memo = models.CharField(_("keterangan"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("membatalkan jurnal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )

    class Meta:
        verbose_name = _("jurnal")
        verbose_name_plural = _("jurnal")
        ordering = ["-entry_date", "-pk"]
        indexes = [models.Index(fields=["cooperative", "entry_date"])]

    def __str__(self) -> str:
        return f"JU-{self.pk:07d}" if self.pk else "JU-baru"


class JournalLine(models.Model):
    entry = models.ForeignKey(
        JournalEntry, verbose_name=_("jurnal"), on_delete=models.PROTECT, related_name="lines"
    )
    account = models.CharField(_("akun"), max_length=40, choices=ACCOUNT_CHOICES)
    debit = models.BigIntegerField(_("debit"), default=0)
    credit = models.BigIntegerField(_("kredit"), default=0)
    member = models.ForeignKey(
        Member,
        verbose_name=_("anggota"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
    )
    # Copies of the entry's cooperative and date (the journal is append-only, so they cannot
    # drift): the ledger sums read lines alone, by one index, at a district's scale.
    cooperative = models.ForeignKey(
        Cooperative, verbose_name=_("koperasi"), on_delete=models.PROTECT, related_name="+"
    )
    entry_date = models.DateField(_("tanggal"))

    class Meta:
        verbose_name = _("baris jurnal")
        verbose_name_plural = _("baris jurnal")
        indexes = [
            models.Index(fields=["member", "account", "entry"]),
            models.Index(
                fields=["cooperative", "account", "entry_date"],
                include=["debit", "credit"],
                name="journal_line_ledger",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(debit__gt=0, credit=0) | models.Q(credit__gt=0, debit=0)),
                name="journal_line_one_side",
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry} · {self.account}"


METHOD_CHOICES = [
    (Method.FLAT.value, _("Bunga flat")),
    (Method.ANNUITY.value, _("Menurun, angsuran tetap (anuitas)")),
    (Method.EQUAL_PRINCIPAL.value, _("Menurun, pokok tetap")),
]
FREQUENCY_CHOICES = [
    (Frequency.MONTHLY.value, _("Bulanan")),
    (Frequency.WEEKLY.value, _("Mingguan")),
]
ROUNDING_CHOICES = [(1, "Rp 1"), (100, "Rp 100"), (500, "Rp 500"), (1000, "Rp 1.000")]


class LoanTerms(models.Model):
    """The terms a loan is computed with; a product offers them and a loan keeps its own copy,
    so changing a product never changes a loan already applied for."""

    method = models.CharField(_("metode bunga"), max_length=12, choices=METHOD_CHOICES)
    frequency = models.CharField(
        _("angsuran"), max_length=8, choices=FREQUENCY_CHOICES, default=Frequency.MONTHLY.value
    )
    monthly_rate = models.DecimalField(_("bunga per bulan (%)"), max_digits=5, decimal_places=2)
    grace_periods = models.PositiveSmallIntegerField(
        _("masa tenggang pokok (angsuran)"),
        default=0,
        help_text=_("Angsuran pertama yang hanya membayar bunga."),
    )
    rounding = models.PositiveIntegerField(
        _("pembulatan angsuran"), choices=ROUNDING_CHOICES, default=100
    )
    fee_per_instalment = models.BigIntegerField(_("biaya per angsuran (Rp)"), default=0)

    class Meta:
        abstract = True


class LoanProduct(LoanTerms, TimeStampedModel):
    cooperative = models.ForeignKey(
        Cooperative, verbose_name=_("koperasi"), on_delete=models.PROTECT, related_name="products"
    )
    name = models.CharField(_("nama produk"), max_length=100)
    max_principal = models.BigIntegerField(_("pinjaman paling besar (Rp)"))
    max_periods = models.PositiveSmallIntegerField(_("jumlah angsuran paling banyak"))
    active = models.BooleanField(_("ditawarkan"), default=True)

    class Meta:
        verbose_name = _("produk pinjaman")
        verbose_name_plural = _("produk pinjaman")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "name"], name="loan_product_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Loan(LoanTerms, TimeStampedModel):
    class Status(models.TextChoices):
        APPLIED = "diajukan", _("Diajukan")
        APPROVED = "disetujui", _("Disetujui")
        REJECTED = "ditolak", _("Ditolak")
        ACTIVE = "berjalan", _("Berjalan")
        CLOSED = "lunas", _("Lunas")

    cooperative = models.ForeignKey(
        Cooperative, verbose_name=_("koperasi"), on_delete=models.PROTECT, related_name="loans"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("anggota"), on_delete=models.PROTECT, related_name="loans"
    )
    product = models.ForeignKey(
        LoanProduct, verbose_name=_("produk"), on_delete=models.PROTECT, related_name="loans"
    )
    principal = models.BigIntegerField(_("pokok pinjaman (Rp)"))
    periods = models.PositiveSmallIntegerField(_("jumlah angsuran"))
    purpose = models.CharField(_("keperluan"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    applied_on = models.DateField(_("tanggal pengajuan"))
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.CharField(_("catatan keputusan"), max_length=200, blank=True)
    disbursed_on = models.DateField(_("tanggal pencairan"), null=True, blank=True)
    disbursement = models.OneToOneField(
        JournalEntry,
        verbose_name=_("jurnal pencairan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="loan_disbursed",
    )
    closed_on = models.DateField(_("tanggal lunas"), null=True, blank=True)
    # Kept by services._refresh so that arrears and PAR are one indexed query.
    outstanding_principal = models.BigIntegerField(_("sisa pokok (Rp)"), default=0)
    oldest_unpaid_due = models.DateField(_("jatuh tempo tertua belum dibayar"), null=True)

    class Meta:
        verbose_name = _("pinjaman")
        verbose_name_plural = _("pinjaman")
        ordering = ["-applied_on", "-pk"]
        indexes = [
            models.Index(fields=["cooperative", "applied_on"]),  # the loan book, newest first
            models.Index(fields=["cooperative", "status", "oldest_unpaid_due"]),
            models.Index(fields=["member", "status"]),
        ]

    def __str__(self) -> str:
        return f"PJ-{self.pk:06d}" if self.pk else "PJ-baru"

    def days_past_due(self, today) -> int:
        if self.status != self.Status.ACTIVE or self.oldest_unpaid_due is None:
            return 0
        return max((today - self.oldest_unpaid_due).days, 0)


class Instalment(models.Model):
    """One line of a loan's schedule and how much of it has been paid or waived."""

    loan = models.ForeignKey(
        Loan, verbose_name=_("pinjaman"), on_delete=models.CASCADE, related_name="instalments"
    )
    number = models.PositiveSmallIntegerField(_("angsuran ke"))
    due_date = models.DateField(_("jatuh tempo"))
    principal = models.BigIntegerField(_("pokok"))
    interest = models.BigIntegerField(_("bunga"))
    fee = models.BigIntegerField(_("biaya"))
    paid_principal = models.BigIntegerField(_("pokok dibayar"), default=0)
    paid_interest = models.BigIntegerField(_("bunga dibayar"), default=0)
    paid_fee = models.BigIntegerField(_("biaya dibayar"), default=0)
    waived = models.BigIntegerField(_("bunga dan biaya dihapus"), default=0)

    class Meta:
        verbose_name = _("angsuran")
        verbose_name_plural = _("angsuran")
        ordering = ["loan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="instalment_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.loan} #{self.number}"

    @property
    def total(self) -> int:
        return self.principal + self.interest + self.fee

    @property
    def paid(self) -> int:
        return self.paid_principal + self.paid_interest + self.paid_fee

    @property
    def unpaid(self) -> int:
        return self.total - self.paid - self.waived


class Repayment(models.Model):
    """Money received for a loan: one journal entry, split over the instalments."""

    loan = models.ForeignKey(
        Loan, verbose_name=_("pinjaman"), on_delete=models.PROTECT, related_name="repayments"
    )
    paid_on = models.DateField(_("tanggal bayar"))
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    principal = models.BigIntegerField(_("pokok"))
    interest = models.BigIntegerField(_("bunga"))
    fee = models.BigIntegerField(_("biaya"))
    settles = models.BooleanField(_("pelunasan dipercepat"), default=False)
    entry = models.OneToOneField(
        JournalEntry, verbose_name=_("jurnal"), on_delete=models.PROTECT, related_name="repayment"
    )
    reversal = models.OneToOneField(
        JournalEntry,
        verbose_name=_("jurnal koreksi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repayment_reversed",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("pembayaran angsuran")
        verbose_name_plural = _("pembayaran angsuran")
        ordering = ["paid_on", "pk"]

    def __str__(self) -> str:
        return f"{self.loan} · {self.paid_on}"


SHU_PARTS = {
    "cadangan": _("Cadangan"),
    "jasa_modal": _("Jasa modal anggota"),
    "jasa_usaha": _("Jasa usaha anggota"),
    "pengurus": _("Dana pengurus dan karyawan"),
    "pendidikan": _("Dana pendidikan"),
    "sosial": _("Dana sosial"),
}
# A common split in village cooperatives' bylaws (AD/ART); each year's RAT may decide another.
SHU_DEFAULT_PERCENTAGES = {
    "cadangan": 40,
    "jasa_modal": 20,
    "jasa_usaha": 25,
    "pengurus": 5,
    "pendidikan": 5,
    "sosial": 5,
}


class YearEnd(models.Model):
    """A closed financial year (tahun buku): its surplus (SHU), how it was split, and the
    closing journal entry. No entry may be dated in a closed year afterwards."""

    cooperative = models.ForeignKey(
        Cooperative, verbose_name=_("koperasi"), on_delete=models.PROTECT, related_name="years"
    )
    year = models.PositiveSmallIntegerField(_("tahun buku"))
    income = models.BigIntegerField(_("pendapatan"))
    costs = models.BigIntegerField(_("beban"))
    surplus = models.BigIntegerField(_("SHU"))
    percentages = models.JSONField(_("persentase pembagian SHU"))
    parts = models.JSONField(_("pembagian SHU (Rp)"))
    closing = models.OneToOneField(
        JournalEntry,
        verbose_name=_("jurnal penutup"),
        on_delete=models.PROTECT,
        related_name="year_closed",
    )
    payout = models.OneToOneField(
        JournalEntry,
        verbose_name=_("jurnal pembagian SHU"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="year_paid",
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ditutup oleh"), on_delete=models.PROTECT
    )
    closed_at = models.DateTimeField(_("ditutup"), auto_now_add=True)

    class Meta:
        verbose_name = _("tutup buku")
        verbose_name_plural = _("tutup buku")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "year"], name="year_end_once")
        ]

    def __str__(self) -> str:
        return f"{self.cooperative} {self.year}"


class ShuShare(models.Model):
    """A member's share of a year's SHU: jasa modal by savings, jasa usaha by transactions."""

    year_end = models.ForeignKey(
        YearEnd, verbose_name=_("tutup buku"), on_delete=models.CASCADE, related_name="shares"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("anggota"), on_delete=models.PROTECT, related_name="shu_shares"
    )
    savings = models.BigIntegerField(_("simpanan pokok dan wajib (Rp)"))
    transactions = models.BigIntegerField(_("jasa dan biaya pinjaman dibayar (Rp)"))
    jasa_modal = models.BigIntegerField(_("jasa modal"))
    jasa_usaha = models.BigIntegerField(_("jasa usaha"))
    total = models.BigIntegerField(_("jumlah"))

    class Meta:
        verbose_name = _("bagian SHU anggota")
        verbose_name_plural = _("bagian SHU anggota")
        ordering = ["year_end", "member__number"]
        constraints = [
            models.UniqueConstraint(fields=["year_end", "member"], name="shu_share_once")
        ]

    def __str__(self) -> str:
        return f"{self.year_end} · {self.member}"
