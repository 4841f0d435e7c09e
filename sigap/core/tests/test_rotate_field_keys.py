import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from sigap.core.fields import FieldKeyError
from tests.secret_note import SecretNote


def raw_bodies() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM test_secret_note ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_it_re_encrypts_everything_under_the_new_key(db, settings, capsys):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SIGAP_FIELD_KEYS = [old]
    texts = [f"catatan rahasia {i}" for i in range(7)] + [""]
    for i, text in enumerate(texts):
        SecretNote.objects.create(title=str(i), body=text)
    before = raw_bodies()

    settings.SIGAP_FIELD_KEYS = [new, old]
    call_command("rotate_field_keys")

    after = raw_bodies()
    assert all(a != b for a, b in zip(after[:-1], before[:-1], strict=True))
    assert after[-1] == ""
    settings.SIGAP_FIELD_KEYS = [new]  # the old key is gone: everything must still open
    assert [note.body for note in SecretNote.objects.order_by("id")] == texts
    assert "7 rows re-encrypted" in capsys.readouterr().out


def test_it_stops_on_data_that_no_key_opens(db, settings):
    lost, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SIGAP_FIELD_KEYS = [lost]
    SecretNote.objects.create(title="x", body="tidak bisa dibuka")
    settings.SIGAP_FIELD_KEYS = [new]
    with pytest.raises(FieldKeyError):
        call_command("rotate_field_keys")


def test_it_generates_a_valid_key(capsys):
    call_command("rotate_field_keys", "--generate-key")
    key = capsys.readouterr().out.strip()
    Fernet(key.encode())  # raises if malformed
