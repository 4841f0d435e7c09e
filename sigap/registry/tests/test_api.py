from django.test import Client

from sigap.accounts.services import api_token_issue
from sigap.registry.tests.factories import family, household, resident


def bearer(admin, user) -> dict:
    _token, raw = api_token_issue(actor=admin, user=user, name="uji")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_kader_token_finds_people_of_their_dusun_only(personas, admin, dusun, other_dusun):
    _home, father, *_ = family(admin, dusun)
    elsewhere = resident(admin, household(admin, other_dusun), "Muhamad Saleh Lain")
    client, auth = Client(), bearer(admin, personas["kader"])
    body = client.get("/api/registry/residents", {"q": "M. Saleh"}, **auth).json()
    assert [r["id"] for r in body["results"]] == [father.pk]
    assert body["results"][0]["nik"] == "5201010706900001"
    assert client.get(f"/api/registry/residents/{father.pk}", **auth).status_code == 200
    assert client.get(f"/api/registry/residents/{elsewhere.pk}", **auth).status_code == 404


def test_roles_without_the_registry_get_404(personas, admin, dusun):
    _home, father, *_ = family(admin, dusun)
    for role in ("analis", "mitra"):
        auth = bearer(admin, personas[role])
        assert Client().get("/api/registry/residents", **auth).status_code == 404
        assert Client().get(f"/api/registry/residents/{father.pk}", **auth).status_code == 404
