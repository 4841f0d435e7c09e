"""The village cooperative's members and its append-only double-entry journal.

Money is whole rupiah in ``BigIntegerField``. A journal entry is never changed or deleted: a
mistake is corrected by a reversing entry (``reverses``). Member savings are journal lines on
the savings accounts that carry the member, so a passbook and the ledger can never disagree.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sigap.core.models import TimeStampedModel, Village
from sigap.economy.ledger import Account
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

    class Meta:
        verbose_name = _("baris jurnal")
        verbose_name_plural = _("baris jurnal")
        indexes = [
            models.Index(fields=["member", "account", "entry"]),
            models.Index(fields=["account", "entry"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(debit__gt=0, credit=0) | models.Q(credit__gt=0, debit=0)),
                name="journal_line_one_side",
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry} · {self.account}"
