"""The cases API applies the page's rules: 404 for anyone off the team, views audited, the
Mitra's inbox without identity until a referral is accepted."""

import pytest
from auditlog.models import LogEntry

from conftest import login_client
from sigap.cases import services
from sigap.cases.tests.conftest import consent_all

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("pendamping", 200),
        ("koordinator", 200),
        ("admin_desa", 404),
        ("kader", 404),
        ("mitra", 404),
        ("analis", 404),
    ],
)
def test_case_detail_and_search(who, status, case, personas):
    client = login_client(personas[who])
    assert client.get(f"/api/cases/{case.pk}").status_code == status
    listing = client.get("/api/cases/", {"q": "nurul"})
    assert listing.status_code == status
    if status == 200:
        assert [c["code"] for c in listing.json()["results"]] == [case.code]
        assert LogEntry.objects.filter(
            actor=personas[who], action=LogEntry.Action.ACCESS, object_pk=str(case.pk)
        ).exists()


def test_another_pendamping_finds_nothing(case, other_pendamping):
    client = login_client(other_pendamping)
    assert client.get(f"/api/cases/{case.pk}").status_code == 404
    assert client.get("/api/cases/", {"q": case.code}).json()["results"] == []


def test_the_mitra_inbox_hides_identity_until_accepted(case, personas, uptd):
    consent_all(case, personas["pendamping"])
    referral = services.referral_send(
        actor=personas["pendamping"], case=case, organisation=uptd, area="hukum", reason="Rahasia"
    )
    client = login_client(personas["mitra"])
    [row] = client.get("/api/cases/referrals/inbox").json()
    assert row["resident_name"] is None and row["reason"] is None
    services.referral_respond(actor=personas["mitra"], referral=referral, accept=True)
    [row] = client.get("/api/cases/referrals/inbox").json()
    assert row["resident_name"] == case.resident.name and row["reason"] == "Rahasia"
    assert login_client(personas["pendamping"]).get("/api/cases/referrals/inbox").status_code == 404


def test_an_api_token_never_opens_case_data(case, personas, admin):
    from sigap.accounts.services import api_token_issue

    _token, raw = api_token_issue(actor=admin, user=personas["koordinator"], name="x")
    from django.test import Client

    client = Client(headers={"Authorization": f"Bearer {raw}"})
    assert client.get("/api/me").status_code == 200
    assert client.get(f"/api/cases/{case.pk}").status_code == 404
    assert client.get("/api/cases/").status_code == 404
