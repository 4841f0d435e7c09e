from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import login_client
from sigap.accounts import services
from sigap.accounts.models import ApiToken
from sigap.core.roles import Role


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_openapi_document_needs_a_log_in_and_lists_the_endpoints(client, personas):
    assert client.get("/api/openapi.json").status_code == 302
    client = login_client(personas["analis"])
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/me" in paths and "/api/roles" in paths
    schemes = response.json()["components"]["securitySchemes"]
    assert {"TokenAuth", "ActiveSessionAuth"} <= set(schemes)


def test_anonymous_callers_get_401(client, db):
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/roles").status_code == 401


@pytest.mark.parametrize("role", list(Role))
def test_each_role_reads_itself_through_the_session(role, personas):
    response = login_client(personas[role.value]).get("/api/me")
    assert response.status_code == 200
    body = response.json()
    assert body["roles"] == [role.value]
    assert ("manage_users" in body["capabilities"]) == (role == Role.ADMIN_DESA)


def test_the_roles_endpoint_is_the_role_table(personas):
    body = login_client(personas["analis"]).get("/api/roles").json()
    assert [row["code"] for row in body] == [r.value for r in Role]
    analis = next(row for row in body if row["code"] == "analis")
    assert analis["capabilities"] == ["view_aggregates"]


def test_a_token_acts_as_its_user_until_revoked(admin, personas):
    token, raw = services.api_token_issue(actor=admin, user=personas["kader"], name="HP kader")
    client = Client()
    response = client.get("/api/me", **bearer(raw))
    assert response.status_code == 200
    assert response.json()["username"] == "dewi"
    assert response.json()["dusun"] == "Bermi Karang Dalam Barat"
    token.refresh_from_db()
    assert token.last_used_at is not None

    services.api_token_revoke(actor=admin, token=token)
    assert client.get("/api/me", **bearer(raw)).status_code == 401


def test_only_a_hash_of_the_token_is_stored(admin, personas):
    token, raw = services.api_token_issue(actor=admin, user=personas["kader"], name="x")
    assert raw not in token.key_hash
    assert not ApiToken.objects.filter(key_hash=raw).exists()
    assert raw[4:12] == token.prefix


def test_tokens_of_deactivated_users_and_expired_tokens_are_refused(admin, personas):
    _t, raw = services.api_token_issue(actor=admin, user=personas["kader"], name="a")
    expiring, raw2 = services.api_token_issue(
        actor=admin,
        user=personas["pendamping"],
        name="b",
        expires_at=timezone.now() + timedelta(days=1),
    )
    services.user_set_active(actor=admin, user=personas["kader"], active=False)
    ApiToken.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    client = Client()
    assert client.get("/api/me", **bearer(raw)).status_code == 401
    assert client.get("/api/me", **bearer(raw2)).status_code == 401
    assert client.get("/api/me", **bearer("sgp_tidak-ada")).status_code == 401
    assert client.get("/api/me", HTTP_AUTHORIZATION="Basic abc").status_code == 401


def test_the_admin_issues_and_revokes_tokens_on_the_page(admin_client, personas):
    url = reverse("accounts:token_list")
    response = admin_client.post(url, {"user": personas["kader"].pk, "name": "Aplikasi lapangan"})
    assert response.status_code == 200
    raw = response.context["new_key"]
    assert raw.startswith("sgp_") and raw in response.content.decode()
    token = ApiToken.objects.get(name="Aplikasi lapangan")
    assert token.created_by == personas["admin_desa"]
    # Shown once: the next visit does not show it again.
    assert raw not in admin_client.get(url).content.decode()

    admin_client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == personas["admin_desa"]
    assert LogEntry.objects.get_for_object(token).filter(action=LogEntry.Action.UPDATE).exists()


def test_a_past_expiry_date_is_refused_with_a_message(admin_client, personas):
    response = admin_client.post(
        reverse("accounts:token_list"),
        {"user": personas["kader"].pk, "name": "lama", "expires_at": "2020-01-01"},
    )
    assert response.status_code == 400
    assert "masa depan" in response.content.decode()
    assert not ApiToken.objects.filter(name="lama").exists()


def test_the_docs_page_works_offline(personas):
    html = login_client(personas["analis"]).get("/api/docs").content.decode()
    assert "swagger-ui-bundle" in html
    assert "cdn." not in html and "https://" not in html.split("<body")[0]
