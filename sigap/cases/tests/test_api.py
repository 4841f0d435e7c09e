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


def test_the_mitra_answers_referrals_through_the_api(case, personas, uptd, lbh):
    import json

    consent_all(case, personas["pendamping"])
    referral = services.referral_send(
        actor=personas["pendamping"], case=case, organisation=uptd, area="hukum", reason="Rahasia"
    )
    other = services.referral_send(
        actor=personas["pendamping"], case=case, organisation=lbh, area="hukum", reason="x"
    )
    client = login_client(personas["mitra"])
    base = "/api/cases/referrals"

    def post(path, data=None):
        return client.post(path, json.dumps(data or {}), content_type="application/json")

    assert post(f"{base}/{other.pk}/accept").status_code == 404  # not their organisation
    early = post(f"{base}/{referral.pk}/complete", {"outcome": "Konseling"})
    assert early.status_code == 400 and "sudah diterima" in early.json()["detail"]
    accepted = post(f"{base}/{referral.pk}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "diterima"
    assert accepted.json()["resident_name"] == case.resident.name
    done = post(f"{base}/{referral.pk}/complete", {"outcome": "Tiga sesi konseling."})
    assert done.json()["status"] == "selesai"
    # The case team answers on the pages, not here.
    team = login_client(personas["pendamping"])
    assert (
        team.post(
            f"{base}/{other.pk}/decline",
            json.dumps({"reason": "x"}),
            content_type="application/json",
        ).status_code
        == 404
    )


def test_declining_through_the_api_needs_a_reason(case, personas, uptd):
    import json

    consent_all(case, personas["pendamping"])
    referral = services.referral_send(
        actor=personas["pendamping"], case=case, organisation=uptd, area="hukum", reason="x"
    )
    client = login_client(personas["mitra"])
    url = f"/api/cases/referrals/{referral.pk}/decline"
    refused = client.post(url, json.dumps({"reason": ""}), content_type="application/json")
    assert refused.status_code == 400 and "reason" in refused.json()["errors"]
    referral.refresh_from_db()
    assert referral.status == "dikirim"
