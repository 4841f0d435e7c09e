"""The programmes' fixtures: an NGO organiser, a legal-outreach programme run by the Koordinator
from 5 January 2026, its first session on 10 January 2026 (a date in the past, so attendance can
be taken), and a family in the Kader's dusun."""

from datetime import date, time

import pytest

from sigap.partners import services as partner_services
from sigap.partners.services import OrganisationData
from sigap.programs import services
from sigap.registry.tests.factories import family


@pytest.fixture
def koordinator(personas):
    return personas["koordinator"]


@pytest.fixture
def kader(personas):
    return personas["kader"]


@pytest.fixture
def organiser(admin):
    return partner_services.organisation_create(
        actor=admin, data=OrganisationData(name="LBH Lombok Sejahtera", kind="bantuan_hukum")
    )


@pytest.fixture
def household(admin, dusun):
    """(home, father, mother, daughter); the daughter was born in 2015."""
    return family(admin, dusun)


@pytest.fixture
def programme(koordinator, village, organiser):
    return services.programme_create(
        actor=koordinator,
        village=village,
        title="Penyuluhan migrasi aman 2026",
        kind="penyuluhan_hukum",
        topic="migrasi_aman",
        organiser=organiser,
        target_group="Warga dewasa calon pekerja migran",
        funding_source="dana_desa",
        budget_line="APBDes 2026 Bidang Pemberdayaan",
        budget_amount=7_500_000,
        starts_on=date(2026, 1, 5),
        coordinator=koordinator,
    )


@pytest.fixture
def session(koordinator, programme):
    return services.session_create(
        actor=koordinator,
        programme=programme,
        day=date(2026, 1, 10),
        start_time=time(9, 0),
        end_time=time(11, 0),
        place="Aula kantor desa",
        topic="Hak pekerja migran dan jalur resmi",
        guest_facilitator="Disnaker Lombok Barat",
    )
