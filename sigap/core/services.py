"""Writes to the village's territory: desa, dusun, RW, RT."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sigap.core import regions
from sigap.core.models import Dusun, RukunTetangga, RukunWarga, Village
from sigap.core.roles import Cap


def _require(actor, cap: Cap) -> None:
    if actor is not None and not actor.can(cap):
        raise PermissionDenied


def _three_digits(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value.isdigit() or not 1 <= int(value) <= 999:
        raise ValidationError({field: _("Harus angka 1 sampai 999, misalnya 1 atau 001.")})
    return f"{int(value):03d}"


@transaction.atomic
def village_setup(*, actor, code: str, postal_code: str = "", address: str = "") -> Village:
    """Create (or update) the village with Kemendagri ``code``; its name comes from the code list.
    ``actor`` None means the command line (the server's operator)."""
    _require(actor, Cap.MANAGE_VILLAGE)
    code = code.replace(".", "").strip()
    if len(code) != 10 or not code.isdigit():
        raise ValidationError(
            {"code": _("Kode desa harus 10 angka tanpa titik, misalnya 5201012007.")}
        )
    place = regions.place_of(code)
    if place is None:
        raise ValidationError(
            {"code": _("Kode %(code)s tidak ada dalam daftar kode Kemendagri.") % {"code": code}}
        )
    village, _created = Village.objects.update_or_create(
        code=code,
        defaults={"name": place.name, "postal_code": postal_code, "address": address},
    )
    return village


@transaction.atomic
def dusun_create(*, actor, village: Village, name: str) -> Dusun:
    """Add a dusun; names are unique within the village (case and spaces ignored)."""
    _require(actor, Cap.MANAGE_VILLAGE)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Nama dusun wajib diisi.")})
    if village.dusun_set.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Dusun “%(name)s” sudah ada.") % {"name": name}})
    return Dusun.objects.create(village=village, name=name)


@transaction.atomic
def dusun_rename(*, actor, dusun: Dusun, name: str) -> Dusun:
    _require(actor, Cap.MANAGE_VILLAGE)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Nama dusun wajib diisi.")})
    clash = dusun.village.dusun_set.filter(name__iexact=name).exclude(pk=dusun.pk)
    if clash.exists():
        raise ValidationError({"name": _("Dusun “%(name)s” sudah ada.") % {"name": name}})
    dusun.name = name
    dusun.save(update_fields=["name", "updated_at"])
    return dusun


@transaction.atomic
def rw_create(*, actor, dusun: Dusun, number: str) -> RukunWarga:
    """Add an RW to a dusun. RW numbers are unique within the village."""
    _require(actor, Cap.MANAGE_VILLAGE)
    number = _three_digits(number, "number")
    if RukunWarga.objects.filter(dusun__village=dusun.village, number=number).exists():
        raise ValidationError(
            {"number": _("RW %(number)s sudah ada di desa ini.") % {"number": number}}
        )
    return RukunWarga.objects.create(dusun=dusun, number=number)


@transaction.atomic
def rt_create(*, actor, rw: RukunWarga, number: str) -> RukunTetangga:
    """Add an RT to an RW. RT numbers are unique within their RW."""
    _require(actor, Cap.MANAGE_VILLAGE)
    number = _three_digits(number, "number")
    if rw.rt_set.filter(number=number).exists():
        raise ValidationError(
            {
                "number": _("RT %(number)s sudah ada di RW %(rw)s.")
                % {"number": number, "rw": rw.number}
            }
        )
    return RukunTetangga.objects.create(rw=rw, number=number)
