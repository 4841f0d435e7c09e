"""Demo users: one per role, for the demo village."""

from sigap.accounts.models import User, UserRole
from sigap.core.demo import DEMO_USERNAMES, DemoContext
from sigap.core.roles import ROLE_TABLE, Role

DEMO_NAMES = {
    Role.ADMIN_DESA: "Lalu Ahmad Zainuri",
    Role.KOORDINATOR: "Baiq Nurul Hidayati",
    Role.PENDAMPING: "Siti Rohani",
    Role.KADER: "Inaq Sumiati",
    Role.PENGURUS_KOPERASI: "Muhammad Saleh",
    Role.MITRA: "Ni Made Ayu Lestari",
    Role.ANALIS: "Rizky Pratama",
}


def build_users(ctx: DemoContext) -> None:
    """One active user per role; the Kader works in the first dusun."""
    for role, username in DEMO_USERNAMES.items():
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": DEMO_NAMES[role]}
        )
        if created:
            user.set_password(ctx.password)
        user.dusun = ctx.dusun[0] if ROLE_TABLE[role].needs_dusun and ctx.dusun else None
        user.is_active = True
        user.save()
        UserRole.objects.get_or_create(user=user, role=role)
        ctx.logins.append((str(role.label), username, ctx.password))
