from unittest import mock

from django.db.utils import OperationalError


def test_it_reports_a_working_database_without_log_in(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_when_the_database_fails(client, db):
    # The one place a failure is simulated: a real database outage cannot be arranged per test.
    with mock.patch("sigap.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
