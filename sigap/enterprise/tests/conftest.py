"""The groups' fixtures: a family in the Kader's dusun and a group facilitated by the Koordinator
persona that started on 2 January 2026."""

from datetime import date

import pytest

from sigap.enterprise import services
from sigap.registry.tests.factories import family


@pytest.fixture
def koordinator(personas):
    return personas["koordinator"]


@pytest.fixture
def household(admin, dusun):
    """(home, father, mother, daughter); the daughter was born in 2015."""
    return family(admin, dusun)


@pytest.fixture
def group(koordinator, village):
    return services.group_create(
        actor=koordinator,
        village=village,
        name="KUBE Tenun Bermi",
        kind="kube",
        sector="tenun",
        started_on=date(2026, 1, 2),
        facilitator=koordinator,
    )
