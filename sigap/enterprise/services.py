"""Every write to the entrepreneurship groups. Only holders of ``manage_groups`` write
(``PermissionDenied`` otherwise). Bad input raises ``ValidationError`` with a dict naming the field,
in Bahasa Indonesia, and nothing is written."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sigap.core import validation
from sigap.core.models import Village
from sigap.core.roles import Cap
from sigap.enterprise.models import (
    Funding,
    Group,
    GroupMember,
    HouseholdIncome,
    MentoringVisit,
    MonthlyFigure,
)
from sigap.registry.codes import BasicStatus, IncomeBand
from sigap.registry.models import Resident

ADULT_AGE = 18  # no child works in a group: the programme fights child labour as well
# A group's money above this is a typing mistake (an extra zero), not a village business.
MAX_AMOUNT = 10_000_000_000


def is_adult(resident: Resident, today: date | None = None) -> bool:
    """18 or older on ``today`` (an unknown birth date is not held against the person)."""
    if resident.birth_date is None:
        return True
    today = today or timezone.localdate()
    born = resident.birth_date
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age >= ADULT_AGE


def _require(actor) -> None:
    if actor is None or not actor.can(Cap.MANAGE_GROUPS):
        raise PermissionDenied


_text = validation.text
_choice = validation.choice


def _day(value, field: str, *, not_before: date | None = None, before_label: str = "") -> date:
    if not isinstance(value, date):
        raise ValidationError({field: _("Isi tanggal, misalnya 15/03/2026.")})
    if value > timezone.localdate():
        raise ValidationError({field: _("Tanggal tidak boleh di masa depan.")})
    if not_before and value < not_before:
        raise ValidationError(
            {
                field: _("Tanggal tidak boleh sebelum %(what)s (%(date)s).")
                % {"what": before_label, "date": date_format(not_before, "DATE_FORMAT")}
            }
        )
    return value


def _rupiah(value, field: str, *, positive: bool = True, allow_negative: bool = False) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError({field: _("Tulis jumlah dalam rupiah bulat, tanpa titik atau koma.")})
    if abs(value) > MAX_AMOUNT:
        raise ValidationError({field: _("Jumlah ini terlalu besar; periksa jumlah angka nolnya.")})
    if positive and value <= 0:
        raise ValidationError({field: _("Jumlah harus lebih dari nol.")})
    if not allow_negative and value < 0:
        raise ValidationError({field: _("Jumlah tidak boleh kurang dari nol.")})
    return value


def _band(value, field: str, *, required: bool = True) -> int | None:
    if value in (None, ""):
        if required:
            raise ValidationError({field: _("Pilih golongan penghasilan keluarga per bulan.")})
        return None
    if value not in IncomeBand.values:
        raise ValidationError({field: _("Pilih golongan penghasilan dari daftar.")})
    return int(value)


def _facilitator(user, field: str = "facilitator"):
    if user is None or not user.is_active or not user.can(Cap.MANAGE_GROUPS):
        raise ValidationError(
            {field: _("Pendamping usaha harus pengguna aktif berperan Koordinator atau Pengurus.")}
        )
    return user


def _open(group: Group, field: str | None = None) -> None:
    if not group.active:
        message = _("Kelompok ini sudah berhenti; catatan baru tidak dapat ditambahkan.")
        raise ValidationError({field: message} if field else message)


@transaction.atomic
def group_create(
    *,
    actor,
    village: Village,
    name: str,
    kind: str,
    sector: str,
    started_on: date,
    facilitator,
    description: str = "",
    stage: str = Group.Stage.STARTING,
) -> Group:
    """A new group of the village; its name is unique in the village (ignoring case)."""
    _require(actor)
    name = _text(name, "name", label=_("Nama kelompok"), max_length=150)
    if Group.objects.filter(village=village, name__iexact=name).exists():
        raise ValidationError({"name": _("Nama kelompok ini sudah dipakai di desa ini.")})
    return Group.objects.create(
        village=village,
        name=name,
        kind=_choice(kind, Group.Kind, "kind", _("jenis kelompok")),
        sector=_choice(sector, Group.Sector, "sector", _("bidang usaha")),
        description=_text(
            description, "description", label=_("Uraian usaha"), max_length=2000, required=False
        ),
        started_on=_day(started_on, "started_on"),
        stage=_choice(stage, Group.Stage, "stage", _("tahap")),
        facilitator=_facilitator(facilitator),
    )


@transaction.atomic
def group_update(
    *,
    actor,
    group: Group,
    name: str,
    kind: str,
    sector: str,
    description: str,
    started_on: date,
    stage: str,
    facilitator,
    ended_on: date | None = None,
    end_reason: str = "",
) -> Group:
    """Change a group's facts and stage, or close it (an end date with a reason). A closed group
    reopens when the end date is cleared."""
    _require(actor)
    name = _text(name, "name", label=_("Nama kelompok"), max_length=150)
    if Group.objects.filter(village=group.village, name__iexact=name).exclude(pk=group.pk).exists():
        raise ValidationError({"name": _("Nama kelompok ini sudah dipakai di desa ini.")})
    started_on = _day(started_on, "started_on")
    first_member = group.members.order_by("joined_on").values_list("joined_on", flat=True).first()
    if first_member and started_on > first_member:
        raise ValidationError(
            {
                "started_on": _(
                    "Anggota pertama bergabung %(date)s; tanggal mulai usaha tidak boleh "
                    "sesudahnya."
                )
                % {"date": date_format(first_member, "DATE_FORMAT")}
            }
        )
    end_reason = _text(
        end_reason, "end_reason", label=_("Alasan berhenti"), max_length=200, required=False
    )
    if ended_on is not None:
        ended_on = _day(ended_on, "ended_on", not_before=started_on, before_label=_("mulai usaha"))
        if not end_reason:
            raise ValidationError({"end_reason": _("Tulis alasan kelompok berhenti.")})
    else:
        end_reason = ""
    changes = {
        "name": name,
        "kind": _choice(kind, Group.Kind, "kind", _("jenis kelompok")),
        "sector": _choice(sector, Group.Sector, "sector", _("bidang usaha")),
        "description": _text(
            description, "description", label=_("Uraian usaha"), max_length=2000, required=False
        ),
        "started_on": started_on,
        "stage": _choice(stage, Group.Stage, "stage", _("tahap")),
        "facilitator": _facilitator(facilitator),
        "ended_on": ended_on,
        "end_reason": end_reason,
    }
    for field, value in changes.items():  # only once everything is valid
        setattr(group, field, value)
    group.save()
    return group


@transaction.atomic
def group_member_add(
    *,
    actor,
    group: Group,
    resident: Resident,
    joined_on: date,
    position: str = GroupMember.Position.MEMBER,
    income_before: int | None = None,
) -> GroupMember:
    """The resident joins the group. The first member of a household also records the
    household's income band before joining: ``income_before``, or the band in the registry when
    it is left out (refused when neither is known)."""
    _require(actor)
    _open(group, "resident")
    if resident.basic_status != BasicStatus.ALIVE:
        raise ValidationError(
            {"resident": _("Hanya penduduk yang masih hidup dan tercatat di desa dapat bergabung.")}
        )
    if not is_adult(resident, joined_on if isinstance(joined_on, date) else None):
        raise ValidationError(
            {
                "resident": _(
                    "Anggota kelompok usaha harus berumur 18 tahun atau lebih: anak tidak boleh "
                    "dipekerjakan."
                )
            }
        )
    if resident.village_id != group.village_id:
        raise ValidationError({"resident": _("Penduduk ini bukan warga desa kelompok ini.")})
    if resident.household_id is None:
        raise ValidationError(
            {
                "resident": _(
                    "Penduduk ini belum tercatat dalam keluarga (KK). Catat keluarganya dulu di "
                    "data penduduk."
                )
            }
        )
    if GroupMember.objects.filter(group=group, resident=resident, left_on=None).exists():
        raise ValidationError(
            {
                "resident": _("%(name)s sudah menjadi anggota kelompok ini.")
                % {"name": resident.name}
            }
        )
    joined_on = _day(
        joined_on, "joined_on", not_before=group.started_on, before_label=_("mulai usaha")
    )
    position = _choice(position, GroupMember.Position, "position", _("jabatan"))
    if position != GroupMember.Position.MEMBER:
        holder = (
            GroupMember.objects.filter(group=group, position=position, left_on=None)
            .select_related("resident")
            .first()
        )
        if holder:
            raise ValidationError(
                {
                    "position": _(
                        "Kelompok ini sudah punya %(position)s: %(name)s. Pilih jabatan lain."
                    )
                    % {
                        "position": GroupMember.Position(position).label.lower(),
                        "name": holder.resident.name,
                    }
                }
            )
    income_known = HouseholdIncome.objects.filter(
        group=group, household_id=resident.household_id
    ).exists()
    if not income_known:
        band = _band(income_before, "income_before", required=False)
        if band is None:
            band = resident.household.income_band
        if band is None:
            raise ValidationError(
                {
                    "income_before": _(
                        "Data keluarga belum mencatat penghasilannya: pilih penghasilan keluarga "
                        "per bulan sebelum bergabung."
                    )
                }
            )
        HouseholdIncome.objects.create(
            group=group, household_id=resident.household_id, before=band, before_on=joined_on
        )
    try:
        with transaction.atomic():
            return GroupMember.objects.create(
                group=group, resident=resident, position=position, joined_on=joined_on
            )
    except IntegrityError:  # joined at the same moment from another screen
        raise ValidationError(
            {
                "resident": _("%(name)s sudah menjadi anggota kelompok ini.")
                % {"name": resident.name}
            }
        ) from None


@transaction.atomic
def group_member_leave(*, actor, member: GroupMember, left_on: date) -> GroupMember:
    """The member leaves; the row stays as history (and the household's income record)."""
    _require(actor)
    if member.left_on is not None:
        raise ValidationError({"left_on": _("Anggota ini sudah keluar dari kelompok.")})
    member.left_on = _day(
        left_on, "left_on", not_before=member.joined_on, before_label=_("tanggal bergabung")
    )
    member.save(update_fields=["left_on", "updated_at"])
    return member


@transaction.atomic
def household_income_update(
    *, actor, income: HouseholdIncome, after: int, on: date
) -> HouseholdIncome:
    """Record the household's income band now (replacing an earlier 'after')."""
    _require(actor)
    band = _band(after, "after")
    on = _day(on, "on", not_before=income.before_on, before_label=_("bergabung"))
    income.after, income.after_on = band, on
    income.save(update_fields=["after", "after_on", "updated_at"])
    return income


@transaction.atomic
def funding_add(
    *,
    actor,
    group: Group,
    source: str,
    kind: str,
    amount: int,
    received_on: date,
    source_name: str = "",
    note: str = "",
) -> Funding:
    """A grant or loan the group received (money in whole rupiah, more than zero)."""
    _require(actor)
    return Funding.objects.create(
        group=group,
        source=_choice(source, Funding.Source, "source", _("sumber dana")),
        source_name=_text(
            source_name, "source_name", label=_("Nama pemberi"), max_length=150, required=False
        ),
        kind=_choice(kind, Funding.Kind, "kind", _("jenis dana")),
        amount=_rupiah(amount, "amount"),
        received_on=_day(received_on, "received_on"),
        note=_text(note, "note", label=_("Keterangan"), max_length=200, required=False),
        recorded_by=actor,
    )


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def _figures(turnover, profit) -> tuple[int, int]:
    turnover = _rupiah(turnover, "turnover", positive=False)
    profit = _rupiah(profit, "profit", positive=False, allow_negative=True)
    if profit > turnover:
        raise ValidationError(
            {"profit": _("Laba tidak boleh lebih besar dari omzet bulan itu. Rugi ditulis minus.")}
        )
    return turnover, profit


@transaction.atomic
def monthly_figure_record(
    *, actor, group: Group, month: date, turnover: int, profit: int
) -> MonthlyFigure:
    """Turnover and profit of one month (profit below zero is a loss). One row per month: a
    month already recorded is refused here and corrected with ``monthly_figure_correct``."""
    _require(actor)
    _open(group, "month")
    if not isinstance(month, date):
        raise ValidationError({"month": _("Pilih bulan, misalnya Maret 2026.")})
    month = first_of_month(month)
    if month > first_of_month(timezone.localdate()):
        raise ValidationError({"month": _("Bulan ini belum datang.")})
    if month < first_of_month(group.started_on):
        raise ValidationError(
            {
                "month": _("Usaha ini baru mulai %(date)s.")
                % {"date": date_format(group.started_on, "DATE_FORMAT")}
            }
        )
    turnover, profit = _figures(turnover, profit)
    taken = _("Omzet dan laba %(month)s sudah dicatat; perbaiki di baris bulan itu.") % {
        "month": date_format(month, "YEAR_MONTH_FORMAT")
    }
    if MonthlyFigure.objects.filter(group=group, month=month).exists():
        raise ValidationError({"month": taken})
    try:
        with transaction.atomic():
            return MonthlyFigure.objects.create(
                group=group, month=month, turnover=turnover, profit=profit, recorded_by=actor
            )
    except IntegrityError:
        raise ValidationError({"month": taken}) from None


@transaction.atomic
def monthly_figure_correct(
    *, actor, figure: MonthlyFigure, turnover: int, profit: int
) -> MonthlyFigure:
    """Correct a month's figures (the audit log keeps what they were)."""
    _require(actor)
    figure.turnover, figure.profit = _figures(turnover, profit)
    figure.recorded_by = actor
    figure.save(update_fields=["turnover", "profit", "recorded_by", "updated_at"])
    return figure


@transaction.atomic
def visit_record(
    *,
    actor,
    group: Group,
    visited_on: date,
    notes: str,
    facilitator=None,
    next_steps: str = "",
    next_visit_on: date | None = None,
) -> MentoringVisit:
    """A mentoring visit with its notes (encrypted at rest) and the agreed next steps."""
    _require(actor)
    _open(group, "notes")
    visited_on = _day(
        visited_on, "visited_on", not_before=group.started_on, before_label=_("mulai usaha")
    )
    if next_visit_on is not None:
        if not isinstance(next_visit_on, date):
            raise ValidationError({"next_visit_on": _("Isi tanggal, misalnya 15/03/2026.")})
        if next_visit_on <= visited_on:
            raise ValidationError(
                {"next_visit_on": _("Kunjungan berikutnya harus sesudah kunjungan ini.")}
            )
    return MentoringVisit.objects.create(
        group=group,
        visited_on=visited_on,
        facilitator=_facilitator(facilitator or actor),
        notes=_text(notes, "notes", label=_("Catatan"), max_length=5000),
        next_steps=_text(
            next_steps, "next_steps", label=_("Langkah berikutnya"), max_length=2000, required=False
        ),
        next_visit_on=next_visit_on,
    )
