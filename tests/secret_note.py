"""A test-only model with an encrypted field (no app of the foundation has one yet).

It is registered under the ``core`` app label and its table is created by the root conftest, so
the real encryption, audit masking and key rotation code run against a real table on SQLite and
PostgreSQL. It is never imported outside the test suite, so migrations do not see it.
"""

from django.db import models

from sigap.core.fields import EncryptedTextField


class SecretNote(models.Model):
    title = models.CharField("judul", max_length=100)
    body = EncryptedTextField("isi", blank=True)

    class Meta:
        app_label = "core"
        db_table = "test_secret_note"

    def __str__(self) -> str:
        return f"Catatan #{self.pk}"
