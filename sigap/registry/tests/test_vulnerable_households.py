"""Which households count as at economic risk (``selectors.vulnerable_households``): the lowest
income band, social assistance, or a living member away; unknown facts are no risk."""

from datetime import date

import pytest

from sigap.registry import codes
from sigap.registry.models import Household
from sigap.registry.selectors import vulnerable_households
from sigap.registry.tests.factories import household, resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes(admin, dusun):
    """One household per case, named by what is true of it."""
    made = {
        "poor": household(admin, dusun, income_band=codes.IncomeBand.BELOW_1M),
        "assisted": household(
            admin, dusun, income_band=codes.IncomeBand.FROM_2M, social_assistance=True
        ),
        "comfortable": household(
            admin, dusun, income_band=codes.IncomeBand.FROM_1M, social_assistance=False
        ),
        "unknown": household(admin, dusun),
        "abroad": household(admin, dusun, income_band=codes.IncomeBand.FROM_3M),
        "elsewhere": household(admin, dusun, income_band=codes.IncomeBand.ABOVE_5M),
        "dead_migrant": household(admin, dusun, income_band=codes.IncomeBand.FROM_2M),
        "dissolved": household(admin, dusun, income_band=codes.IncomeBand.BELOW_1M),
    }
    resident(
        admin,
        made["abroad"],
        "Baiq Rohani",
        sex="P",
        whereabouts="luar_negeri",
        abroad_country="Malaysia",
        birth_date=date(1995, 3, 1),
    )
    resident(
        admin, made["elsewhere"], "Lalu Amir", whereabouts="indonesia", birth_date=date(1990, 1, 1)
    )
    resident(admin, made["comfortable"], "Inaq Sahnun", sex="P", birth_date=date(1970, 1, 1))
    gone = resident(
        admin,
        made["dead_migrant"],
        "Amaq Rusdi",
        whereabouts="luar_negeri",
        abroad_country="Saudi Arabia",
        birth_date=date(1960, 1, 1),
    )
    gone.basic_status = codes.BasicStatus.DEAD
    gone.save()
    Household.objects.filter(pk=made["dissolved"].pk).update(dissolved_at=date(2025, 1, 1))
    return made


def test_at_risk_is_low_income_assistance_or_a_member_away(homes):
    at_risk = set(vulnerable_households().values_list("pk", flat=True))
    named = {name for name, home in homes.items() if home.pk in at_risk}
    assert named == {"poor", "assisted", "abroad", "elsewhere"}


def test_each_household_says_whether_a_member_is_away(homes):
    away = dict(vulnerable_households().values_list("pk", "member_away"))
    assert away[homes["abroad"].pk] is True
    assert away[homes["elsewhere"].pk] is True
    assert away[homes["poor"].pk] is False
