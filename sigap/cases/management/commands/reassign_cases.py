from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sigap.accounts.models import User
from sigap.cases import services


class Command(BaseCommand):
    help = (
        "Move every open case of a user who left (or was deactivated) to another user: the "
        "cases they supervise to a Koordinator, the cases they work to a case worker. The "
        "reason is written into each case's history."
    )

    def add_arguments(self, parser):
        parser.add_argument("from_username", help="The user whose cases move.")
        parser.add_argument("to_username", help="The active user who takes them over.")
        parser.add_argument("--reason", required=True, help="Why (kept in each case's history).")

    def handle(self, *args, from_username, to_username, reason, **options):
        users = {
            u.username: u for u in User.objects.filter(username__in=[from_username, to_username])
        }
        for name in (from_username, to_username):
            if name not in users:
                raise CommandError(f"No user named {name!r}.")
        try:
            moved = services.cases_reassign(
                from_user=users[from_username], to_user=users[to_username], reason=reason
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{moved['supervised']} supervised and {moved['worked']} worked open cases "
                f"moved from {from_username} to {to_username}."
            )
        )
