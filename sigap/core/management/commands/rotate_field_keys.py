from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from sigap.core.fields import encrypted_field_names

BATCH = 500


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the newest key in SIGAP_FIELD_KEYS. "
        "Procedure: put a new key first in SIGAP_FIELD_KEYS (keep the old ones after it), "
        "restart, run this command, then remove the old keys. --generate-key prints a new key."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--generate-key", action="store_true", help="Print a new Fernet key and exit."
        )

    def handle(self, *args, generate_key: bool, **options):
        if generate_key:
            self.stdout.write(Fernet.generate_key().decode("ascii"))
            return
        total = 0
        for model in apps.get_models():
            fields = encrypted_field_names(model)
            if fields:
                count = rotate_model(model, fields)
                total += count
                self.stdout.write(f"  {model._meta.label}: {count} rows re-encrypted")
        self.stdout.write(self.style.SUCCESS(f"Key rotation finished: {total} rows."))


def rotate_model(model, fields: list[str]) -> int:
    """Decrypt each row with whichever key opens it and write it back under the newest key.

    Works in atomic batches by primary key; ``update()`` skips ``save()`` so the audit log is not
    flooded with rows whose content did not change. A value no key opens stops the command with
    ``FieldKeyError`` and leaves that batch untouched.
    """
    rows = 0
    last_pk = None
    manager = model._base_manager
    while True:
        queryset = manager.order_by("pk")
        if last_pk is not None:
            queryset = queryset.filter(pk__gt=last_pk)
        batch = list(queryset.values_list("pk", *fields)[:BATCH])
        if not batch:
            return rows
        with transaction.atomic():
            for pk, *values in batch:
                changes = {name: value for name, value in zip(fields, values, strict=True) if value}
                if changes:
                    manager.filter(pk=pk).update(**changes)
                    rows += 1
        last_pk = batch[-1][0]
