import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sigap.accounts.models import User, UserRole
from sigap.core.roles import Role


class Command(BaseCommand):
    help = (
        "Create the first Admin Desa of a new installation (the user who then creates everyone "
        "else on the Pengguna page). The password is asked for, or read from "
        "SIGAP_ADMIN_PASSWORD for scripted installs."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--full-name", required=True)
        parser.add_argument("--email", default="")

    def handle(self, *args, username, full_name, email, **options):
        username = username.strip().lower()
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"User name {username!r} is already taken.")
        password = os.environ.get("SIGAP_ADMIN_PASSWORD") or self._ask_password()
        user = User(username=username, full_name=full_name.strip(), email=email)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        user.set_password(password)
        with transaction.atomic():
            user.save()
            UserRole.objects.create(user=user, role=Role.ADMIN_DESA)
        self.stdout.write(self.style.SUCCESS(f"Admin Desa {username!r} created."))

    def _ask_password(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return first
