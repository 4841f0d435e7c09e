"""The field app's attendance API: sessions of a period, the tick list, batches of taps that
may be sent again after a lost connection, and the same scope as the pages."""

import json

from django.test import Client

from conftest import login_client
from sigap.accounts.services import api_token_issue
from sigap.programs import services
from sigap.programs.models import Attendance


def _post(client, session, taps, **headers):
    return client.post(
        f"/api/programs/sessions/{session.pk}/attendance",
        json.dumps(taps),
        content_type="application/json",
        **headers,
    )


def test_a_batch_of_taps_is_idempotent(koordinator, household, programme, session):
    _home, father, mother, daughter = household
    services.invite(actor=koordinator, programme=programme, resident_ids=[father.pk, mother.pk])
    client = login_client(koordinator)
    taps = [
        {"resident_id": father.pk},
        {"resident_id": mother.pk},
        {"resident_id": daughter.pk, "method": "datang_langsung"},
        {"resident_id": 999_999},
    ]
    for _ in range(2):  # sent again after a lost answer
        response = _post(client, session, taps)
        assert response.status_code == 200
        body = response.json()
        assert body["present"] == 3
        assert [r["ok"] for r in body["results"]] == [True, True, True, False]
        assert body["results"][3]["error"] == "Penduduk tidak ditemukan."
    assert Attendance.objects.filter(session=session).count() == 3
    untick = _post(client, session, [{"resident_id": father.pk, "present": False}])
    assert untick.json()["present"] == 2


def test_the_roster_and_sessions_for_a_kader_token(admin, kader, household, programme, session):
    services.invite(
        actor=programme.coordinator, programme=programme, resident_ids=[household[2].pk]
    )
    _token, raw = api_token_issue(actor=admin, user=kader, name="HP kader")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client = Client()
    sessions = client.get("/api/programs/sessions?start=2026-01-01&end=2026-01-31", **auth)
    assert [s["id"] for s in sessions.json()] == [session.pk]
    roster = client.get(f"/api/programs/sessions/{session.pk}/roster", **auth).json()
    assert [(r["name"], r["invited"], r["present"]) for r in roster] == [
        ("Baiq Siti Aminah", True, False)
    ]
    tap = _post(client, session, [{"resident_id": household[2].pk}], **auth)
    assert tap.json()["results"][0]["ok"] is True
    too_long = client.get("/api/programs/sessions?start=2026-01-01&end=2026-12-31", **auth)
    assert too_long.status_code == 400


def test_refused_taps_say_why_and_others_go_through(koordinator, household, programme, session):
    services.session_cancel(actor=koordinator, session=session)
    response = _post(login_client(koordinator), session, [{"resident_id": household[1].pk}])
    result = response.json()["results"][0]
    assert result["ok"] is False
    assert "dibatalkan" in result["error"]
    assert not Attendance.objects.exists()


def test_roles_without_attendance_get_404(personas, session):
    for who in ("pengurus_koperasi", "mitra", "analis", "admin_desa"):
        client = login_client(personas[who])
        assert client.get(f"/api/programs/sessions/{session.pk}/roster").status_code == 404
        assert _post(client, session, []).status_code == 404
