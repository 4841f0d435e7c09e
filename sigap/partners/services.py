"""Every write to the service directory: organisations, their services and contact points, and
which Mitra users are their staff.

Each write needs ``Cap.MANAGE_PARTNERS`` (``actor`` None means the command line, the server's
operator). Bad input raises ``ValidationError`` keyed by the field, in Bahasa Indonesia, and
nothing is written.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from sigap.accounts.models import User
from sigap.core.roles import Cap, Role
from sigap.partners import phones
from sigap.partners.models import ContactPoint, NeedArea, Organisation, Service, Staff

# Free-text limits (the model's own where it has one; long texts get a sensible cap).
LIMITS = {
    "name": 200,
    "address": 300,
    "area": 200,
    "phone": 30,
    "email": 254,
    "opening_hours": 100,
    "notes": 2000,
    "description": 1000,
    "contact_name": 150,
    "position": 150,
}


def _require(actor, cap: Cap) -> None:
    if actor is not None and not actor.can(cap):
        raise PermissionDenied


def _squash(value: str) -> str:
    """Trimmed, with runs of spaces made one (names compared for duplicates this way)."""
    return " ".join((value or "").split())


class _Errors(dict):
    """Field → message, raised together so the user sees every problem at once."""

    def text(self, field: str, value: str, *, label: str, limit: int, required: bool = False):
        value = (value or "").strip()
        if required and not value:
            self[field] = _("%(field)s wajib diisi.") % {"field": label}
        elif len(value) > limit:
            self[field] = _(
                "%(field)s paling banyak %(limit)s karakter; yang dimasukkan %(count)s."
            ) % {"field": label, "limit": limit, "count": len(value)}
        return value

    def phone(self, field: str, value: str) -> str:
        value = (value or "").strip()
        if value and not phones.is_plausible(value):
            self[field] = _(
                "Nomor telepon hanya berisi angka (3 sampai 15 angka), boleh dengan spasi, "
                "tanda kurung, tanda - dan + di depan; misalnya 0370-555-0101 atau "
                "0812-0000-0101."
            )
        elif len(value) > LIMITS["phone"]:
            self[field] = _("Nomor telepon paling banyak %(limit)s karakter.") % {
                "limit": LIMITS["phone"]
            }
        return value

    def email(self, field: str, value: str) -> str:
        value = (value or "").strip()
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self[field] = _("Alamat email tidak sah; contohnya layanan@contoh.go.id.")
            else:
                if len(value) > LIMITS["email"]:
                    self[field] = _("Alamat email paling banyak %(limit)s karakter.") % {
                        "limit": LIMITS["email"]
                    }
        return value

    def raise_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


# --- Organisations ---------------------------------------------------------------------------


@dataclass
class OrganisationData:
    """What the organisation form says about an organisation."""

    name: str
    kind: str
    address: str = ""
    area: str = ""
    phone: str = ""
    email: str = ""
    opening_hours: str = ""
    notes: str = ""
    is_active: bool = True


def _clean_organisation(data: OrganisationData, *, exclude_pk: int | None = None) -> dict:
    errors = _Errors()
    name = _squash(
        errors.text("name", data.name, label=_("Nama lembaga"), limit=LIMITS["name"], required=True)
    )
    if name and "name" not in errors:
        clash = Organisation.objects.filter(name__iexact=name).exclude(pk=exclude_pk).first()
        if clash is not None:
            errors["name"] = format_html(
                '{} <a href="{}">{}</a>',
                _("Lembaga “%(name)s” sudah ada di direktori; nama lembaga tidak boleh sama.")
                % {"name": clash.name},
                reverse("partners:organisation_detail", args=[clash.pk]),
                _("Buka lembaga itu"),
            )
    if data.kind not in Organisation.Kind.values:
        errors["kind"] = _("Pilih jenis lembaga dari daftar.")
    cleaned = {
        "name": name,
        "kind": data.kind,
        "address": errors.text("address", data.address, label=_("Alamat"), limit=LIMITS["address"]),
        "area": errors.text("area", data.area, label=_("Wilayah layanan"), limit=LIMITS["area"]),
        "phone": errors.phone("phone", data.phone),
        "email": errors.email("email", data.email),
        "opening_hours": errors.text(
            "opening_hours",
            data.opening_hours,
            label=_("Jam layanan"),
            limit=LIMITS["opening_hours"],
        ),
        "notes": errors.text("notes", data.notes, label=_("Catatan"), limit=LIMITS["notes"]),
        "is_active": bool(data.is_active),
    }
    errors.raise_any()
    return cleaned


@transaction.atomic
def organisation_create(*, actor, data: OrganisationData) -> Organisation:
    """Add an organisation to the directory. Its name must be new (case and spaces ignored)."""
    _require(actor, Cap.MANAGE_PARTNERS)
    return Organisation.objects.create(**_clean_organisation(data))


@transaction.atomic
def organisation_update(
    *, actor, organisation: Organisation, data: OrganisationData
) -> Organisation:
    """Change an organisation's facts, under the same rules as ``organisation_create``.

    ``data.is_active`` False takes the organisation out of the directory's lists and of the
    services offered for referral; its history (services, referrals, staff) is kept."""
    _require(actor, Cap.MANAGE_PARTNERS)
    for field, value in _clean_organisation(data, exclude_pk=organisation.pk).items():
        setattr(organisation, field, value)
    organisation.save()
    return organisation


# --- Services ---------------------------------------------------------------------------------


def _clean_service(
    organisation: Organisation,
    *,
    area: str,
    name: str,
    description: str,
    exclude_pk: int | None = None,
) -> dict:
    errors = _Errors()
    if area not in NeedArea.values:
        errors["area"] = _("Pilih bidang layanan dari daftar.")
    name = _squash(
        errors.text("name", name, label=_("Nama layanan"), limit=LIMITS["name"], required=True)
    )
    if name and "name" not in errors and "area" not in errors:
        clash = organisation.services.filter(area=area, name__iexact=name).exclude(pk=exclude_pk)
        if clash.exists():
            errors["name"] = _(
                "Layanan “%(name)s” di bidang %(area)s sudah ada di lembaga ini."
            ) % {"name": name, "area": NeedArea(area).label}
    description = errors.text(
        "description", description, label=_("Keterangan"), limit=LIMITS["description"]
    )
    errors.raise_any()
    return {"area": area, "name": name, "description": description}


@transaction.atomic
def service_add(
    *,
    actor,
    organisation: Organisation,
    area: str,
    name: str,
    description: str = "",
    is_free: bool = True,
) -> Service:
    """Add a service in one area of need. The same name twice in one area is refused."""
    _require(actor, Cap.MANAGE_PARTNERS)
    cleaned = _clean_service(organisation, area=area, name=name, description=description)
    return Service.objects.create(organisation=organisation, is_free=bool(is_free), **cleaned)


@transaction.atomic
def service_update(
    *, actor, service: Service, area: str, name: str, description: str = "", is_free: bool = True
) -> Service:
    """Change a service, under the same rules as ``service_add``. Referrals already sent to it
    keep pointing at it."""
    _require(actor, Cap.MANAGE_PARTNERS)
    cleaned = _clean_service(
        service.organisation, area=area, name=name, description=description, exclude_pk=service.pk
    )
    for field, value in cleaned.items():
        setattr(service, field, value)
    service.is_free = bool(is_free)
    service.save()
    return service


@transaction.atomic
def service_remove(*, actor, service: Service) -> None:
    """Remove a service. One that referrals already point at is refused (their history would
    lose its service); change it instead."""
    _require(actor, Cap.MANAGE_PARTNERS)
    try:
        service.delete()
    except ProtectedError as exc:
        raise ValidationError(
            {
                "service": _(
                    "Layanan “%(name)s” sudah dipakai dalam rujukan, jadi tidak dapat dihapus. "
                    "Ubah nama atau keterangannya bila layanan itu berubah."
                )
                % {"name": service.name}
            }
        ) from exc


# --- Contact points ---------------------------------------------------------------------------


@transaction.atomic
def contact_add(
    *,
    actor,
    organisation: Organisation,
    name: str,
    position: str = "",
    phone: str = "",
    email: str = "",
) -> ContactPoint:
    """Add a person or desk to contact. A phone/WhatsApp number or an email is required: a
    contact nobody can reach is of no use at 2 a.m."""
    _require(actor, Cap.MANAGE_PARTNERS)
    errors = _Errors()
    name = _squash(
        errors.text(
            "name", name, label=_("Nama narahubung"), limit=LIMITS["contact_name"], required=True
        )
    )
    position = errors.text("position", position, label=_("Jabatan"), limit=LIMITS["position"])
    phone = errors.phone("phone", phone)
    email = errors.email("email", email)
    if not phone and not email and "phone" not in errors and "email" not in errors:
        errors["phone"] = _(
            "Isi nomor telepon/WhatsApp atau email, supaya narahubung ini bisa dihubungi."
        )
    errors.raise_any()
    return ContactPoint.objects.create(
        organisation=organisation, name=name, position=position, phone=phone, email=email
    )


@transaction.atomic
def contact_remove(*, actor, contact: ContactPoint) -> None:
    """Remove a contact point (the audit log keeps what it said)."""
    _require(actor, Cap.MANAGE_PARTNERS)
    contact.delete()


# --- Staff (Mitra users) ---------------------------------------------------------------------


@transaction.atomic
def staff_add(*, actor, organisation: Organisation, user: User) -> Staff:
    """Make ``user`` staff of ``organisation``. Only active users with the Mitra role, and only
    one organisation per user: a Mitra sees the referrals of their one organisation."""
    _require(actor, Cap.MANAGE_PARTNERS)
    name = user.full_name or user.username
    if not organisation.is_active:
        raise ValidationError(
            {"user": _("Lembaga ini nonaktif; aktifkan dulu sebelum menambah staf.")}
        )
    if not user.is_active:
        raise ValidationError(
            {
                "user": _("Akun %(name)s nonaktif; aktifkan dulu di halaman Pengguna.")
                % {"name": name}
            }
        )
    if not user.has_role(Role.MITRA):
        raise ValidationError(
            {
                "user": _(
                    "%(name)s tidak punya peran Mitra. Hanya pengguna berperan Mitra yang dapat "
                    "menjadi staf lembaga; berikan peran itu dulu di halaman Pengguna."
                )
                % {"name": name}
            }
        )
    current = Staff.objects.select_related("organisation").filter(user=user).first()
    if current is not None:
        if current.organisation_id == organisation.pk:
            message = _("%(name)s sudah menjadi staf lembaga ini.") % {"name": name}
        else:
            message = _(
                "%(name)s sudah menjadi staf %(organisation)s. Satu pengguna hanya untuk satu "
                "lembaga: lepaskan dulu dari lembaga itu."
            ) % {"name": name, "organisation": current.organisation.name}
        raise ValidationError({"user": message})
    return Staff.objects.create(user=user, organisation=organisation)


@transaction.atomic
def staff_remove(*, actor, staff: Staff) -> None:
    """End a user's link to their organisation (the user and their role stay)."""
    _require(actor, Cap.MANAGE_PARTNERS)
    staff.delete()
