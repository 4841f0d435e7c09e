from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from sigap.core import demo
from sigap.core.roles import ROLE_TABLE


class Command(BaseCommand):
    help = "Print the demo log-ins (one per role) that seed_demo creates."

    def handle(self, *args, **options):
        users = get_user_model().objects.filter(username__in=demo.DEMO_USERNAMES.values())
        existing = set(users.values_list("username", flat=True))
        if not existing:
            self.stdout.write("No demo users in this database (run `manage.py seed_demo`).")
            return
        self.stdout.write(f"Demo log-ins (password for all: {demo.demo_password()}):")
        for role, spec in ROLE_TABLE.items():
            username = demo.DEMO_USERNAMES[role]
            if username in existing:
                self.stdout.write(f"  {str(spec.role.label):<18} {username}")
