"""The demo groups: several groups of adult villagers with funds, a year of figures that do not
all rise, visits and income before and after; the same seed builds the same groups; a second run
adds nothing."""

import random

import pytest
from django.core.management import call_command

from sigap.core.demo import DemoContext, demo_password
from sigap.core.models import Village
from sigap.enterprise import demo
from sigap.enterprise.models import (
    Funding,
    Group,
    GroupMember,
    HouseholdIncome,
    MentoringVisit,
    MonthlyFigure,
)
from sigap.enterprise.services import is_adult

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", "--seed", "5", "--people", "400")


def snapshot() -> list[tuple]:
    return list(
        GroupMember.objects.order_by("group__name", "resident__name").values_list(
            "group__name", "resident__name", "position", "joined_on"
        )
    ) + list(
        MonthlyFigure.objects.order_by("group__name", "month").values_list(
            "group__name", "month", "turnover", "profit"
        )
    )


def wipe_groups() -> None:
    for model in (MentoringVisit, MonthlyFigure, Funding, HouseholdIncome, GroupMember, Group):
        model.objects.all().delete()


def test_the_demo_groups_look_like_a_village_programme(seeded):
    groups = list(Group.objects.all())
    assert 6 <= len(groups) <= 8
    assert {g.stage for g in groups} == {"rintisan", "tumbuh", "mandiri"}
    assert sum(1 for g in groups if not g.active) == 1
    for group in groups:
        members = list(group.members.select_related("resident"))
        assert len(members) >= 2
        assert all(is_adult(m.resident, m.joined_on) for m in members)
        assert group.fundings.exists() and group.visits.exists()
        assert group.figures.count() <= 12
    figures = list(MonthlyFigure.objects.order_by("group_id", "month"))
    falls = sum(
        1
        for before, after in zip(figures, figures[1:], strict=False)
        if before.group_id == after.group_id and after.turnover < before.turnover
    )
    assert falls >= 5  # not every month is better than the last
    assert MonthlyFigure.objects.filter(profit__lt=0).exists()  # some months make a loss
    incomes = HouseholdIncome.objects.exclude(after=None)
    assert any(i.after > i.before for i in incomes)
    assert any(i.after == i.before for i in incomes)


def test_the_same_seed_builds_the_same_groups_and_a_second_run_adds_nothing(seeded):
    village = Village.objects.get()
    wipe_groups()

    def build():
        ctx = DemoContext(seed=3, rng=random.Random(3), password=demo_password(), village=village)  # noqa: S311
        demo.build_groups(ctx)
        return ctx

    build()
    first = snapshot()
    assert first
    build()  # groups exist: nothing is added
    assert snapshot() == first
    wipe_groups()
    build()
    assert snapshot() == first
