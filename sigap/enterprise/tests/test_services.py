"""The groups' services: bad input is refused with the field named and nothing is written; one
figure per group and month; members are adults of the village with a household; only those
who manage groups write; mentoring notes are encrypted at rest."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection
from django.utils import timezone

from sigap.enterprise import services
from sigap.enterprise.models import (
    Funding,
    Group,
    GroupMember,
    HouseholdIncome,
    MentoringVisit,
    MonthlyFigure,
)
from sigap.registry.codes import IncomeBand

pytestmark = pytest.mark.django_db


def refused(field: str, write, *args, **kwargs) -> str:
    """Run ``write`` expecting a refusal that names ``field``; return its message."""
    with pytest.raises(ValidationError) as caught:
        write(*args, **kwargs)
    messages = caught.value.message_dict
    assert field in messages, messages
    return " ".join(messages[field])


def test_a_group_needs_a_name_unique_in_the_village_and_a_facilitator_who_manages_groups(
    group, koordinator, village, personas
):
    base = {
        "actor": koordinator,
        "village": village,
        "kind": "umkm",
        "sector": "makanan",
        "started_on": date(2026, 2, 1),
        "facilitator": koordinator,
    }
    assert "wajib diisi" in refused("name", services.group_create, name="  ", **base)
    assert "sudah dipakai" in refused(
        "name", services.group_create, name="kube tenun BERMI", **base
    )
    refused("kind", services.group_create, name="Baru", **{**base, "kind": "koperasi"})
    refused("sector", services.group_create, name="Baru", **{**base, "sector": "tambang"})
    future = timezone.localdate() + timedelta(days=1)
    assert "masa depan" in refused(
        "started_on", services.group_create, name="Baru", **{**base, "started_on": future}
    )
    assert "Koordinator atau Pengurus" in refused(
        "facilitator",
        services.group_create,
        name="Baru",
        **{**base, "facilitator": personas["pendamping"]},
    )
    assert list(Group.objects.values_list("name", flat=True)) == ["KUBE Tenun Bermi"]


def test_only_those_who_manage_groups_write(group, personas, household):
    _home, _father, mother, _daughter = household
    for role in ("pendamping", "kader", "admin_desa", "analis", "mitra"):
        with pytest.raises(PermissionDenied):
            services.group_member_add(
                actor=personas[role], group=group, resident=mother, joined_on=date(2026, 1, 5)
            )
    member = services.group_member_add(
        actor=personas["pengurus_koperasi"],
        group=group,
        resident=mother,
        joined_on=date(2026, 1, 5),
        income_before=IncomeBand.BELOW_1M,
    )
    assert member.group == group


def test_a_member_is_a_living_adult_of_the_village_with_a_household(group, koordinator, household):
    home, father, mother, daughter = household
    add = services.group_member_add
    assert "18 tahun" in refused(
        "resident",
        add,
        actor=koordinator,
        group=group,
        resident=daughter,
        joined_on=date(2026, 2, 1),
    )
    assert "sebelum mulai usaha" in refused(
        "joined_on",
        add,
        actor=koordinator,
        group=group,
        resident=father,
        joined_on=date(2025, 12, 1),
    )
    # Neither the registry nor the form says what the household earned before: asked for.
    assert "penghasilan" in refused(
        "income_before",
        add,
        actor=koordinator,
        group=group,
        resident=father,
        joined_on=date(2026, 1, 5),
    )
    assert not GroupMember.objects.exists()
    assert not HouseholdIncome.objects.exists()

    add(
        actor=koordinator,
        group=group,
        resident=father,
        joined_on=date(2026, 1, 5),
        position="ketua",
        income_before=IncomeBand.BELOW_1M,
    )
    assert "sudah menjadi anggota" in refused(
        "resident", add, actor=koordinator, group=group, resident=father, joined_on=date(2026, 1, 6)
    )
    assert "sudah punya ketua" in refused(
        "position",
        add,
        actor=koordinator,
        group=group,
        resident=mother,
        joined_on=date(2026, 1, 6),
        position="ketua",
    )
    # The second member of the household shares its income record.
    add(actor=koordinator, group=group, resident=mother, joined_on=date(2026, 1, 6))
    income = HouseholdIncome.objects.get()
    assert (income.household, income.before, income.before_on) == (home, 1, date(2026, 1, 5))


def test_the_registry_band_is_used_when_the_form_leaves_it_out(
    group, koordinator, household, admin
):
    home, father, _mother, _daughter = household
    home.income_band = IncomeBand.FROM_1M
    home.save()
    father.refresh_from_db()
    services.group_member_add(
        actor=koordinator, group=group, resident=father, joined_on=date(2026, 1, 5)
    )
    assert HouseholdIncome.objects.get().before == IncomeBand.FROM_1M


def test_the_income_after_is_a_band_recorded_after_joining(group, koordinator, household):
    _home, father, _mother, _daughter = household
    services.group_member_add(
        actor=koordinator,
        group=group,
        resident=father,
        joined_on=date(2026, 1, 5),
        income_before=IncomeBand.BELOW_1M,
    )
    income = HouseholdIncome.objects.get()
    update = services.household_income_update
    refused("after", update, actor=koordinator, income=income, after=9, on=date(2026, 7, 1))
    refused("on", update, actor=koordinator, income=income, after=2, on=date(2026, 1, 1))
    income.refresh_from_db()
    assert income.after is None
    update(actor=koordinator, income=income, after=IncomeBand.FROM_2M, on=date(2026, 7, 1))
    income.refresh_from_db()
    assert (income.after, income.change) == (IncomeBand.FROM_2M, 2)


def test_one_figure_per_group_and_month(group, koordinator):
    record = services.monthly_figure_record
    record(
        actor=koordinator, group=group, month=date(2026, 3, 17), turnover=900_000, profit=-50_000
    )
    message = refused(
        "month",
        record,
        actor=koordinator,
        group=group,
        month=date(2026, 3, 1),
        turnover=1_000_000,
        profit=100_000,
    )
    assert "Maret 2026 sudah dicatat" in message
    figure = MonthlyFigure.objects.get()
    assert (figure.month, figure.turnover, figure.profit) == (date(2026, 3, 1), 900_000, -50_000)
    # The database holds the rule too.
    with pytest.raises(IntegrityError):
        MonthlyFigure.objects.create(
            group=group, month=date(2026, 3, 1), turnover=1, profit=0, recorded_by=koordinator
        )


def test_figures_refuse_impossible_numbers_and_months(group, koordinator):
    record = services.monthly_figure_record
    base = {"actor": koordinator, "group": group}
    assert "lebih besar dari omzet" in refused(
        "profit", record, **base, month=date(2026, 2, 1), turnover=100_000, profit=200_000
    )
    refused("turnover", record, **base, month=date(2026, 2, 1), turnover=-1, profit=-5)
    refused("turnover", record, **base, month=date(2026, 2, 1), turnover="100", profit=0)
    assert "baru mulai" in refused(
        "month", record, **base, month=date(2025, 12, 1), turnover=100_000, profit=0
    )
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)
    assert "belum datang" in refused(
        "month", record, **base, month=next_month, turnover=100_000, profit=0
    )
    assert not MonthlyFigure.objects.exists()


def test_a_figure_is_corrected_in_place(group, koordinator):
    figure = services.monthly_figure_record(
        actor=koordinator, group=group, month=date(2026, 2, 1), turnover=500_000, profit=50_000
    )
    refused(
        "profit",
        services.monthly_figure_correct,
        actor=koordinator,
        figure=figure,
        turnover=500_000,
        profit=600_000,
    )
    figure.refresh_from_db()
    assert figure.profit == 50_000
    services.monthly_figure_correct(
        actor=koordinator, figure=figure, turnover=550_000, profit=70_000
    )
    figure.refresh_from_db()
    assert (figure.turnover, figure.profit) == (550_000, 70_000)


def test_funding_is_whole_rupiah_from_a_listed_source(group, koordinator):
    add = services.funding_add
    base = {"actor": koordinator, "group": group, "kind": "hibah", "received_on": date(2026, 2, 1)}
    assert "lebih dari nol" in refused("amount", add, **base, source="baznas", amount=0)
    refused("amount", add, **base, source="baznas", amount=1500.5)
    refused("source", add, **base, source="rentenir", amount=1_000_000)
    refused("kind", add, **{**base, "kind": "sedekah"}, source="csr", amount=1_000_000)
    assert not Funding.objects.exists()
    add(**base, source="dana_desa", amount=5_000_000, source_name="APBDes")
    assert Funding.objects.get().amount == 5_000_000


def test_mentoring_notes_are_encrypted_at_rest(group, koordinator):
    assert "wajib diisi" in refused(
        "notes",
        services.visit_record,
        actor=koordinator,
        group=group,
        visited_on=date(2026, 2, 3),
        notes="  ",
    )
    refused(
        "next_visit_on",
        services.visit_record,
        actor=koordinator,
        group=group,
        visited_on=date(2026, 2, 3),
        notes="Kas rapi.",
        next_visit_on=date(2026, 2, 3),
    )
    visit = services.visit_record(
        actor=koordinator,
        group=group,
        visited_on=date(2026, 2, 3),
        notes="Ibu Aminah ditawari kerja ke Malaysia oleh sponsor.",
        next_steps="Hubungkan dengan Koordinator.",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT notes, next_steps FROM enterprise_mentoringvisit WHERE id = %s", [visit.pk]
        )
        notes, steps = cursor.fetchone()
    assert "Malaysia" not in notes and notes.startswith("gAAAAA")
    assert "Koordinator" not in steps
    assert MentoringVisit.objects.get().notes.startswith("Ibu Aminah")


def test_a_closed_group_takes_no_new_records_and_needs_a_reason(group, koordinator, household):
    data = {
        "actor": koordinator,
        "group": group,
        "name": group.name,
        "kind": group.kind,
        "sector": group.sector,
        "description": "",
        "started_on": group.started_on,
        "stage": "rintisan",
        "facilitator": koordinator,
    }
    assert "alasan" in refused(
        "end_reason", services.group_update, **data, ended_on=date(2026, 6, 1)
    )
    refused("stage", services.group_update, **{**data, "stage": "raksasa"})
    group.refresh_from_db()
    assert group.active and group.stage == "rintisan"
    services.group_update(**data, ended_on=date(2026, 6, 1), end_reason="Modal habis.")
    assert "sudah berhenti" in refused(
        "month",
        services.monthly_figure_record,
        actor=koordinator,
        group=group,
        month=date(2026, 7, 1),
        turnover=1,
        profit=0,
    )
