import pytest
from django.test import RequestFactory

from sigap.core.net import client_ip


def request(remote="10.0.0.5", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_only_the_socket_address_counts(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(request(forwarded="1.2.3.4")) == "10.0.0.5"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client forged the first entry
        ("", "10.0.0.5"),
        ("not-an-ip", "10.0.0.5"),
    ],
)
def test_behind_one_proxy_the_rightmost_entry_is_the_client(settings, forwarded, expected):
    settings.PROXY_COUNT = 1
    assert client_ip(request(forwarded=forwarded)) == expected


def test_a_forged_address_cannot_dodge_the_lock_out(client, personas, settings):
    settings.PROXY_COUNT = 1
    for i in range(5):
        client.post(
            "/akun/masuk/",
            {"username": "citra", "password": "salah-sandi-123"},
            HTTP_X_FORWARDED_FOR=f"6.6.6.{i}, 203.0.113.9",
        )
    response = client.post(
        "/akun/masuk/",
        {"username": "citra", "password": "salah-sandi-123"},
        HTTP_X_FORWARDED_FOR="7.7.7.7, 203.0.113.9",
    )
    assert response.status_code == 429
