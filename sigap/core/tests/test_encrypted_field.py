import pytest
from cryptography.fernet import Fernet
from django.db import connection, transaction

from sigap.core.fields import FERNET_MARKER, FieldKeyError
from tests.secret_note import SecretNote

PLAINTEXT = "Penyintas menceritakan perekrutan lewat WhatsApp oleh calo dari desa tetangga."


def raw_body(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM test_secret_note WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_it_stores_ciphertext_and_reads_plaintext(db):
    note = SecretNote.objects.create(title="sesi 1", body=PLAINTEXT)

    stored = raw_body(note.pk)
    assert stored.startswith(FERNET_MARKER)
    assert "WhatsApp" not in stored
    assert "calo" not in stored
    assert SecretNote.objects.get(pk=note.pk).body == PLAINTEXT


def test_the_same_text_encrypts_differently_each_time(db):
    first = SecretNote.objects.create(title="a", body=PLAINTEXT)
    second = SecretNote.objects.create(title="b", body=PLAINTEXT)
    assert raw_body(first.pk) != raw_body(second.pk)


def test_empty_and_null_stay_as_they_are(db):
    note = SecretNote.objects.create(title="kosong", body="")
    assert raw_body(note.pk) == ""
    assert SecretNote.objects.get(pk=note.pk).body == ""


def test_a_wrong_key_is_a_loud_error_not_ciphertext(db, settings):
    note = SecretNote.objects.create(title="x", body=PLAINTEXT)
    settings.SIGAP_FIELD_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(FieldKeyError, match="missing or wrong"):
        SecretNote.objects.get(pk=note.pk)


def test_a_missing_key_is_a_loud_error(db, settings):
    settings.SIGAP_FIELD_KEYS = []
    with pytest.raises(FieldKeyError, match="SIGAP_FIELD_KEYS"), transaction.atomic():
        SecretNote.objects.create(title="x", body=PLAINTEXT)
    assert not SecretNote.objects.exists()


def test_a_malformed_key_names_its_position(db, settings):
    settings.SIGAP_FIELD_KEYS = [Fernet.generate_key().decode(), "bukan-kunci"]
    with pytest.raises(FieldKeyError, match="#2"):
        SecretNote.objects.create(title="x", body=PLAINTEXT)
