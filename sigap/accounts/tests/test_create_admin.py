import pytest
from django.core.management import CommandError, call_command

from sigap.accounts.models import User


def test_it_creates_the_first_admin_desa(db, monkeypatch):
    monkeypatch.setenv("SIGAP_ADMIN_PASSWORD", "sandi-admin-pertama-2026")
    call_command("create_admin", "Sekdes", "--full-name", "Lalu Sekretaris Desa")
    user = User.objects.get(username="sekdes")
    assert user.role_names == {"admin_desa"}
    assert user.check_password("sandi-admin-pertama-2026")
    assert not user.is_superuser  # the role table, not Django's flag, grants rights


def test_it_refuses_a_weak_password_and_a_taken_name(db, monkeypatch):
    monkeypatch.setenv("SIGAP_ADMIN_PASSWORD", "12345")
    with pytest.raises(CommandError, match="terlalu pendek"):
        call_command("create_admin", "sekdes", "--full-name", "X")
    assert not User.objects.exists()
    monkeypatch.setenv("SIGAP_ADMIN_PASSWORD", "sandi-admin-pertama-2026")
    call_command("create_admin", "sekdes", "--full-name", "X")
    with pytest.raises(CommandError, match="already taken"):
        call_command("create_admin", "sekdes", "--full-name", "Y")
