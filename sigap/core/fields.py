"""Encrypted text at rest.

``EncryptedTextField`` stores Fernet tokens (AES-128-CBC + HMAC-SHA256) made with a MultiFernet of
``settings.SIGAP_FIELD_KEYS``: the first key encrypts, every key decrypts, so keys can be rotated
(``manage.py rotate_field_keys``). A token that no key opens raises ``FieldKeyError``: the app
fails loudly rather than showing ciphertext or silently storing plaintext.

Encrypted columns cannot be searched or sorted in SQL; keep searchable facts in plain fields.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

FERNET_MARKER = "gAAAAA"  # every Fernet token starts with version byte 0x80 → "gAAAAA" in base64


class FieldKeyError(ImproperlyConfigured):
    """The field-encryption keys are missing, malformed, or do not open stored data."""


@lru_cache(maxsize=8)
def _multifernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise FieldKeyError(
            "No field-encryption key: set SIGAP_FIELD_KEYS or SIGAP_FIELD_KEYS_FILE "
            "(comma-separated Fernet keys, newest first)."
        )
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key.encode("ascii")))
        except (ValueError, UnicodeEncodeError) as exc:
            raise FieldKeyError(
                f"Field-encryption key #{position} in SIGAP_FIELD_KEYS is not a valid Fernet key "
                "(32 bytes, urlsafe base64). Generate one with `manage.py rotate_field_keys "
                "--generate-key`."
            ) from exc
    return MultiFernet(fernets)


def get_multifernet() -> MultiFernet:
    return _multifernet(tuple(getattr(settings, "SIGAP_FIELD_KEYS", ()) or ()))


def encrypt_text(plaintext: str) -> str:
    return get_multifernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    try:
        return get_multifernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise FieldKeyError(
            "Encrypted data cannot be opened with the configured SIGAP_FIELD_KEYS: a key is "
            "missing or wrong. Restore the key that encrypted it (keep old keys after the new "
            "one until `manage.py rotate_field_keys` has run)."
        ) from exc


def rotate_token(token: str) -> str:
    """Re-encrypt ``token`` with the newest key (raises ``FieldKeyError`` if no key opens it)."""
    try:
        return get_multifernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise FieldKeyError("A stored value cannot be opened with any configured key.") from exc


class EncryptedTextField(models.TextField):
    """A TextField whose value is encrypted in the database and plain text in Python.

    ``None`` stays NULL and the empty string stays empty (nothing to hide, and it keeps
    ``blank=True`` forms simple); every other value is stored as a Fernet token.
    """

    description = "Text encrypted at rest (Fernet)"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(str(value))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_text(value)


def encrypted_field_names(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
