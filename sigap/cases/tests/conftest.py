"""Fixtures for case tests: a family in the Kader's dusun, a service directory with a Mitra on
staff, a second Pendamping, and an open case worked by the Pendamping persona and supervised by
the Koordinator persona, all made through the real services."""

import pytest

from conftest import PASSWORD
from sigap.accounts import services as accounts
from sigap.cases import services
from sigap.partners.models import NeedArea, Organisation, Service, Staff
from sigap.registry.tests.factories import family


@pytest.fixture
def people(admin, personas):
    """(household, father, mother, daughter) in the Kader's dusun."""
    return family(admin, personas["kader"].dusun)


@pytest.fixture
def uptd(personas):
    """An organisation with the Mitra persona on its staff."""
    org = Organisation.objects.create(name="UPTD PPA Contoh", kind=Organisation.Kind.UPTD_PPA)
    Service.objects.create(organisation=org, area=NeedArea.PSYCHOSOCIAL, name="Konseling")
    Staff.objects.create(user=personas["mitra"], organisation=org)
    return org


@pytest.fixture
def lbh():
    """An organisation with no users in SIGAP."""
    org = Organisation.objects.create(name="LBH Contoh", kind=Organisation.Kind.LEGAL_AID)
    Service.objects.create(organisation=org, area=NeedArea.LEGAL, name="Bantuan hukum")
    return org


@pytest.fixture
def other_pendamping(admin):
    return accounts.user_create(
        actor=admin,
        username="hana",
        full_name="Hana Pendamping Lain",
        password=PASSWORD,
        roles=["pendamping"],
    )


@pytest.fixture
def case(personas, people):
    return services.case_open(
        actor=personas["pendamping"],
        resident=people[3],
        case_type="korban",
        intake_source="laporan",
        risk_level="tinggi",
        supervisor=personas["koordinator"],
        summary="Ditawari kerja lewat Facebook; paspor ditahan.",
    )


def consent_all(case, actor, *purposes):
    for purpose in purposes or ("layanan", "rujukan", "pelaporan"):
        services.consent_record(
            actor=actor,
            case=case,
            purpose=purpose,
            given=True,
            method="tanda_tangan",
            given_by="Orangnya sendiri",
        )
    case.refresh_from_db()
