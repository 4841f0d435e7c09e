"""Every write to the registry: households, residents, their KK history and life events."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from sigap.core.models import Dusun, RukunTetangga
from sigap.core.roles import Cap
from sigap.registry import codes, names, nik
from sigap.registry.models import Household, LifeEvent, Membership, Resident, ResidentNameKey
from sigap.registry.rules import can_edit_dusun

RESIDENT_FIELDS = [
    "name",
    "sex",
    "birth_place",
    "birth_date",
    "religion",
    "education",
    "occupation",
    "marital_status",
    "citizenship",
    "father_name",
    "mother_name",
    "phone",
    "disability",
    "in_school",
    "whereabouts",
    "abroad_country",
    "whereabouts_detail",
    "relationship",
]


@dataclass
class ResidentData:
    """What a form or an import says about a person. ``nik`` may be empty with a reason."""

    name: str
    sex: str
    nik: str = ""
    no_nik_reason: str = ""
    birth_place: str = ""
    birth_date: date | None = None
    religion: int | None = None
    education: int | None = None
    occupation: int | None = None
    marital_status: int | None = None
    citizenship: int = codes.Citizenship.WNI
    father_name: str = ""
    mother_name: str = ""
    phone: str = ""
    disability: int = codes.Disability.NONE
    in_school: bool | None = None
    whereabouts: str = codes.Whereabouts.VILLAGE
    abroad_country: str = ""
    whereabouts_detail: str = ""
    relationship: int | None = None
    confirm_nik_warnings: bool = False
    extra: dict = field(default_factory=dict)


class NikWarnings(ValidationError):
    """The NIK is valid but disagrees with the record; the user must confirm to go on."""

    def __init__(self, warnings: list[str]):
        super().__init__({"nik": warnings})
        self.warnings = warnings


def _require_dusun(actor, dusun: Dusun) -> None:
    if not can_edit_dusun(actor, dusun):
        raise PermissionDenied


def check_nik(
    value: str, *, sex: str, birth_date: date | None, exclude_pk: int | None = None
) -> tuple[str | None, list[str]]:
    """Normalise and check a NIK for a person; returns (nik or None, warnings).

    Raises ValidationError on ``nik`` for a malformed NIK (naming the part) and for a NIK that
    another person already has (with a link to that person)."""
    if not (value or "").strip():
        return None, []
    try:
        info = nik.parse_nik(value)
    except nik.NikError as exc:
        raise ValidationError({"nik": str(exc)}) from exc
    holder = Resident.objects.filter(nik=info.nik).exclude(pk=exclude_pk).first()
    if holder is not None:
        link = reverse("registry:resident_detail", args=[holder.pk])
        raise ValidationError(
            {
                "nik": format_html(
                    '{} <a href="{}">{}</a>',
                    _("NIK %(nik)s sudah dipakai penduduk lain.") % {"nik": info.nik},
                    link,
                    _("Lihat penduduk itu"),
                )
            }
        )
    return info.nik, nik.nik_warnings(info, sex=sex, birth_date=birth_date)


def _validate(data: ResidentData) -> None:
    errors = {}
    if not data.name.strip():
        errors["name"] = _("Nama wajib diisi.")
    if data.sex not in codes.Sex.values:
        errors["sex"] = _("Pilih jenis kelamin.")
    if data.birth_date and data.birth_date > timezone.localdate():
        errors["birth_date"] = _("Tanggal lahir tidak boleh di masa depan.")
    if not data.nik.strip() and data.no_nik_reason not in codes.NoNikReason.values:
        errors["no_nik_reason"] = _("Tanpa NIK, pilih alasannya.")
    if data.whereabouts == codes.Whereabouts.ABROAD and not data.abroad_country.strip():
        errors["abroad_country"] = _("Untuk yang di luar negeri, isi negaranya.")
    if errors:
        raise ValidationError(errors)


def index_name(resident: Resident) -> None:
    """Rebuild the search keys of a resident's name."""
    ResidentNameKey.objects.filter(resident=resident).delete()
    ResidentNameKey.objects.bulk_create(
        ResidentNameKey(resident=resident, key=key[:60]) for key in names.index_keys(resident.name)
    )


def _next_temp_number(village_code: str) -> str:
    prefix = f"0{village_code}"
    last = (
        Resident.objects.filter(temp_number__startswith=prefix)
        .order_by("-temp_number")
        .values_list("temp_number", flat=True)
        .first()
    )
    serial = int(last[-5:]) + 1 if last else 1
    return nik.temporary_number(village_code, serial)


def _apply(resident: Resident, data: ResidentData) -> None:
    for name in RESIDENT_FIELDS:
        value = getattr(data, name)
        setattr(resident, name, value.strip() if isinstance(value, str) else value)
    if resident.whereabouts != codes.Whereabouts.ABROAD:
        resident.abroad_country = ""


@transaction.atomic
def resident_create(
    *, actor, household: Household, data: ResidentData, joined_on: date | None = None
) -> Resident:
    """Add a person to a household. A malformed or duplicate NIK is refused; a NIK that
    disagrees with sex or birth date raises ``NikWarnings`` unless confirmed. Without a NIK the
    reason is required and a temporary number is given."""
    _require_dusun(actor, household.dusun)
    _validate(data)
    number, warnings = check_nik(data.nik, sex=data.sex, birth_date=data.birth_date)
    if warnings and not data.confirm_nik_warnings:
        raise NikWarnings(warnings)
    resident = Resident(
        village=household.village,
        dusun=household.dusun,
        household=household,
        nik=number,
        no_nik_reason="" if number else data.no_nik_reason,
        nik_anomaly_confirmed=bool(warnings),
    )
    _apply(resident, data)
    if number is None:
        resident.temp_number = _next_temp_number(household.village.code)
    resident.save()
    index_name(resident)
    Membership.objects.create(
        resident=resident,
        household=household,
        kk_number=household.kk_number or "",
        relationship=resident.relationship,
        started_on=joined_on,
    )
    if resident.relationship == codes.FamilyRelationship.HEAD and household.head_id is None:
        household.head = resident
        household.save(update_fields=["head", "updated_at"])
    return resident


@transaction.atomic
def resident_update(*, actor, resident: Resident, data: ResidentData) -> Resident:
    """Change a person's facts, under the same NIK rules as ``resident_create``."""
    _require_dusun(actor, resident.dusun)
    _validate(data)
    number, warnings = check_nik(
        data.nik, sex=data.sex, birth_date=data.birth_date, exclude_pk=resident.pk
    )
    if warnings and not data.confirm_nik_warnings and not _same_as_confirmed(resident, number):
        raise NikWarnings(warnings)
    old_name = resident.name
    resident.nik = number
    resident.no_nik_reason = "" if number else data.no_nik_reason
    resident.nik_anomaly_confirmed = bool(warnings)
    if number is None and not resident.temp_number:
        resident.temp_number = _next_temp_number(resident.village.code)
    elif number is not None:
        resident.temp_number = None  # the NIK replaces it (the audit log keeps the old one)
    _apply(resident, data)
    resident.save()
    if resident.name != old_name:
        index_name(resident)
    return resident


def _same_as_confirmed(resident: Resident, number: str | None) -> bool:
    return resident.nik_anomaly_confirmed and resident.nik == number


@transaction.atomic
def household_create(
    *,
    actor,
    dusun: Dusun,
    kk_number: str = "",
    address: str = "",
    rt: RukunTetangga | None = None,
    **facts,
) -> Household:
    """A new family card. The No. KK, when given, must be 16 digits and not already used."""
    _require_dusun(actor, dusun)
    number = _check_kk(kk_number)
    if rt is not None and rt.rw.dusun_id != dusun.pk:
        raise ValidationError({"rt": _("RT ini bukan bagian dari dusun yang dipilih.")})
    household = Household(
        village=dusun.village, dusun=dusun, rt=rt, kk_number=number, address=address.strip()
    )
    for name, value in facts.items():
        setattr(household, name, value)
    household.full_clean(exclude=["head"])
    household.save()
    return household


@transaction.atomic
def household_update(
    *, actor, household: Household, kk_number: str = "", address: str = "", rt=None, **facts
) -> Household:
    """Change a family's card facts. A new No. KK closes each member's KK period and opens a
    new one, so the history keeps every number the family has had."""
    _require_dusun(actor, household.dusun)
    number = _check_kk(kk_number, exclude_pk=household.pk)
    if rt is not None and rt.rw.dusun_id != household.dusun_id:
        raise ValidationError({"rt": _("RT ini bukan bagian dari dusun yang dipilih.")})
    if number != household.kk_number:
        # Only open periods move to the new card: the dead and those who left keep theirs closed.
        today = timezone.localdate()
        for period in Membership.objects.filter(household=household, ended_on__isnull=True):
            period.ended_on, period.end_reason = today, _("No. KK diganti")
            period.save(update_fields=["ended_on", "end_reason"])
            Membership.objects.create(
                resident_id=period.resident_id,
                household=household,
                kk_number=number or "",
                relationship=period.relationship,
                started_on=today,
            )
    household.kk_number = number
    household.address = address.strip()
    household.rt = rt
    for name, value in facts.items():
        setattr(household, name, value)
    household.save()
    return household


def _check_kk(value: str, *, exclude_pk: int | None = None) -> str | None:
    if not (value or "").strip():
        return None
    try:
        info = nik.parse_kk(value)
    except nik.NikError as exc:
        raise ValidationError({"kk_number": str(exc)}) from exc
    holder = Household.objects.filter(kk_number=info.kk_number).exclude(pk=exclude_pk).first()
    if holder is not None:
        raise ValidationError(
            {
                "kk_number": format_html(
                    '{} <a href="{}">{}</a>',
                    _("No. KK %(kk)s sudah dipakai keluarga lain.") % {"kk": info.kk_number},
                    reverse("registry:household_detail", args=[holder.pk]),
                    _("Lihat keluarga itu"),
                )
            }
        )
    return info.kk_number


EVENT_EFFECTS = {
    codes.LifeEventKind.DEATH: {"basic_status": codes.BasicStatus.DEAD},
    codes.LifeEventKind.MOVE_OUT: {"basic_status": codes.BasicStatus.MOVED},
    codes.LifeEventKind.MOVE_IN: {"basic_status": codes.BasicStatus.ALIVE},
    codes.LifeEventKind.DEPARTURE_ABROAD: {"whereabouts": codes.Whereabouts.ABROAD},
    codes.LifeEventKind.RETURN: {
        "whereabouts": codes.Whereabouts.VILLAGE,
        "abroad_country": "",
        "basic_status": codes.BasicStatus.ALIVE,
    },
    codes.LifeEventKind.MARRIAGE: {"marital_status": codes.MaritalStatus.MARRIED},
}


@transaction.atomic
def life_event_record(
    *,
    actor,
    resident: Resident,
    kind: str,
    occurred_on: date,
    place: str = "",
    country: str = "",
    note: str = "",
    new_household: Household | None = None,
    relationship: int | None = None,
) -> LifeEvent:
    """Record an event in a person's life and apply what it means for their record: a death or
    a move out takes them off the living list, going abroad records the country, a change of
    household closes one KK period and opens the next."""
    _require_dusun(actor, resident.dusun)
    if kind not in codes.LifeEventKind.values:
        raise ValidationError({"kind": _("Pilih jenis peristiwa.")})
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("Tanggal peristiwa tidak boleh di masa depan.")})
    if kind == codes.LifeEventKind.DEPARTURE_ABROAD and not country.strip():
        raise ValidationError({"country": _("Isi negara tujuan.")})
    if kind == codes.LifeEventKind.MOVE_OUT and not place.strip():
        raise ValidationError({"place": _("Isi tujuan pindah.")})
    if kind == codes.LifeEventKind.HOUSEHOLD_CHANGE:
        if new_household is None:
            raise ValidationError({"new_household": _("Pilih keluarga (KK) yang baru.")})
        _require_dusun(actor, new_household.dusun)
    event = LifeEvent.objects.create(
        resident=resident,
        kind=kind,
        occurred_on=occurred_on,
        place=place.strip(),
        country=country.strip(),
        note=note.strip(),
        recorded_by=actor,
    )
    for name, value in EVENT_EFFECTS.get(kind, {}).items():
        setattr(resident, name, value)
    if kind == codes.LifeEventKind.DEPARTURE_ABROAD:
        resident.abroad_country = country.strip()
    if kind in (codes.LifeEventKind.DEATH, codes.LifeEventKind.MOVE_OUT):
        _close_membership(resident, occurred_on, str(codes.LifeEventKind(kind).label))
    if kind == codes.LifeEventKind.HOUSEHOLD_CHANGE:
        _close_membership(resident, occurred_on, str(codes.LifeEventKind(kind).label))
        resident.household = new_household
        resident.dusun = new_household.dusun
        resident.village = new_household.village
        resident.relationship = relationship
        Membership.objects.create(
            resident=resident,
            household=new_household,
            kk_number=new_household.kk_number or "",
            relationship=relationship,
            started_on=occurred_on,
        )
    if kind == codes.LifeEventKind.HOUSEHOLD_CHANGE:
        _step_down_as_head(resident)
        if relationship == codes.FamilyRelationship.HEAD and new_household.head_id is None:
            new_household.head = resident
            new_household.save(update_fields=["head", "updated_at"])
    resident.save()
    if kind in (codes.LifeEventKind.DEATH, codes.LifeEventKind.MOVE_OUT):
        _step_down_as_head(resident)
    return event


def _close_membership(resident: Resident, day: date, reason: str) -> None:
    for period in Membership.objects.filter(resident=resident, ended_on__isnull=True):
        period.ended_on, period.end_reason = day, reason  # saved one by one: audited
        period.save(update_fields=["ended_on", "end_reason"])


def _step_down_as_head(resident: Resident) -> None:
    for household in Household.objects.filter(head=resident):
        household.head = None
        household.save(update_fields=["head", "updated_at"])


def require_registry_view(user) -> None:
    if not user.can(Cap.VIEW_REGISTRY):
        raise PermissionDenied
