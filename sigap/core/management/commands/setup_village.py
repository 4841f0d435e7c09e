from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sigap.core import services


class Command(BaseCommand):
    help = (
        "Create the village from its 10-digit Kemendagri code (name from the official code list), "
        "optionally with its dusun. Example: setup_village 5201012007 --dusun 'Bermi Karang "
        "Dalam Barat'. RW and RT are added afterwards on the Wilayah page."
    )

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("--postal-code", default="")
        parser.add_argument("--address", default="")
        parser.add_argument("--dusun", action="append", default=[], help="may be repeated")

    def handle(self, *args, code, postal_code, address, dusun, **options):
        try:
            with transaction.atomic():
                village = services.village_setup(
                    actor=None, code=code, postal_code=postal_code, address=address
                )
                existing = set(village.dusun_set.values_list("name", flat=True))
                for name in dusun:
                    if name.strip() not in existing:
                        services.dusun_create(actor=None, village=village, name=name)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        count = village.dusun_set.count()
        self.stdout.write(
            self.style.SUCCESS(f"Desa {village.name} ({village.code}): {count} dusun.")
        )
