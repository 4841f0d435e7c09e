from django.core.management.base import BaseCommand
from django.db import transaction

from sigap.registry import names
from sigap.registry.models import Resident, ResidentNameKey

BATCH = 5000


class Command(BaseCommand):
    help = "Rebuild the name-search keys of every resident (after the folding in names.py changed)."

    def handle(self, *args, **options):
        done, last = 0, 0
        while True:
            batch = list(
                Resident.objects.filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", "name")[:BATCH]
            )
            if not batch:
                break
            with transaction.atomic():
                ids = [pk for pk, _name in batch]
                ResidentNameKey.objects.filter(resident_id__in=ids).delete()
                ResidentNameKey.objects.bulk_create(
                    ResidentNameKey(resident_id=pk, key=key)
                    for pk, name in batch
                    for key in names.index_keys(name)
                )
            done += len(batch)
            last = batch[-1][0]
        self.stdout.write(self.style.SUCCESS(f"Name keys rebuilt for {done:,} residents."))
