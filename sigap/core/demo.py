"""The demo village, built by ``manage.py seed_demo``.

Each app contributes a step from its ``AppConfig.ready`` (core cannot import the apps above it);
steps run in registration order, which follows the architecture's layers. A step receives a
``DemoContext`` with a seeded ``random.Random``, so the same seed always builds the same village.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings

from sigap.core.models import Dusun, RukunTetangga, RukunWarga, Village
from sigap.core.roles import Role

DEMO_VILLAGE_CODE = "5201012007"  # Desa Babussalam, Kec. Gerung, Kab. Lombok Barat, NTB

# Only the first name is known from village sources; the others are illustrative.
DEMO_DUSUN = [
    "Bermi Karang Dalam Barat",
    "Bermi Karang Dalam Timur",
    "Babussalam Utara",
    "Babussalam Selatan",
    "Dasan Baru",
    "Kebon Lauk",
]

DEMO_USERNAMES: dict[Role, str] = {
    Role.ADMIN_DESA: "admin",
    Role.KOORDINATOR: "koordinator",
    Role.PENDAMPING: "pendamping",
    Role.KADER: "kader",
    Role.PENGURUS_KOPERASI: "koperasi",
    Role.MITRA: "mitra",
    Role.ANALIS: "analis",
}


@dataclass
class DemoContext:
    seed: int
    rng: random.Random
    password: str
    people: int = 9000  # the demo population's size (about the real village's)
    village: Village | None = None
    dusun: list[Dusun] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role label, user, pwd)
    notes: list[str] = field(default_factory=list)


_steps: list[tuple[str, Callable[[DemoContext], None]]] = []


def register_step(name: str, step: Callable[[DemoContext], None]) -> None:
    if name not in {existing for existing, _ in _steps}:
        _steps.append((name, step))


def steps() -> list[tuple[str, Callable[[DemoContext], None]]]:
    return list(_steps)


def demo_password() -> str:
    return getattr(settings, "SIGAP_DEMO_PASSWORD", "") or "sigap-demo-2026"


def build_territory(ctx: DemoContext) -> None:
    """Desa Babussalam with its dusun, 1–3 RW per dusun and 2–5 RT per RW."""
    village, _ = Village.objects.update_or_create(
        code=DEMO_VILLAGE_CODE,
        defaults={
            "name": "Babussalam",
            "postal_code": "83363",
            "address": "Jl. Raya Gerung, Desa Babussalam, Kec. Gerung, Kab. Lombok Barat",
        },
    )
    ctx.village = village
    rw_serial = 0
    for name in DEMO_DUSUN:
        dusun, _ = Dusun.objects.get_or_create(village=village, name=name)
        ctx.dusun.append(dusun)
        for _rw in range(ctx.rng.randint(1, 3)):
            rw_serial += 1
            rw, _ = RukunWarga.objects.get_or_create(dusun=dusun, number=f"{rw_serial:03d}")
            for rt_number in range(1, ctx.rng.randint(2, 5) + 1):
                RukunTetangga.objects.get_or_create(rw=rw, number=f"{rt_number:03d}")
