from django.urls import reverse

from conftest import PASSWORD, login_client
from sigap.accounts import services

LOGIN = "/akun/masuk/"


def attempt(client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_it_logs_in_and_out(client, personas):
    response = attempt(client, "citra", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


def test_a_wrong_password_says_so_and_warns_about_the_lock(client, personas):
    response = attempt(client, "citra", "salah-sandi-123")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nama pengguna atau kata sandi salah" in html
    assert "5 kali salah" in html


def test_five_failures_lock_the_account_with_a_clear_message(client, personas):
    for _ in range(4):
        assert attempt(client, "citra", "salah-sandi-123").status_code == 200
    locked = attempt(client, "citra", "salah-sandi-123")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Akun dikunci sementara" in html
    assert "15 menit" in html

    # Even the right password is refused while the lock holds.
    assert attempt(client, "citra", PASSWORD).status_code == 429
    assert client.get(reverse("core:home")).status_code == 302


def test_the_admin_can_lift_a_lock(client, personas, admin):
    for _ in range(5):
        attempt(client, "citra", "salah-sandi-123")
    admin_page = login_client(admin).get(
        reverse("accounts:user_detail", args=[personas["pendamping"].pk])
    )
    assert "sedang terkunci" in admin_page.content.decode()

    services.user_unlock(actor=admin, user=personas["pendamping"])
    assert attempt(client, "citra", PASSWORD).status_code == 302


def test_failures_for_one_user_do_not_lock_another(client, personas):
    for _ in range(5):
        attempt(client, "citra", "salah-sandi-123")
    assert attempt(client, "dewi", PASSWORD).status_code == 302


def test_a_deactivated_user_cannot_log_in(client, personas, admin):
    services.user_set_active(actor=admin, user=personas["kader"], active=False)
    response = attempt(client, "dewi", PASSWORD)
    assert response.status_code == 200
    assert client.get(reverse("core:home")).status_code == 302


def test_a_user_changes_their_own_password(client, personas):
    attempt(client, "dewi", PASSWORD)
    bad = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678901", "new_password2": "12345678901"},
    )
    assert bad.status_code == 200
    assert "new_password2" in bad.context["form"].errors
    ok = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "sandi-baru-dewi-2026",
            "new_password2": "sandi-baru-dewi-2026",
        },
    )
    assert ok.status_code == 302
    client.post(reverse("accounts:logout"))
    assert attempt(client, "dewi", "sandi-baru-dewi-2026").status_code == 302
