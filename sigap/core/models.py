"""Shared bricks: the base model and the village's territory (desa → dusun → RW → RT).

The territory lives in ``core`` rather than ``registry`` because accounts (a Kader's dusun),
registry and every later app refer to it, and ``core`` is the one layer they may all import.
See docs/decisions/0002-territory-in-core.md.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

village_code_validator = RegexValidator(
    r"^\d{10}$", _("Kode desa harus 10 angka tanpa titik, misalnya 5201012007.")
)
rt_rw_validator = RegexValidator(r"^\d{3}$", _("Harus 3 angka, misalnya 001."))


class TimeStampedModel(models.Model):
    """Base for domain records: when a row was created and last changed (who: the audit log)."""

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class Village(TimeStampedModel):
    """A desa or kelurahan, keyed by its 10-digit Kemendagri code (without dots)."""

    code = models.CharField(
        _("kode Kemendagri"), max_length=10, unique=True, validators=[village_code_validator]
    )
    name = models.CharField(_("nama"), max_length=100)
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)
    address = models.CharField(_("alamat kantor desa"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("desa")
        verbose_name_plural = _("desa")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def kecamatan_code(self) -> str:
        return self.code[:6]


class Dusun(TimeStampedModel):
    village = models.ForeignKey(
        Village, verbose_name=_("desa"), on_delete=models.PROTECT, related_name="dusun_set"
    )
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("dusun")
        verbose_name_plural = _("dusun")
        ordering = ["village", "name"]
        constraints = [
            models.UniqueConstraint(fields=["village", "name"], name="dusun_unique_name_in_village")
        ]

    def __str__(self) -> str:
        return self.name


class RukunWarga(TimeStampedModel):
    dusun = models.ForeignKey(
        Dusun, verbose_name=_("dusun"), on_delete=models.PROTECT, related_name="rw_set"
    )
    number = models.CharField(_("nomor RW"), max_length=3, validators=[rt_rw_validator])

    class Meta:
        verbose_name = _("RW")
        verbose_name_plural = _("RW")
        ordering = ["dusun", "number"]
        constraints = [
            models.UniqueConstraint(fields=["dusun", "number"], name="rw_unique_number_in_dusun")
        ]

    def __str__(self) -> str:
        return f"RW {self.number}"


class RukunTetangga(TimeStampedModel):
    rw = models.ForeignKey(
        RukunWarga, verbose_name=_("RW"), on_delete=models.PROTECT, related_name="rt_set"
    )
    number = models.CharField(_("nomor RT"), max_length=3, validators=[rt_rw_validator])

    class Meta:
        verbose_name = _("RT")
        verbose_name_plural = _("RT")
        ordering = ["rw", "number"]
        constraints = [
            models.UniqueConstraint(fields=["rw", "number"], name="rt_unique_number_in_rw")
        ]

    def __str__(self) -> str:
        return f"RT {self.number}"  # cheap: no query for the RW (audit pages list many)
