import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sigap.core import demo
from sigap.core.models import Village


class Command(BaseCommand):
    help = (
        "Build the demo village (Desa Babussalam) with one demo user per role. "
        "Deterministic for a given --seed. Refused in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--people", type=int, default=9000, help="size of the demo population (default 9000)"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds a village.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Build demo data even though SIGAP_ENV=production (demo passwords are public).",
        )

    def handle(
        self, *args, seed: int, people: int, if_empty: bool, allow_production: bool, **options
    ):
        if settings.PRODUCTION and not allow_production:
            raise CommandError(
                "seed_demo refuses to run with SIGAP_ENV=production: the demo accounts have "
                "public passwords. Use --allow-production only on a training server."
            )
        if if_empty and Village.objects.exists():
            self.stdout.write("The database already holds a village: demo not built.")
            return
        ctx = demo.DemoContext(
            seed=seed,
            rng=random.Random(seed),  # noqa: S311 (demo data, not secrets)
            password=demo.demo_password(),
            people=people,
        )
        with transaction.atomic():
            for name, step in demo.steps():
                self.stdout.write(f"  demo: {name}")
                step(ctx)
        self.stdout.write(self.style.SUCCESS(f"Demo village built (seed {seed})."))
        for note in ctx.notes:
            self.stdout.write(note)
