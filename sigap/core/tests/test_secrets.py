import stat

import pytest
from cryptography.fernet import Fernet

from sigap.core.secrets import generated_secret, read_secret


def test_a_generated_secret_is_private_and_stable(tmp_path):
    path = tmp_path / "var" / "secret_key"
    first = generated_secret(path, kind="django")
    assert len(first) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert generated_secret(path, kind="django") == first


def test_a_generated_field_key_is_a_valid_fernet_key(tmp_path):
    key = generated_secret(tmp_path / "field_keys", kind="fernet")
    Fernet(key.encode())


def test_the_environment_wins_then_the_file(tmp_path, monkeypatch):
    secret_file = tmp_path / "key.txt"
    secret_file.write_text("dari-berkas\n")
    monkeypatch.setenv("SIGAP_TEST_SECRET_FILE", str(secret_file))
    assert read_secret("SIGAP_TEST_SECRET") == "dari-berkas"
    monkeypatch.setenv("SIGAP_TEST_SECRET", "dari-env")
    assert read_secret("SIGAP_TEST_SECRET") == "dari-env"


def test_an_unreadable_secret_file_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SIGAP_TEST_SECRET_FILE", str(tmp_path / "tidak-ada"))
    with pytest.raises(RuntimeError, match="SIGAP_TEST_SECRET_FILE"):
        read_secret("SIGAP_TEST_SECRET")
